package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of the 叫应 board, as {@code {duty:key}}; Chinese in
 * {@code messages/duty_zh_CN.properties}. A bundle of its own (see {@link ReviewMessages}).
 */
@MessageBundle(value = "duty", locale = "en")
public interface DutyMessages {

    @Message("Call and respond (叫应), broadcast {id}")
    String title(long id);

    @Message("Call and respond")
    String link();

    @Message(
            "This broadcast has no call and respond: its warning colour does not start one, it is not an actual alert, or it is not approved yet.")
    String none();

    @Message("started {startedAt}")
    String started(String startedAt);

    @Message("Not answered yet")
    String notYet();

    @Message("Closed {closedAt}: {reason}")
    String closed(String closedAt, String reason);

    @Message("Open: unanswered steps are escalated on time.")
    String open();

    @Message("Reached")
    String reached();

    @Message("Answered")
    String answered();

    @Message("Unanswered")
    String unanswered();

    @Message("Escalated to backup")
    String toBackup();

    @Message("Escalated to superior")
    String toSuperior();

    @Message("First answer after")
    String firstAnswer();

    @Message("{seconds} s")
    String seconds(long seconds);

    @Message("Responsible person")
    String person();

    @Message("Area")
    String area();

    @Message("Messaged")
    String messaged();

    @Message("State")
    String state();

    @Message("Answer")
    String answer();

    @Message("Backup (B)")
    String backup();

    @Message("Superior")
    String superior();

    @Message("Replied TD / STOP (recorded; call-and-respond messages still go to them)")
    String optOuts();

    @Message("waiting")
    String stateWaiting();

    @Message("backup messaged")
    String stateBackup();

    @Message("superior messaged")
    String stateSuperior();

    @Message("answered")
    String stateAnswered();

    @Message("closed unanswered")
    String stateClosed();

    @Message("Red warning")
    String red();

    @Message("Orange warning")
    String orange();

    @Message("Yellow warning")
    String yellow();

    @Message("Blue warning")
    String blue();

    @Message("SMS reply")
    String bySms();

    @Message("link")
    String byLink();

    @Message("township head")
    String roleTownshipHead();

    @Message("village head")
    String roleVillageHead();

    @Message("grid worker")
    String roleGridWorker();

    @Message("duty officer")
    String roleDutyOfficer();

    @Message("A")
    String primary();

    @Message("B")
    String backupRank();

    @Message("call (pressed 1)")
    String byCall();

    @Message("Calls")
    String calls();

    @Message("{#if step == 'primary'}A{#else if step == 'backup'}B{#else}superior{/if} #{attempt}")
    String callStep(String step, int attempt);

    @Message(
            "{#if outcome == 'completed'}{#if digits == '1'}answered, pressed 1{#else}answered, no key{/if}{#else if outcome == 'busy'}busy{#else if outcome == 'no-answer'}no answer{#else if outcome == 'failed'}failed{#else if outcome == 'refused'}refused by the provider{#else if outcome == 'unknown'}outcome unknown{#else if outcome == 'skipped'}not needed{#else if state == 'QUEUED'}waiting{#else}ringing{/if}")
    String callOutcome(String outcome, String state, String digits);

    @Message("All call and respond")
    String all();

    @Message("Call and respond (叫应)")
    String listTitle();

    @Message("No call and respond yet: an approved red or orange actual warning starts one.")
    String listNone();

    @Message("{total} in all, newest first")
    String listCount(long total);

    @Message("Broadcast")
    String broadcast();

    @Message("Colour")
    String colour();

    @Message("Started")
    String startedAt();

    @Message("Escalated")
    String escalated();

    @Message("open")
    String stateOpen();

    @Message("closed")
    String stateDone();

    @Message("Call and respond")
    String nav();
}
