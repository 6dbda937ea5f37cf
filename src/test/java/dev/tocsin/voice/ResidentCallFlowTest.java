package dev.tocsin.voice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.fanout.DeliveryTracker;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sms.TwilioAccount;
import dev.tocsin.testing.BroadcastSteps;
import dev.tocsin.testing.OwnDatabase;
import dev.tocsin.testing.TwilioWebhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Voice as a channel: an urgent broadcast phones the residents who prefer a call (through the
 * real Twilio SDK to the built-in sandbox, whose callees answer or are busy by number prefix) and
 * texts everyone else; a busy resident is called again after the configured wait.
 */
@QuarkusTest
@TestProfile(ResidentCallFlowTest.Voice.class)
class ResidentCallFlowTest {

    /** First call busy, the second answered. */
    static final String BUSY_THEN_ANSWER = "+86134";

    static final String NO_ANSWER = "+86133";

    public static class Voice implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(OwnDatabase.config("rcall"));
            c.put("tocsin.duty.calls-per-second", "50");
            c.put("tocsin.voice.attempts", "2");
            c.put("tocsin.voice.retry-after", "2m");
            c.put("tocsin.voice.check-every", "off");
            c.put("tocsin.sandbox.call-outcomes.\"" + BUSY_THEN_ANSWER + "\"", "busy,no-press");
            c.put("tocsin.sandbox.call-outcomes.\"" + NO_ANSWER + "\"", "no-answer");
            return c;
        }
    }

    @Inject
    AudienceFixtures audience;

    @Inject
    AdjustableClock clock;

    @Inject
    dev.tocsin.console.DashboardFigures dashboard;

    @Inject
    java.time.Clock now;

    @Inject
    OccurrenceFirer firer;

    @Inject
    DeliveryTracker tracker;

    @Inject
    ResidentCalls calls;

    @Inject
    dev.tocsin.fanout.CallFanout callFanout;

    @Inject
    TwilioAccount account;

    private String village;

    @BeforeEach
    void setUp() {
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        village = audience.area("RV" + run, "石桥村" + run, AreaKind.VILLAGE, null);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String phone(String prefix) {
        return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private long resident(String phone, boolean prefersCall) {
        return ((Number) AudienceFixtures.operator()
                        .contentType(ContentType.JSON)
                        .body(Map.of("phone", phone, "areas", List.of(village), "prefersCall", prefersCall))
                        .post("/api/residents")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"))
                .longValue();
    }

    private String coldWave(String priority, String channels) {
        return """
                {"templateId":"cold-wave","language":"zh-CN","channels":%s,"priority":"%s",
                 "variables":{"area":"石桥村","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":["%s"]},"schedule":{"kind":"NOW"}}""".formatted(channels, priority, village);
    }

    private static String sandboxAuth() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN)
                                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath sandboxCalls(String phone) {
        return given().header("Authorization", sandboxAuth())
                .queryParam("to", phone)
                .get("/sandbox/twilio/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static int callCount(String phone) {
        return sandboxCalls(phone).getInt("total");
    }

    private static int smsCount(String phone) {
        return given().header("Authorization", sandboxAuth())
                .queryParam("to", phone)
                .get("/sandbox/twilio/messages")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }

    private static ResidentCall lastCall(long residentId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ResidentCall.<ResidentCall>find("residentId = ?1 order by attempt desc", residentId)
                        .firstResult());
    }

    private static ResidentCall call(long residentId, int attempt) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ResidentCall.<ResidentCall>find("residentId = ?1 and attempt = ?2", residentId, attempt)
                        .firstResult());
    }

    private static long ended(long residentId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ResidentCall.count("residentId = ?1 and state = ?2", residentId, ResidentCall.State.ENDED));
    }

    private static Occurrence occurrence(long broadcastId) {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        Occurrence.<Occurrence>find("broadcastId", broadcastId).firstResult());
    }

    private static JsonPath report(long id) {
        return AudienceFixtures.operator()
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void urgentBroadcastCallsResidentsWhoPreferACallInsteadOfTextingThemAndRetriesTheBusy() {
        String caller = AudienceFixtures.phone(); // +86139…: the sandbox's default callee answers
        String busyFirst = phone(BUSY_THEN_ANSWER);
        String texter = AudienceFixtures.phone();
        String optedOutCaller = AudienceFixtures.phone();
        long callerId = resident(caller, true);
        long busyId = resident(busyFirst, true);
        resident(texter, false);
        long optedOutId = resident(optedOutCaller, true);
        AudienceFixtures.operator()
                .post("/api/residents/" + optedOutId + "/opt-out")
                .then()
                .statusCode(200);

        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave("urgent", "[\"sms\",\"voice\"]"));
        firer.fireDue(now.instant(), "test-voice");
        Occurrence o = occurrence(id);
        assertThat(o.state).isEqualTo(OccurrenceState.FIRED);
        assertThat(o.outcome).contains("voice: 2 calls queued");

        await().atMost(Duration.ofSeconds(30)).until(() -> smsCount(texter) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(callerId) == 1 && ended(busyId) == 1);
        assertThat(callCount(caller)).isEqualTo(1);
        assertThat(smsCount(caller)).as("called instead of texted").isZero();
        assertThat(callCount(busyFirst)).isEqualTo(1);
        assertThat(smsCount(busyFirst)).isZero();
        assertThat(callCount(texter)).isZero();
        assertThat(callCount(optedOutCaller) + smsCount(optedOutCaller))
                .as("opted out: neither called nor texted")
                .isZero();
        assertThat(lastCall(callerId).outcome).isEqualTo("completed");
        assertThat(call(busyId, 1).outcome).isEqualTo("busy");
        assertThat(call(busyId, 2).state).as("the retry waits").isEqualTo(ResidentCall.State.QUEUED);
        String twiml = sandboxCalls(caller).getString("calls[0].twiml");
        assertThat(twiml).contains("<Play>").contains("/api/audio/").contains(".mp3</Play>");

        // The retry is queued for later: the occurrence is not completed while it waits.
        tracker.check();
        assertThat(occurrence(id).state).isEqualTo(OccurrenceState.FIRED);
        JsonPath before = report(id);
        assertThat(before.getInt("occurrences[0].voice.answered")).isEqualTo(1);
        assertThat(before.getInt("occurrences[0].voice.busy")).isEqualTo(1);
        assertThat(before.getInt("occurrences[0].voice.queued")).isEqualTo(1);
        assertThat(before.getBoolean("occurrences[0].live")).isTrue();
        calls.placeDue();
        assertThat(callCount(busyFirst)).as("no retry before retry-after").isEqualTo(1);

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.placeDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(busyId) == 2);
        assertThat(callCount(busyFirst)).isEqualTo(2);
        assertThat(lastCall(busyId).outcome).isEqualTo("completed");

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tracker.check();
            return occurrence(id).state == OccurrenceState.COMPLETED;
        });
        JsonPath after = report(id);
        assertThat(after.getInt("occurrences[0].voice.answered")).isEqualTo(2);
        assertThat(after.getInt("occurrences[0].voice.busy")).isEqualTo(1);
        assertThat(after.getInt("occurrences[0].voice.queued")).isZero();
        assertThat(after.getInt("occurrences[0].voice.placed")).isZero();
        assertThat(after.getInt("occurrences[0].voice.residents")).isEqualTo(2);
        assertThat(after.getInt("occurrences[0].voice.unreached")).isZero();

        // Firing again, or queueing the same residents again, calls nobody twice.
        firer.fireDue(now.instant(), "test-voice-2");
        assertThat(calls.queue(
                        id, o.id, null, List.of(new dev.tocsin.audience.Recipient(callerId, caller, "zh-CN")), true))
                .isZero();
        calls.placeDue();
        assertThat(callCount(caller)).isEqualTo(1);
        assertThat(callCount(busyFirst)).isEqualTo(2);
        assertThat(smsCount(texter)).isEqualTo(1);

        // A status callback with a wrong signature is refused and changes nothing.
        ResidentCall answered = lastCall(callerId);
        String url = account.callbackUrl(ResidentCalls.STATUS_PATH) + "?c=" + answered.id;
        Map<String, String> params = Map.of("CallSid", answered.callSid, "CallStatus", "busy");
        String forged = TwilioWebhooks.signature("not-the-auth-token", url, params);
        int status = TwilioWebhooks.post(ResidentCalls.STATUS_PATH + "?c=" + answered.id, params, forged)
                .statusCode();
        assertThat(status).isEqualTo(403);
        assertThat(lastCall(callerId).outcome).isEqualTo("completed");
        assertThat(lastCall(callerId).attempt).isEqualTo(1);
        // The genuine signature is accepted; a late repeat of a final status changes nothing either.
        String genuine = TwilioWebhooks.signature(account.authToken(), url, params);
        assertThat(TwilioWebhooks.post(ResidentCalls.STATUS_PATH + "?c=" + answered.id, params, genuine)
                        .statusCode())
                .isEqualTo(204);
        assertThat(lastCall(callerId).outcome).isEqualTo("completed");
        assertThat(lastCall(callerId).attempt).isEqualTo(1);
    }

    @Test
    void voiceOnlyCallsEveryAttemptOfAResidentWhoNeverAnswersAndShowsThemUnreached() {
        String silent = phone(NO_ANSWER);
        String texter = AudienceFixtures.phone();
        long silentId = resident(silent, true);
        resident(texter, false);
        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave("urgent", "[\"voice\"]"));
        firer.fireDue(now.instant(), "test-voice-only");
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(silentId) == 1);
        assertThat(call(silentId, 1).outcome).isEqualTo("no-answer");

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.placeDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(silentId) == 2);
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.placeDue();
        assertThat(callCount(silent)).as("attempts=2, no more").isEqualTo(2);
        assertThat(smsCount(silent) + smsCount(texter) + callCount(texter))
                .as("voice only: nobody texted, the resident without the preference not called")
                .isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tracker.check();
            return occurrence(id).state == OccurrenceState.COMPLETED;
        });
        JsonPath r = report(id);
        assertThat(r.getInt("occurrences[0].voice.no-answer")).isEqualTo(2);
        assertThat(r.getInt("occurrences[0].voice.answered")).isZero();
        assertThat(r.getInt("occurrences[0].voice.residents")).isEqualTo(1);
        assertThat(r.getInt("occurrences[0].voice.unreached")).isEqualTo(1);

        // The dashboard's failures list the occurrence with the resident no call reached.
        long occurrenceId = occurrence(id).id;
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> dashboard.figures())
                        .failures())
                .filteredOn(f -> f.occurrenceId() == occurrenceId)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.callsUnreached()).isEqualTo(1);
                    assertThat(f.smsFailed() + f.playsFailed()).isZero();
                });
        String page = given().cookies(
                        dev.tocsin.testing.ConsoleLogin.login(AudienceFixtures.OPERATOR, AudienceFixtures.PASSWORD))
                .header("Accept-Language", "zh-CN")
                .get("/console")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("呼叫未接通")
                .containsPattern(
                        "data-occurrence=\"" + occurrenceId + "\">.*?<td class=\"num calls-unreached\">1</td>");
    }

    @Test
    void withSmsTooAResidentTheCallsLeaveUnreachedIsTextedOnceAndTheOccurrenceWaitsForIt() {
        String silent = phone(NO_ANSWER);
        long silentId = resident(silent, true);
        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave("urgent", "[\"sms\",\"voice\"]"));
        firer.fireDue(now.instant(), "test-voice-fallback");
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(silentId) == 1);
        assertThat(callFanout.textUnreached())
                .as("a retry is left: not unreached yet")
                .isZero();
        assertThat(smsCount(silent)).isZero();

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.placeDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(silentId) == 2);
        assertThat(lastCall(silentId).texted).isEqualTo("due");
        tracker.check();
        assertThat(occurrence(id).state)
                .as("not settled while the unreached resident's text is due")
                .isEqualTo(OccurrenceState.FIRED);

        assertThat(callFanout.textUnreached()).isEqualTo(1);
        assertThat(callFanout.textUnreached()).as("texted once").isZero();
        // A repeat after a crash between the dispatch and the mark finds the row there already.
        QuarkusTransaction.requiringNew()
                .run(() -> ResidentCall.update("texted = 'due' where id = ?1", lastCall(silentId).id));
        callFanout.textUnreached();
        await().atMost(Duration.ofSeconds(30)).until(() -> smsCount(silent) == 1);
        assertThat(given().header("Authorization", sandboxAuth())
                        .queryParam("to", silent)
                        .get("/sandbox/twilio/messages")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("messages[0].body"))
                .as("the broadcast's own SMS text")
                .contains(QuarkusTransaction.requiringNew()
                        .call(() ->
                                dev.tocsin.broadcast.Broadcast.<dev.tocsin.broadcast.Broadcast>findById(id).smsText));

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            tracker.check();
            return occurrence(id).state == OccurrenceState.COMPLETED;
        });
        assertThat(smsCount(silent)).as("never twice").isEqualTo(1);
        JsonPath r = report(id);
        assertThat(r.getInt("occurrences[0].voice.unreached")).isEqualTo(1);
        assertThat(r.getInt("occurrences[0].voice.texted")).isEqualTo(1);

        // The broadcast's page shows the calls, the unreached resident and the text sent instead.
        String html = given().cookies(
                        dev.tocsin.testing.ConsoleLogin.login(AudienceFixtures.OPERATOR, AudienceFixtures.PASSWORD))
                .header("Accept-Language", "zh-CN")
                .get("/console/broadcasts/" + id + "/progress")
                .then()
                .statusCode(200)
                .extract()
                .path("html");
        assertThat(html)
                .contains("语音呼叫结果（共2次）")
                .contains("<li data-state=\"no-answer\">")
                .contains("每次呼叫均未接通：1人")
                .contains("已改发短信：1人");
        Map<String, Integer> sms = r.getMap("occurrences[0].sms");
        assertThat(sms.values().stream().mapToInt(Integer::intValue).sum())
                .as("the text is counted in the occurrence's SMS: " + sms)
                .isEqualTo(1);
    }

    @Test
    void aRoutineBroadcastAskingForVoiceIsRefusedNamingChannels() {
        AudienceFixtures.operator()
                .contentType("application/json")
                .body(coldWave("routine", "[\"sms\",\"voice\"]"))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("channels"));
    }
}
