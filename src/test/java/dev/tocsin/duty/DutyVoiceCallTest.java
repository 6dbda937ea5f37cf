package dev.tocsin.duty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sms.TwilioAccount;
import dev.tocsin.sms.TwilioHttpClient;
import dev.tocsin.testing.BroadcastSteps;
import dev.tocsin.testing.OwnDatabase;
import dev.tocsin.testing.Staff;
import dev.tocsin.testing.TwilioWebhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 叫应 voice calls end to end: the real Twilio SDK places calls over HTTP to the built-in sandbox,
 * whose callees press 1, press nothing or are busy by number prefix and answer with signed
 * callbacks. Red warnings here call as well as text (tocsin.duty.red.channels=sms,call).
 */
@QuarkusTest
@TestProfile(DutyVoiceCallTest.Calls.class)
class DutyVoiceCallTest {

    static final String BUSY = "+86137";
    static final String SILENT = "+86136";

    public static class Calls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(OwnDatabase.config("voice"));
            c.put("tocsin.duty.red.channels", "sms,call");
            c.put("tocsin.duty.calls-per-second", "50");
            c.put("tocsin.duty.call-attempts", "2");
            c.put("tocsin.duty.call-retry-after", "2m");
            c.put("tocsin.sandbox.call-outcomes.\"" + BUSY + "\"", "busy");
            c.put("tocsin.sandbox.call-outcomes.\"" + SILENT + "\"", "no-press");
            return c;
        }
    }

    @Inject
    AudienceFixtures audience;

    @Inject
    AdjustableClock clock;

    @Inject
    DutyCalls calls;

    @Inject
    DutyCallPacer pacer;

    @Inject
    DutyVoiceCalls voice;

    @Inject
    TwilioAccount account;

    private String run;
    private String town;

    @BeforeEach
    void setUp() {
        audience.ensureUsers();
        run = AudienceFixtures.run();
        town = audience.area("VT" + run, "石桥镇" + run, AreaKind.TOWN, null);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String phone(String prefix) {
        return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private String village(String code) {
        return audience.area(code + run, "村" + code + run, AreaKind.VILLAGE, town);
    }

    private static long person(String name, String mobile, String area, String rank) {
        return Staff.adminJson()
                .body(Map.of(
                        "name",
                        name,
                        "mobile",
                        mobile,
                        "area",
                        area,
                        "role",
                        "village-head",
                        "rank",
                        rank,
                        "language",
                        "zh-CN"))
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static long redWarning(List<String> areas) {
        String body = """
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],"priority":"urgent","colour":"red",
                 "variables":{"area":"石桥镇","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":%s},"schedule":{"kind":"NOW"}}""".formatted(areas.stream().map(a -> "\"" + a + "\"").toList());
        return BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                body);
    }

    private static String sandboxAuth() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN)
                                .getBytes(StandardCharsets.UTF_8));
    }

    /** The calls the sandbox received for this number, newest first. */
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

    /** The person's entry, once the start (which runs after the approval commits) has made it. */
    private static long entryOf(long personId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> DutyEntry.count("personId", personId)) == 1);
        return QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>find("personId", personId).firstResult().id);
    }

    /** Every call the sandbox received. */
    private static int allCalls() {
        return given().header("Authorization", sandboxAuth())
                .get("/sandbox/twilio/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }

    private static DutyEntry entry(long id) {
        return QuarkusTransaction.requiringNew().call(() -> DutyEntry.<DutyEntry>findById(id));
    }

    private static long ended(long entryId, int step) {
        return QuarkusTransaction.requiringNew()
                .call(() -> DutyVoiceCall.count(
                        "entryId = ?1 and step = ?2 and state = ?3", entryId, step, DutyVoiceCall.State.ENDED));
    }

    @Test
    void aPrimaryWhoPresses1IsAnsweredByCall() throws Exception {
        String v = village("P");
        String mobile = AudienceFixtures.phone(); // +86139…: the sandbox's default callee presses 1
        long a = person("钱进", mobile, v, "primary");
        long id = redWarning(List.of(v));
        long entry = entryOf(a);

        await().atMost(Duration.ofSeconds(30)).until(() -> entry(entry).state == DutyEntry.State.ANSWERED);
        DutyEntry e = entry(entry);
        assertThat(e.answerChannel).isEqualTo(AnswerChannel.CALL);
        assertThat(e.answeredBy).isEqualTo(a);
        assertThat(e.answeredAt).isNotNull();
        assertThat(callCount(mobile)).isEqualTo(1);
        String twiml = sandboxCalls(mobile).getString("calls[0].twiml");
        assertThat(twiml)
                .contains("<Gather numDigits=\"1\" action=\"http")
                .contains("/api/twilio/voice/gather?c=")
                .contains("timeout=\"8\"")
                .contains("<Say language=\"zh-CN\">")
                .contains("收到请按1");

        await().atMost(Duration.ofSeconds(30)).until(() -> ended(entry, DutyEntry.PRIMARY) == 1);
        // The sandbox answers the SDK's fetcher as Twilio would.
        String sid = sandboxCalls(mobile).getString("calls[0].sid");
        try (TwilioHttpClient http =
                new TwilioHttpClient(account.apiBase(), 2, Duration.ofSeconds(5), Duration.ofSeconds(15))) {
            Call fetched = Call.fetcher(sid)
                    .fetch(new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                            .httpClient(http)
                            .build());
            assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
            assertThat(fetched.getTo()).isEqualTo(mobile);
        }
        JsonPath rec = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rec.getString("entries[0].answerChannel")).isEqualTo("call");
        assertThat(rec.getString("entries[0].calls[0].step")).isEqualTo("primary");
        assertThat(rec.getInt("entries[0].calls[0].attempt")).isEqualTo(1);
        assertThat(rec.getString("entries[0].calls[0].outcome")).isEqualTo("completed");
        assertThat(rec.getString("entries[0].calls[0].digits")).isEqualTo("1");
        assertThat(rec.getString("entries[0].calls[0].placedAt")).isNotNull();
        String csv = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv).contains(",calls\r\n").contains("primary#1 completed");
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("tocsin_duty_calls_total{outcome=\"completed\"}"));
        // The console's board says the answer came by call, and lists the call with its outcome.
        Map<String, String> session = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", AudienceFixtures.APPROVER)
                .formParam("j_password", AudienceFixtures.PASSWORD)
                .post("/console/j_security_check")
                .getCookies();
        String board = given().cookies(session)
                .header("Accept-Language", "zh-CN")
                .get("/console/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(board)
                .contains("data-channel=\"call\">电话按1</span>")
                .containsPattern("data-step=\"primary\" data-outcome=\"completed\">A角第1次 钱进 [0-9: -]+: 接通，已按1<");
        String en = given().cookies(session)
                .header("Accept-Language", "en")
                .get("/console/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(en).contains("call (pressed 1)").containsPattern("A #1 钱进 [0-9: -]+: answered, pressed 1<");
    }

    @Test
    void aBusyPrimaryGetsEveryAttemptThenTheBackupIsCalled() {
        String v = village("B");
        String primary = phone(BUSY);
        String backup = AudienceFixtures.phone();
        long a = person("孙强", primary, v, "primary");
        long b = person("孙敏", backup, v, "backup");
        redWarning(List.of(v));
        long entry = entryOf(a);

        await().atMost(Duration.ofSeconds(30)).until(() -> ended(entry, DutyEntry.PRIMARY) == 1);
        assertThat(callCount(primary)).isEqualTo(1);
        calls.escalate();
        voice.placeDue();
        assertThat(callCount(primary)).as("no retry before call-retry-after").isEqualTo(1);

        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.escalate();
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(entry, DutyEntry.PRIMARY) == 2);
        assertThat(callCount(primary)).isEqualTo(2);

        // Past the backup's wait: the primary has had its call-attempts calls, the backup is called.
        clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        calls.escalate();
        calls.escalate();
        await().atMost(Duration.ofSeconds(30)).until(() -> entry(entry).state == DutyEntry.State.ANSWERED);
        assertThat(callCount(primary)).as("call-attempts calls, no more").isEqualTo(2);
        assertThat(callCount(backup)).isEqualTo(1);
        DutyEntry e = entry(entry);
        assertThat(e.answeredBy).isEqualTo(b);
        assertThat(e.answerChannel).isEqualTo(AnswerChannel.CALL);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> DutyVoiceCall.count("entryId = ?1 and outcome = ?2", entry, "busy")))
                .isEqualTo(2);
    }

    @Test
    void nobodyIsCalledTwiceForOneStepWhenRoundsRunTwiceAndConcurrently() throws Exception {
        List<String> villages = new ArrayList<>();
        List<String> primaries = new ArrayList<>();
        List<String> backups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String v = village("C" + i);
            villages.add(v);
            String p = phone(SILENT);
            String bk = phone(SILENT);
            primaries.add(p);
            backups.add(bk);
            person("甲" + i, p, v, "primary");
            person("乙" + i, bk, v, "backup");
        }
        long before = pacer.granted();
        int placedBefore = allCalls();
        redWarning(villages);
        rounds(4);
        rounds(4);
        for (String p : primaries) {
            await().atMost(Duration.ofSeconds(30)).until(() -> callCount(p) >= 1);
        }
        rounds(4);
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        rounds(4);
        rounds(4);
        for (String bk : backups) {
            await().atMost(Duration.ofSeconds(30)).until(() -> callCount(bk) >= 1);
        }
        rounds(4);
        // A callee who presses nothing completes the call: no retry; each step is called once.
        for (String p : primaries) {
            assertThat(callCount(p)).as(p).isEqualTo(1);
        }
        for (String bk : backups) {
            assertThat(callCount(bk)).as(bk).isEqualTo(1);
        }
        // calls-per-second: every call placed took exactly one slot of the pacer.
        assertThat(pacer.granted() - before).isEqualTo(allCalls() - placedBefore);
    }

    @Test
    void aPressOf1AfterThe叫应ClosedIsRecordedAndIgnored() {
        String v = village("X");
        String mobile = phone(SILENT);
        long a = person("周全", mobile, v, "primary");
        long id = redWarning(List.of(v));
        long entry = entryOf(a);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(entry, DutyEntry.PRIMARY) == 1);
        DutyVoiceCall call = QuarkusTransaction.requiringNew()
                .call(() -> DutyVoiceCall.<DutyVoiceCall>find("entryId", entry).firstResult());
        assertThat(call.outcome).isEqualTo("completed");
        assertThat(call.digits).as("the callee pressed nothing").isNull();
        AudienceFixtures.operator()
                .contentType("application/json")
                .body("{\"comment\":\"drill\"}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> entry(entry).state == DutyEntry.State.CLOSED);

        String url = account.callbackUrl("/api/twilio/voice/gather") + "?c=" + call.id;
        Map<String, String> press = Map.of("CallSid", call.callSid, "Digits", "1", "To", mobile);
        String twiml = TwilioWebhooks.post(
                        "/api/twilio/voice/gather?c=" + call.id,
                        press,
                        TwilioWebhooks.signature(account.authToken(), url, press))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(twiml).contains("<Response/>").doesNotContain("谢谢");
        assertThat(entry(entry).state).isEqualTo(DutyEntry.State.CLOSED);
        assertThat(entry(entry).answerChannel).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> DutyVoiceCall.<DutyVoiceCall>findById(call.id).digits))
                .as("recorded")
                .isEqualTo("1");
    }

    /** Runs {@code n} escalation rounds at once. */
    private void rounds(int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(pool.submit((Callable<Integer>) () -> {
                    go.await();
                    int claimed = calls.escalate();
                    voice.placeDue(); // placing races the rounds' own placing thread too
                    return claimed;
                }));
            }
            go.countDown();
            for (Future<Integer> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForgedSignatureIsRefusedAndAMalformedCallbackNamesTheField() {
        Map<String, String> params =
                Map.of("CallSid", "CA" + "0".repeat(32), "Digits", "1", "From", "+15005550006", "To", "+8613900000000");
        TwilioWebhooks.post("/api/twilio/voice/gather?c=1", params, "Zm9yZ2Vk")
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"));
        TwilioWebhooks.post("/api/twilio/voice/status?c=1", Map.of("CallSid", "CA" + "0".repeat(32)), null)
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"));
        Map<String, String> bad = Map.of("CallSid", "CA" + "0".repeat(32), "Digits", "1<script>");
        String url = account.callbackUrl("/api/twilio/voice/gather") + "?c=1";
        TwilioWebhooks.post(
                        "/api/twilio/voice/gather?c=1", bad, TwilioWebhooks.signature(account.authToken(), url, bad))
                .then()
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body(containsString("Digits"));
        // A signed press of 1 on a call nobody placed is answered and changes nothing.
        String ok = TwilioWebhooks.post(
                        "/api/twilio/voice/gather?c=1",
                        params,
                        TwilioWebhooks.signature(account.authToken(), url, params))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(ok).contains("<Response/>");
    }
}
