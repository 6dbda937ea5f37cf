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

    @Message("Too many failed sign-ins for this user from this computer. Wait up to {minutes} minutes, then try again.")
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

    @Message("The form was refused because it did not come from a page of this console, or it is too old. Go back, reload the page and try again.")
    String csrfText();

    @Message("Back to the dashboard")
    String backToDashboard();

    // CAP incoming warnings (dev.tocsin.console.CapIncomingPage)

    @Message("Incoming warnings")
    String cap_nav();

    @Message("Incoming warnings (CAP)")
    String cap_title();

    @Message("CAP alerts received from upstream services, newest first, and what each caused: drafts waiting for approval and proposals to withdraw.")
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
}
