package dev.tocsin.duty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sms.TwilioAccount;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The measured run, through the real outboxes, the Twilio SDK and the built-in sandbox:
 * 14 township heads and 200 villages with A and B persons, a red warning that texts and calls.
 * Callees behave by number prefix; every entry ends as the policy says, no step is texted or
 * called twice, and the record and the console board agree with what the sandbox received.
 */
@QuarkusTest
@TestProfile(DutyMeasuredRunTest.Run.class)
class DutyMeasuredRunTest {

    static final String PRESSES_1 = "+86139"; // the sandbox's default callee
    static final String NO_KEY = "+86136";
    static final String BUSY = "+86137";
    static final String NO_ANSWER = "+86135";

    public static class Run implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(OwnDatabase.config("measured"));
            c.put("tocsin.duty.red.channels", "sms,call");
            c.put("tocsin.duty.calls-per-second", "500");
            c.put("tocsin.duty.call-attempts", "2");
            c.put("tocsin.duty.call-retry-after", "2m");
            c.put("tocsin.sandbox.call-outcomes.\"" + NO_KEY + "\"", "no-press");
            c.put("tocsin.sandbox.call-outcomes.\"" + BUSY + "\"", "busy");
            c.put("tocsin.sandbox.call-outcomes.\"" + NO_ANSWER + "\"", "no-answer");
            return c;
        }
    }

    /** How a village's A and B behave: the four kinds, 50 villages each. */
    enum Kind {
        A_PRESSES_1,
        A_REPLIES_BY_SMS,
        B_PRESSES_1,
        NOBODY
    }

    record Village(String code, Kind kind, String a, String b, String head) {}

    @Inject
    AudienceFixtures audience;

    @Inject
    AdjustableClock clock;

    @Inject
    DutyCalls calls;

    @Inject
    TwilioAccount account;

    private int serial;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String phone(String prefix) {
        return prefix + String.format("%08d", 10_000_000 + serial++);
    }

    @Test
    void redWarningTo200VillagesEndsExactlyAsThePolicySays() {
        long began = System.nanoTime();
        audience.ensureUsers();
        String run = AudienceFixtures.run();
        List<String> heads = new ArrayList<>();
        List<String> towns = new ArrayList<>();
        List<Village> villages = new ArrayList<>();
        StringBuilder csv = new StringBuilder("name,mobile,area,role,rank,superior\n");
        for (int t = 0; t < 14; t++) {
            String town = "MT" + t + run;
            String head = phone(NO_KEY);
            towns.add(town);
            heads.add(head);
            csv.append("镇长")
                    .append(t)
                    .append(',')
                    .append(head)
                    .append(',')
                    .append(town)
                    .append(",township-head,A,\n");
        }
        for (int v = 0; v < 200; v++) {
            Kind kind = Kind.values()[v % 4];
            String code = "MV" + v + run;
            String a = phone(
                    switch (kind) {
                        case A_PRESSES_1 -> PRESSES_1;
                        case A_REPLIES_BY_SMS -> NO_KEY;
                        case B_PRESSES_1 -> BUSY;
                        case NOBODY -> NO_ANSWER;
                    });
            String b = phone(kind == Kind.NOBODY ? BUSY : PRESSES_1);
            Village village = new Village(code, kind, a, b, heads.get(v % 14));
            villages.add(village);
            csv.append("村A")
                    .append(v)
                    .append(',')
                    .append(a)
                    .append(',')
                    .append(code)
                    .append(",village-head,A,")
                    .append(village.head())
                    .append('\n');
            csv.append("村B")
                    .append(v)
                    .append(',')
                    .append(b)
                    .append(',')
                    .append(code)
                    .append(",village-head,B,")
                    .append(village.head())
                    .append('\n');
        }
        areas(towns, villages, run);
        JsonPath imported = Staff.admin()
                .contentType("text/csv; charset=UTF-8")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/duty/persons/import?commit=true")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(imported.getLong("inserted")).isEqualTo(414);
        long setUp = System.nanoTime();

        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                """
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],"priority":"urgent","colour":"red",
                 "variables":{"area":"全区","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-8},
                 "audience":{"areaCodes":%s},"schedule":{"kind":"NOW"}}""".formatted(towns.stream().map(t -> "\"" + t + "\"").toList()));

        // How soon the first person is texted and phoned after the approval answered (printed below).
        long approved = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !messages().isEmpty());
        long firstSms = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !callsTo().isEmpty());
        long firstCall = System.nanoTime();

        // Every primary is texted and called once; heads and the SMS kind answer by reply.
        await().atMost(Duration.ofSeconds(30)).until(() -> messages().size() == 214);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(0, 1) == 214);
        long started = System.nanoTime();
        heads.forEach(h -> reply(h, "收到"));
        villages.stream().filter(v -> v.kind() == Kind.A_REPLIES_BY_SMS).forEach(v -> reply(v.a(), "1"));

        // 2 min: the busy and unanswered A persons get their second call.
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.escalate();
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(0, 2) == 100);

        // 5 min: the B persons of the two silent kinds, texted and called once however often the round runs.
        clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        calls.escalate();
        calls.escalate();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages().size() == 314);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(1, 1) == 100);

        // 7 min: the busy B persons' second call; 10 min: the superiors of the 50 silent villages.
        clock.advance(Duration.ofMinutes(2).plusSeconds(5));
        calls.escalate();
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(1, 2) == 50);
        clock.advance(Duration.ofMinutes(3).plusSeconds(5));
        calls.escalate();
        calls.escalate();
        await().atMost(Duration.ofSeconds(20)).until(() -> messages().size() == 364);
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(2, 1) == 50);

        // What the sandbox received, per number, is exactly what the policy asks for.
        Map<String, Long> texts = messages().stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        Map<String, Long> rings = callsTo().stream().collect(Collectors.groupingBy(m -> m, Collectors.counting()));
        for (Village v : villages) {
            boolean toB = v.kind() == Kind.B_PRESSES_1 || v.kind() == Kind.NOBODY;
            assertThat(texts.get(v.a())).as("texts to A of %s", v).isEqualTo(1);
            assertThat(texts.getOrDefault(v.b(), 0L)).as("texts to B of %s", v).isEqualTo(toB ? 1 : 0);
            long aCalls = v.kind() == Kind.A_PRESSES_1 || v.kind() == Kind.A_REPLIES_BY_SMS ? 1 : 2;
            assertThat(rings.get(v.a())).as("calls to A of %s", v).isEqualTo(aCalls);
            long bCalls = v.kind() == Kind.NOBODY ? 2 : v.kind() == Kind.B_PRESSES_1 ? 1 : 0;
            assertThat(rings.getOrDefault(v.b(), 0L)).as("calls to B of %s", v).isEqualTo(bCalls);
        }
        for (String head : heads) {
            long silent = villages.stream()
                    .filter(v -> v.head().equals(head) && v.kind() == Kind.NOBODY)
                    .count();
            assertThat(texts.get(head)).as("texts to head %s", head).isEqualTo(1 + silent);
            assertThat(rings.get(head)).as("calls to head %s", head).isEqualTo(1 + silent);
        }

        // The record: each entry ends answered (by whom and how) or at the superior step.
        JsonPath rec = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rec.getInt("answered")).isEqualTo(164);
        assertThat(rec.getInt("unanswered")).isEqualTo(50);
        assertThat(rec.getInt("escalatedToBackup")).isEqualTo(100);
        assertThat(rec.getInt("escalatedToSuperior")).isEqualTo(50);
        assertThat(rec.getInt("reached")).isEqualTo(314);
        Map<String, Map<String, Object>> byName = rec.<Map<String, Object>>getList("entries").stream()
                .collect(Collectors.toMap(
                        e -> (String) ((Map<?, ?>) e.get("person")).get("name"), Function.identity()));
        for (int v = 0; v < 200; v++) {
            Map<String, Object> e = byName.get("村A" + v);
            Kind kind = villages.get(v).kind();
            String answeredBy =
                    e.get("answeredBy") == null ? null : (String) ((Map<?, ?>) e.get("answeredBy")).get("name");
            switch (kind) {
                case A_PRESSES_1 ->
                    assertThat(List.of(e.get("state"), e.get("answerChannel"), answeredBy))
                            .containsExactly("ANSWERED", "call", "村A" + v);
                case A_REPLIES_BY_SMS ->
                    assertThat(List.of(e.get("state"), e.get("answerChannel"), answeredBy))
                            .containsExactly("ANSWERED", "sms", "村A" + v);
                case B_PRESSES_1 ->
                    assertThat(List.of(e.get("state"), e.get("answerChannel"), answeredBy))
                            .containsExactly("ANSWERED", "call", "村B" + v);
                case NOBODY -> {
                    assertThat(e.get("state")).isEqualTo("SUPERIOR");
                    assertThat(((Map<?, ?>) e.get("superior")).get("name")).isEqualTo("镇长" + (v % 14));
                }
            }
            // The record lists as many calls for the entry as the sandbox rang for it.
            Village village = villages.get(v);
            long rang = rings.get(village.a()) + rings.getOrDefault(village.b(), 0L) + (kind == Kind.NOBODY ? 1 : 0);
            assertThat(((List<?>) e.get("calls")).size())
                    .as("calls of %s", village)
                    .isEqualTo(rang);
        }

        // The console board shows the same figures.
        Map<String, String> session = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", AudienceFixtures.APPROVER)
                .formParam("j_password", AudienceFixtures.PASSWORD)
                .post("/console/j_security_check")
                .getCookies();
        assertThat(given().cookies(session)
                        .get("/console/broadcasts/" + id + "/duty")
                        .asString())
                .contains("id=\"duty-reached\">314<")
                .contains("id=\"duty-answered\">164<")
                .contains("id=\"duty-unanswered\">50<")
                .contains("id=\"duty-to-backup\">100<")
                .contains("id=\"duty-to-superior\">50<");
        System.out.printf(
                "measured run: 414 persons, 364 SMS, %d calls; set-up %d ms, approval to the first SMS at the"
                        + " sandbox %d ms, to the first call %d ms, start to every primary texted and"
                        + " called %d ms, answers and escalation to the end %d ms%n",
                rings.values().stream().mapToLong(Long::longValue).sum(),
                Duration.ofNanos(setUp - began).toMillis(),
                Duration.ofNanos(firstSms - approved).toMillis(),
                Duration.ofNanos(firstCall - approved).toMillis(),
                Duration.ofNanos(started - setUp).toMillis(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The district in one transaction (the area API audits each area; 214 of them are set-up here). */
    private static void areas(List<String> towns, List<Village> villages, String run) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            Map<String, Area> byCode = new HashMap<>();
            for (int t = 0; t < towns.size(); t++) {
                byCode.put(towns.get(t), area(towns.get(t), "第" + t + "镇" + run, AreaKind.TOWN, null, now));
            }
            for (int v = 0; v < villages.size(); v++) {
                area(villages.get(v).code(), "第" + v + "村" + run, AreaKind.VILLAGE, byCode.get(towns.get(v % 14)), now);
            }
        });
    }

    private static Area area(String code, String name, AreaKind kind, Area parent, Instant now) {
        Area a = new Area();
        a.code = code;
        a.name = name;
        a.kind = kind;
        a.createdAt = now;
        a.path = "/";
        a.persist();
        a.placeUnder(parent);
        return a;
    }

    private void reply(String from, String body) {
        Map<String, String> params = Map.of("From", from, "To", TwilioAccount.SANDBOX_FROM_NUMBER, "Body", body);
        TwilioWebhooks.post(
                        TwilioAccount.INBOUND_PATH,
                        params,
                        TwilioWebhooks.signature(
                                account.authToken(), account.callbackUrl(TwilioAccount.INBOUND_PATH), params))
                .then()
                .statusCode(200);
    }

    /** Voice calls of a step and attempt that have ended. */
    private static long ended(int step, int attempt) {
        return QuarkusTransaction.requiringNew()
                .call(() -> DutyVoiceCall.count(
                        "step = ?1 and attempt = ?2 and state = ?3", step, attempt, DutyVoiceCall.State.ENDED));
    }

    private static String auth() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN)
                                .getBytes(StandardCharsets.UTF_8));
    }

    /** The recipient of every SMS the sandbox received. */
    private static List<String> messages() {
        List<String> to = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> got = given().header("Authorization", auth())
                    .queryParam("size", 1000)
                    .queryParam("page", page)
                    .get("/sandbox/twilio/messages")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("messages.to", String.class);
            to.addAll(got);
            if (got.size() < 1000) {
                return to;
            }
        }
    }

    /** The callee of every call the sandbox received. */
    private static List<String> callsTo() {
        return given().header("Authorization", auth())
                .get("/sandbox/twilio/calls")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("calls.to", String.class);
    }
}
