package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts. English lives here (a missing key fails the build); Chinese lives in
 * {@code messages/msg_zh_CN.properties}. Templates read them as {@code {msg:key}}.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    @Message("Tocsin console")
    String appName();

    @Message("Skip to main content")
    String skipToContent();

    @Message("Main navigation")
    String navLabel();

    @Message("Language")
    String language();

    @Message("Dashboard")
    String navDashboard();

    @Message("Areas")
    String navAreas();

    @Message("Audit log")
    String navAudit();

    @Message("Users")
    String navUsers();

    @Message("Signed in as {name}")
    String signedInAs(String name);

    @Message("Sign out")
    String logout();

    @Message("Roles")
    String roles();

    @Message("Operator")
    String roleOperator();

    @Message("Approver")
    String roleApprover();

    @Message("Admin")
    String roleAdmin();

    // Login
    @Message("Sign in")
    String loginTitle();

    @Message("User name")
    String loginUsername();

    @Message("Password")
    String loginPassword();

    @Message("Sign in")
    String loginSubmit();

    @Message("The user name or password is not right, or the account is disabled.")
    String loginFailed();

    @Message(
            "Too many failed sign-ins for this user from this computer. Wait up to {minutes} {#if minutes == 1}minute{#else}minutes{/if}, then try again.")
    String loginThrottled(long minutes);

    @Message("You are signed out.")
    String loggedOut();

    @Message("Your session has ended. Sign in again; the form you were filling in is kept in this browser.")
    String sessionEnded();

    // Dashboard
    @Message("What Tocsin holds today")
    String dashboardIntro();

    @Message("Areas")
    String countAreas();

    @Message("Residents")
    String countResidents();

    @Message("Opted out of SMS")
    String countOptedOut();

    @Message("Loudspeaker terminals")
    String countTerminals();

    @Message("of which enabled: {n}")
    String countEnabled(long n);

    @Message("Staff users")
    String countUsers();

    // Areas
    @Message("Area tree")
    String areasTitle();

    @Message("Residents and terminals are counted in each area and everything below it.")
    String areasIntro();

    @Message("Name")
    String areaName();

    @Message("Code")
    String areaCode();

    @Message("Kind")
    String areaKind();

    @Message("Residents")
    String areaResidents();

    @Message("Terminals")
    String areaTerminals();

    @Message("No areas yet.")
    String areasEmpty();

    // Audit
    @Message("Audit log")
    String auditTitle();

    @Message("Filter")
    String auditFilter();

    @Message("Actor")
    String auditActor();

    @Message("Subject starts with")
    String auditSubject();

    @Message("From (date)")
    String auditFrom();

    @Message("To (date, inclusive)")
    String auditTo();

    @Message("Apply filter")
    String auditApply();

    @Message("Clear")
    String auditClear();

    @Message("Time")
    String auditAt();

    @Message("Action")
    String auditAction();

    @Message("Subject")
    String auditSubjectColumn();

    @Message("Detail")
    String auditDetail();

    @Message("No entries match.")
    String auditEmpty();

    @Message("Showing the newest {n} entries; narrow the filter to see older ones.")
    String auditLimited(int n);

    @Message("Times are in {zone}.")
    String auditZone(String zone);

    @Message("must be a date like 2026-01-31")
    String invalidDate();

    @Message("must not be before the start date")
    String toBeforeFrom();

    // Users
    @Message("Staff users")
    String usersTitle();

    @Message("New user")
    String usersNew();

    @Message("Display name")
    String userDisplayName();

    @Message("Password (at least 10 characters)")
    String userPassword();

    @Message("Lowercase letters, digits, '.', '_' or '-'.")
    String userUsernameHint();

    @Message("Create user")
    String userCreate();

    @Message("Status")
    String userStatus();

    @Message("Enabled")
    String userEnabled();

    @Message("Disabled")
    String userDisabled();

    @Message("Disable")
    String userDisable();

    @Message("Enable")
    String userEnable();

    @Message("Save roles")
    String userSaveRoles();

    @Message("Roles of {name}")
    String userRolesOf(String name);

    @Message("Actions")
    String userActions();

    @Message("User {name} created.")
    String userCreated(String name);

    @Message("Roles of {name} saved.")
    String userRolesSaved(String name);

    @Message("{name} is now disabled.")
    String userNowDisabled(String name);

    @Message("{name} is now enabled.")
    String userNowEnabled(String name);

    @Message("The form has errors; see the fields below.")
    String formHasErrors();

    @Message("Draft restored from this browser.")
    String draftRestored();

    @Message("Working…")
    String working();

    // Errors
    @Message("Not allowed")
    String forbiddenTitle();

    @Message("Your role does not allow this page or action.")
    String forbiddenText();

    @Message("Form refused")
    String csrfTitle();

    @Message(
            "The form was refused because it did not come from a page of this console, or it is too old. Go back, reload the page and try again.")
    String csrfText();

    @Message("Back to the dashboard")
    String backToDashboard();

    // Compose
    @Message("Compose")
    String navCompose();

    @Message("Compose a broadcast")
    String composeTitle();

    @Message("update of broadcast {id}")
    String composeUpdateOf(Long id);

    @Message(
            "Pick a notice, fill it in, choose the villages and when it goes out. The preview shows exactly what residents will read and hear. Submitting sends it to an approver.")
    String composeIntro();

    @Message("Notice template")
    String composeTemplate();

    @Message("Use this template")
    String composeUseTemplate();

    @Message("Notice")
    String composeVariables();

    @Message("From")
    String composeFrom();

    @Message("To")
    String composeTo();

    @Message("Language")
    String composeLanguage();

    @Message("Dialect (loudspeaker)")
    String composeDialect();

    @Message("Default for the language")
    String composeDialectDefault();

    @Message("Areas")
    String composeAreas();

    @Message("A town includes its villages. Counts: residents / terminals.")
    String composeAreasHint();

    @Message(
            "{residents} {#if residents == 1}resident{#else}residents{/if} · {terminals} {#if terminals == 1}terminal{#else}terminals{/if}")
    String composeAreaCounts(long residents, long terminals);

    @Message("Channels")
    String composeChannels();

    @Message("SMS")
    String composeChannelSms();

    @Message("Loudspeakers")
    String composeChannelLoudspeaker();

    @Message("Priority")
    String composePriority();

    @Message("Routine")
    String composeRoutine();

    @Message("Urgent")
    String composeUrgent();

    @Message("Status (CAP)")
    String composeStatus();

    @Message("In quiet hours")
    String composeQuietHours();

    @Message("Wait until they end")
    String composeQuietWait();

    @Message("Skip that occurrence")
    String composeQuietSkip();

    @Message("When")
    String composeSchedule();

    @Message("Now (after approval)")
    String composeKindNow();

    @Message("Once")
    String composeKindOnce();

    @Message("Every day")
    String composeKindRecurring();

    @Message("Seasonal")
    String composeKindSeasonal();

    @Message("Date and time")
    String composeAt();

    @Message("Times of day")
    String composeTimes();

    @Message("First day")
    String composeFromDate();

    @Message("Last day")
    String composeToDate();

    @Message("Season starts (anchor)")
    String composeSeasonFrom();

    @Message("Season ends (anchor)")
    String composeSeasonTo();

    @Message("Year")
    String composeYear();

    @Message("Submit for approval")
    String composeSubmit();

    @Message("Preview")
    String composePreview();

    @Message("The preview appears as you type.")
    String composePreviewHint();

    @Message("Preview up to date.")
    String composePreviewOk();

    @Message("{n} field(s) need attention.")
    String composePreviewErrors(String n);

    @Message("SMS")
    String composeSmsPreview();

    @Message("{segments} segment(s), {units} characters ({encoding})")
    String composeSegments(String segments, String units, String encoding);

    @Message("Loudspeaker script")
    String composeScriptPreview();

    @Message("Highlighted words are dialect rewrites (hover for the original).")
    String composeRewritesHint();

    @Message("Loudspeaker audio")
    String composeAudio();

    @Message("Render and play")
    String composeRenderAudio();

    @Message("Rendering…")
    String composeRendering();

    @Message("Occurrences")
    String composeOccurrences();

    @Message("moved from %f")
    String composeShifted();

    @Message("skipped")
    String composeSkipped();

    // Approvals and broadcasts
    @Message("Approvals")
    String navApprovals();

    @Message("Broadcasts")
    String navBroadcasts();

    @Message("Calendar")
    String navCalendar();

    @Message("Sandbox outbox")
    String navSandbox();

    @Message("Approvals")
    String apTitle();

    @Message(
            "Broadcasts waiting for a second person. Check exactly what goes out, to whom and when, then approve or reject with a reason.")
    String apIntro();

    @Message("Nothing is waiting for approval.")
    String apEmpty();

    @Message("Broadcast {id} was not changed:")
    String apRefused(long id);

    @Message("Broadcast {id} was rejected.")
    String apRejected(long id);

    @Message("Approve")
    String apApprove();

    @Message("Reject")
    String apReject();

    @Message("Reason for rejecting")
    String apComment();

    @Message("What goes out")
    String bcWhatGoesOut();

    @Message("Where and when")
    String bcWhereAndWhen();

    @Message("{n} SMS segment(s)")
    String bcSegments(int n);

    @Message(
            "If it went out now: SMS to {residents} {#if residents == 1}resident{#else}residents{/if} ({optedOut} opted-out {#if optedOut == 1}number{#else}numbers{/if} left out), {terminals} {#if terminals == 1}terminal{#else}terminals{/if}.")
    String bcAudienceTotal(long residents, long optedOut, long terminals);

    @Message("moved from {from}")
    String bcShiftedFrom(String from);

    @Message("Written by {by} · {priority} · {status}")
    String bcMeta(String by, String priority, String status);

    @Message("Broadcasts")
    String bcListTitle();

    @Message("Status")
    String bcStatus();

    @Message("All")
    String bcAll();

    @Message("Show")
    String bcFilter();

    @Message("Written by")
    String bcCreatedBy();

    @Message("Approved by")
    String bcApprovedBy();

    @Message("Last change")
    String bcUpdated();

    @Message("Broadcast {id}")
    String bcTitle(long id);

    @Message("Submitted for approval. An approver (another person) must approve it before it goes out.")
    String bcSubmitted();

    @Message("Approved. It goes out as scheduled.")
    String bcApproved();

    @Message("Cancelled. Queued messages and pending plays were withdrawn.")
    String bcCancelled();

    @Message("Delivery report")
    String bcReport();

    @Message("Nothing has been planned yet: occurrences are planned when the broadcast is approved.")
    String bcNoOccurrences();

    @Message("SMS by state ({n})")
    String bcSmsChart(long n);

    @Message("Loudspeaker plays by state ({n})")
    String bcPlaysChart(long n);

    @Message("Delivered:")
    String bcDelivered();

    @Message("Coverage by area")
    String bcCoverage();

    @Message("Channel")
    String bcChannel();

    @Message("Targeted")
    String bcTargeted();

    @Message("Delivered / played")
    String bcDone();

    @Message("Share")
    String bcShare();

    @Message("Change")
    String bcActions();

    @Message("Update (new version, needs approval)")
    String bcUpdate();

    @Message("Reason for cancelling")
    String bcCancelReason();

    @Message("Cancel broadcast")
    String bcCancel();

    @Message("Timeline")
    String bcTimeline();

    // Calendar and sandbox outbox
    @Message("Seasonal calendar {year}")
    String calTitle(String year);

    @Message("Festivals and solar terms")
    String calEvents();

    @Message("Date")
    String calDate();

    @Message("Name")
    String calName();

    @Message("Anchor (for seasonal schedules)")
    String calAnchor();

    @Message("Seasonal campaigns")
    String calCampaigns();

    @Message("From {from} to {to}, every {every} day(s)")
    String calCampaignRule(String from, String to, int every);

    @Message("Heating seasons")
    String calHeating();

    @Message("Use an anchor such as SPRING_FESTIVAL-10d in the compose page's seasonal schedule.")
    String calHint();

    @Message("Sandbox outbox")
    String sbTitle();

    @Message("The SMS the simulated carrier received. Nothing here reached a phone.")
    String sbIntro();

    @Message("Phone number")
    String sbTo();

    @Message("messages")
    String sbTotal();

    @Message("numbers")
    String sbRecipients();

    @Message("duplicates")
    String sbDuplicates();

    @Message("{shown} of {total} shown, newest first")
    String sbShown(int shown, long total);

    @Message("Received")
    String sbCreated();

    @Message("Text")
    String sbBody();

    @Message("Segments")
    String sbSegments();

    // Terminals
    @Message("Terminals")
    String navTerminals();

    @Message("Loudspeaker terminals")
    String tmTitle();

    @Message("Terminal {code} registered.")
    String tmCreated(String code);

    @Message("A new token was issued for {code}; the old one no longer works.")
    String tmRotated(String code);

    @Message("Terminal {code} disabled.")
    String tmDisabled(String code);

    @Message("Terminal {code} enabled.")
    String tmEnabled(String code);

    @Message("Device token of {code}")
    String tmTokenTitle(String code);

    @Message(
            "Copy it into the terminal now. It is shown only this once and is not stored in readable form; if it is lost, rotate it.")
    String tmTokenOnce();

    @Message("No terminals yet.")
    String tmNone();

    @Message("{online} online, {offline} offline")
    String tmOnlineOffline(long online, long offline);

    @Message("Code")
    String tmCode();

    @Message("Name")
    String tmName();

    @Message("Health")
    String tmHealth();

    @Message("Last heartbeat")
    String tmLastSeen();

    @Message("Enabled")
    String tmState();

    @Message("Token revoked")
    String tmRevoked();

    @Message("New token")
    String tmRotate();

    @Message("Register a terminal")
    String tmNew();

    @Message("Area code")
    String tmArea();

    @Message("Time zone")
    String tmZone();

    @Message("Volume preset (0-100)")
    String tmVolume();

    @Message("Register")
    String tmCreate();

    // Residents
    @Message("Residents")
    String navResidents();

    @Message("Residents")
    String rsTitle();

    @Message("The resident is opted out: no routine SMS reach this number.")
    String rsNowOptedOut();

    @Message("The resident is subscribed again.")
    String rsNowSubscribed();

    @Message("Import committed.")
    String rsImported();

    @Message("Import committed")
    String rsImportDone();

    @Message("Dry run: nothing has been written yet")
    String rsDryRun();

    @Message("rows read")
    String rsRowsRead();

    @Message("accepted")
    String rsAccepted();

    @Message("rejected")
    String rsRejected();

    @Message("new")
    String rsInserted();

    @Message("updated")
    String rsUpdated();

    @Message("skipped")
    String rsSkipped();

    @Message("Rows ({listed} listed, {omitted} counted but not listed)")
    String rsRowsListed(int listed, long omitted);

    @Message("Row")
    String rsRow();

    @Message("Action")
    String rsAction();

    @Message("Reason")
    String rsReason();

    @Message("Import the {accepted} accepted rows of this same file? Rejected rows are left out.")
    String rsCommitHint(long accepted);

    @Message("Import now")
    String rsCommit();

    @Message("Search")
    String rsSearch();

    @Message("{total} {#if total == 1}resident{#else}residents{/if} found")
    String rsFound(long total);

    @Message("SMS")
    String rsConsent();

    @Message("opted out")
    String rsOptedOut();

    @Message("subscribed")
    String rsSubscribed();

    @Message("Subscribe again")
    String rsOptIn();

    @Message("Opt out")
    String rsOptOut();

    @Message("Previous")
    String rsPrevious();

    @Message("Next")
    String rsNext();

    @Message("Import residents (CSV)")
    String rsImport();

    @Message(
            "Columns: phone, name, area (code), language, tags; Chinese headers such as 手机号 and 村 work too. UTF-8 or GBK. The file is checked first; nothing is written until you confirm.")
    String rsImportHint();

    @Message("CSV file")
    String rsFile();

    @Message("Numbers already listed")
    String rsDuplicates();

    @Message("Leave them as they are")
    String rsDupSkip();

    @Message("Update them from the file")
    String rsDupUpdate();

    @Message("Check the file (dry run)")
    String rsCheck();
    // CAP incoming warnings (dev.tocsin.console.CapIncomingPage)

    @Message("Incoming warnings")
    String cap_nav();

    @Message("Incoming warnings (CAP)")
    String cap_title();

    @Message(
            "CAP alerts received from upstream services, newest first, and what each caused: drafts waiting for approval and proposals to withdraw.")
    String cap_intro();

    @Message("No warning has been received yet.")
    String cap_empty();

    @Message("Received")
    String cap_received();

    @Message("Alert")
    String cap_alert();

    @Message("Sender")
    String cap_sender();

    @Message("Signature")
    String cap_signature();

    @Message("Caused")
    String cap_caused();

    @Message("nothing")
    String cap_nothing();

    @Message("broadcast")
    String cap_broadcast();

    @Message("Going out and coming up")
    String dashActive();

    @Message("No broadcast is being sent or waiting for its time.")
    String dashNoActive();

    @Message("Next")
    String dashNext();

    @Message("none planned")
    String dashNoNext();

    @Message("Waiting for approval: {n}")
    String dashPending(long n);

    @Message("Open the approvals inbox")
    String dashOpenApprovals();

    @Message("Today ({day})")
    String dashToday(String day);

    @Message("SMS deliveries: {n}")
    String dashSmsToday(long n);

    @Message("Loudspeaker plays: {n}")
    String dashPlaysToday(long n);

    @Message("None yet today.")
    String dashNothingYet();

    @Message("Offline terminals: {n}")
    String dashOffline(long n);

    @Message("Every enabled terminal is online.")
    String dashAllOnline();

    @Message("Last heartbeat")
    String dashLastSeen();

    @Message("never")
    String dashNeverSeen();

    @Message("Failures needing attention")
    String dashFailures();

    @Message("No failed delivery or play today.")
    String dashNoFailures();

    @Message("Occurrence")
    String dashOccurrence();

    @Message("SMS failed")
    String dashSmsFailed();

    @Message("SMS undelivered")
    String dashSmsUndelivered();

    @Message("Plays failed")
    String dashPlaysFailed();

    @Message("Plays missed")
    String dashPlaysMissed();

    @Message("Broadcast")
    String dashBroadcast();

    @Message("State")
    String dashState();

    @Message("Importing residents")
    String dashImportTitle();

    @Message("Rows processed")
    String dashImportProgress();

    @Message("The import is running; this page updates by itself.")
    String dashImportRunning();

    @Message("Import committed.")
    String dashImportDone();

    @Message("The import failed and nothing was written:")
    String dashImportFailed();

    @Message("Back to residents")
    String dashImportBack();

    @Message("Withdraw the broadcast")
    String cap_accept();

    @Message("Keep it (dismiss)")
    String cap_dismiss();

    @Message("Proposal {id} accepted: the broadcast is cancelled.")
    String cap_proposalAccepted(String id);

    @Message("Proposal {id} dismissed: the broadcast stays.")
    String cap_proposalDismissed(String id);

    @Message("SMS in {language}")
    String bcSmsIn(String language);

    @Message("Residents whose language has no text of its own get the first one.")
    String bcSmsOthersGetFirst();

    @Message(
            "Over this template's limit of {limit} segments: it costs more, but these residents read the notice in their language.")
    String bcSmsOverLimit(int limit);
}
