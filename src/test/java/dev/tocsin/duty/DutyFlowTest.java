package dev.tocsin.duty;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.platform.AdjustableClock;
import dev.tocsin.sms.SmsDelivery;
import dev.tocsin.sms.SmsDispatch;
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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 叫应 end to end through the real SMS outbox and the built-in Twilio sandbox: a red warning
 * approved reaches every primary responsible person once, answers come by signed SMS reply and by
 * link, the silent one is escalated to the backup and then the superior exactly once each.
 */
@QuarkusTest
@TestProfile(DutyFlowTest.OwnDb.class)
class DutyFlowTest {

    /**
     * Its own database: an escalation round works on every open 叫应, and the counts asserted here
     * must not include those other test classes leave open in the shared one.
     */
    public static class OwnDb implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return OwnDatabase.config("duty");
        }
    }

    private static final Pattern LINK =
            Pattern.compile("https?://[^\\s，。]+/duty/a/[0-9A-Za-z_-]+-[0-9A-Za-z_-]+-[0-9A-Za-z_-]+");

    @Inject
    AudienceFixtures audience;

    @Inject
    AdjustableClock clock;

    @Inject
    DutyCalls calls;

    @Inject
    Clock wallClock;

    @Inject
    TwilioAccount account;

    private String run;
    private String town;
    private String v1;
    private String v2;
    private String v3;

    @BeforeEach
    void setUp() {
        audience.ensureUsers();
        run = AudienceFixtures.run();
        town = audience.area("FT" + run, "新桥镇" + run, AreaKind.TOWN, null);
        v1 = audience.area("F1" + run, "双山村" + run, AreaKind.VILLAGE, town);
        v2 = audience.area("F2" + run, "Riverside " + run, AreaKind.VILLAGE, town);
        v3 = audience.area("F3" + run, "石门村" + run, AreaKind.VILLAGE, town);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static long person(
            String name, String mobile, String area, String role, String rank, Long superior, String lang) {
        var body = new java.util.HashMap<String, Object>(
                Map.of("name", name, "mobile", mobile, "area", area, "role", role, "rank", rank, "language", lang));
        if (superior != null) {
            body.put("superiorId", superior);
        }
        return Staff.adminJson()
                .body(body)
                .post("/api/duty/persons")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static String coldWave(List<String> areas, String colour) {
        return """
                {"templateId":"cold-wave","language":"zh-CN","channels":["sms"],"priority":"urgent",%s
                 "variables":{"area":"新桥镇","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":%s},"schedule":{"kind":"NOW"}}""".formatted(
                        colour == null ? "" : "\"colour\":\"" + colour + "\",",
                        areas.stream().map(a -> "\"" + a + "\"").toList());
    }

    private static List<String> bodies(String phone) {
        return dev.tocsin.testing.SandboxSms.bodies(phone);
    }

    private String reply(String from, String body) {
        Map<String, String> params = Map.of("From", from, "To", TwilioAccount.SANDBOX_FROM_NUMBER, "Body", body);
        String url = account.callbackUrl(TwilioAccount.INBOUND_PATH);
        return TwilioWebhooks.post(
                        TwilioAccount.INBOUND_PATH, params, TwilioWebhooks.signature(account.authToken(), url, params))
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Outbox rows of one step's reference: one, or the step was sent twice. */
    private static long rows(String ref) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SmsDispatch.findByExternalRef(ref)
                        .map(d -> SmsDelivery.count("dispatchId", d.id))
                        .orElse(0L));
    }

    private static String path(String link) {
        return link.substring(link.indexOf("/duty/a/"));
    }

    @Test
    void redWarningIsAnsweredByReplyAndLinkAndTheSilentVillageIsEscalatedOnce() {
        String headPhone = AudienceFixtures.phone();
        String p1 = AudienceFixtures.phone();
        String p1b = AudienceFixtures.phone();
        String p2 = AudienceFixtures.phone();
        String p3 = AudienceFixtures.phone();
        String p3b = AudienceFixtures.phone();
        String grid = AudienceFixtures.phone();
        long head = person("王建国", headPhone, town, "township-head", "primary", null, "zh-CN");
        long a1 = person("李红", p1, v1, "village-head", "primary", head, "zh-CN");
        person("李明", p1b, v1, "village-head", "backup", head, "zh-CN");
        person("Mary Chen", p2, v2, "village-head", "primary", head, "en");
        long a3 = person("赵刚", p3, v3, "village-head", "primary", head, "zh-CN");
        long b3 = person("孙丽", p3b, v3, "village-head", "backup", head, "zh-CN");
        // Grid workers are not among the red policy's default posts.
        person("周平", grid, v3, "grid-worker", "primary", head, "zh-CN");

        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave(List.of(v1, v2, v3), "red"));

        // Every primary person of the villages and of their town gets exactly one SMS.
        for (String phone : List.of(headPhone, p1, p2, p3)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> bodies(phone).size() == 1);
        }
        String zh = bodies(p1).get(0);
        assertThat(zh).startsWith("【资阳区应急管理局】").contains("寒潮").contains("收到请回复1");
        assertThat(zh.indexOf("【资阳区应急管理局】", 1)).as("signed once").isEqualTo(-1);
        String en = bodies(p2).get(0);
        assertThat(en).contains("Reply 1 or OK to confirm receipt");
        assertThat(bodies(grid)).isEmpty();
        assertThat(bodies(p1b)).isEmpty();

        // The head and village 1 answer by SMS; village 2 by the link in its SMS.
        assertThat(reply(p1, " 1 ")).contains("<Message><Body>已确认收到");
        assertThat(reply(headPhone, "收到。")).contains("已确认收到");
        Matcher m = LINK.matcher(en);
        assertThat(m.find()).as("a link in " + en).isTrue();
        String link = path(m.group());
        // Opening the link (as a chat app's preview does) only shows the button; twice changes nothing.
        for (int i = 0; i < 2; i++) {
            given().get(link)
                    .then()
                    .statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Referrer-Policy", "no-referrer")
                    .body(containsString("<form method=\"post\">"))
                    .body(containsString("Confirm receipt"));
        }
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> DutyEntry.count("answerChannel = ?1", AnswerChannel.LINK)))
                .as("a GET records no answer")
                .isZero();
        given().contentType("application/x-www-form-urlencoded")
                .post(link)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Confirmed"));
        given().get(link).then().statusCode(200).body(containsString("Already confirmed"));
        given().contentType("application/x-www-form-urlencoded")
                .post(link)
                .then()
                .statusCode(200)
                .body(containsString("Already confirmed"));
        given().get(link.substring(0, link.length() - 2) + "xx")
                .then()
                .statusCode(404)
                .body(containsString("链接无效"));
        given().post(link.substring(0, link.length() - 2) + "xx").then().statusCode(404);
        given().get("/duty/a/nonsense").then().statusCode(404);

        // A number not on the roster answering is recorded and ignored.
        String stranger = AudienceFixtures.phone();
        assertThat(reply(stranger, "1")).doesNotContain("<Message>");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> DutyInbound.count(
                                "mobile = ?1 and outcome = ?2", stranger, DutyInbound.Outcome.UNKNOWN_NUMBER)))
                .isEqualTo(1);

        long entry3 = QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>find("personId", a3).firstResult().id);
        calls.escalate();
        assertThat(rows(DutyCalls.ref(entry3, DutyEntry.BACKUP_STEP)))
                .as("nothing before the wait")
                .isZero();

        // Past 5 minutes: the backup of the silent village, once however often the job runs.
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        calls.escalate();
        calls.escalate();
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(p3b).size() == 1);
        assertThat(rows(DutyCalls.ref(entry3, DutyEntry.BACKUP_STEP))).isEqualTo(1);
        assertThat(bodies(p3b).get(0)).contains("赵刚（A角）未确认收到此预警，请您作为B角确认并落实").contains("收到请回复1");
        assertThat(bodies(p1b))
                .as("village 1 answered: its backup is left alone")
                .isEmpty();
        assertThat(bodies(headPhone)).hasSize(1);

        // Past 10 minutes: the superior.
        clock.advance(Duration.ofMinutes(5));
        calls.escalate();
        calls.escalate();
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(headPhone).size() == 2);
        assertThat(rows(DutyCalls.ref(entry3, DutyEntry.SUPERIOR_STEP))).isEqualTo(1);
        assertThat(bodies(headPhone)).anySatisfy(b -> assertThat(b).contains("赵刚超过10分钟未确认收到此预警，请督促落实"));
        assertThat(bodies(p3)).hasSize(1);

        // TD from the silent head is recorded and shown; the record has the whole loop.
        assertThat(reply(p3, "TD")).contains("您在叫应责任人名单上");
        JsonPath rec = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rec.getString("colour")).isEqualTo("red");
        assertThat(rec.getString("state")).isEqualTo("OPEN");
        assertThat(rec.getInt("answered")).isEqualTo(3);
        assertThat(rec.getInt("unanswered")).isEqualTo(1);
        assertThat(rec.getInt("escalatedToBackup")).isEqualTo(1);
        assertThat(rec.getInt("escalatedToSuperior")).isEqualTo(1);
        assertThat(rec.getInt("reached")).isEqualTo(5); // four primaries and one backup; the superior is also a primary
        assertThat(rec.getLong("firstAnswerSeconds")).isNotNull();
        assertThat(rec.getInt("answeredWithin5Minutes")).isEqualTo(3);
        assertThat(rec.getInt("answeredWithin10Minutes")).isEqualTo(3);
        assertThat(rec.getString("entries.find { it.person.id == " + a1 + " }.answerChannel"))
                .isEqualTo("sms");
        assertThat(rec.getString("entries.find { it.person.name == 'Mary Chen' }.answerChannel"))
                .isEqualTo("link");
        assertThat(rec.getLong("entries.find { it.person.id == " + a3 + " }.backup.id"))
                .isEqualTo(b3);
        assertThat(rec.getLong("entries.find { it.person.id == " + a3 + " }.superior.id"))
                .isEqualTo(head);
        assertThat(rec.getString("entries.find { it.person.id == " + a3 + " }.person.mobile"))
                .contains("****");
        assertThat(rec.getList("optOuts.body", String.class)).containsExactly("TD");

        String csv = AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty/export")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("entry,area,name,role,rank,mobile,messaged_at,state,answered_at");
        assertThat(lines)
                .filteredOn(l -> l.contains("赵刚"))
                .singleElement()
                .satisfies(
                        l -> assertThat(l).contains(",superior,").contains("孙丽").contains("王建国"));
        assertThat(lines)
                .filteredOn(l -> l.contains("Mary Chen"))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(",answered,").contains(",link,"));

        // The backup answers for the silent village: the 叫应 is complete and closes; later replies are ignored.
        assertThat(reply(p3b, "OK")).contains("已确认收到");
        calls.escalate();
        AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .body("state", equalTo("CLOSED"))
                .body("unanswered", equalTo(0))
                .body("entries.find { it.person.id == " + a3 + " }.answeredBy.id", equalTo((int) b3));
        assertThat(reply(p1, "1")).doesNotContain("<Message>");
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("tocsin_duty_first_answer_seconds_count{colour=\"red\"")
                .contains("tocsin_duty_answer_seconds_bucket{colour=\"red\",le=\"300.0\"")
                .contains("tocsin_duty_reached_total{colour=\"red\"");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> DutyInbound.count(
                                "mobile = ?1 and outcome = ?2", p1, DutyInbound.Outcome.NO_OPEN_CALL)))
                .isEqualTo(1);
        assertThat(bodies(p3b)).hasSize(1);
    }

    @Test
    void twoInstancesEscalatingAtOnceSendEachStepOnceAndAStepClaimedButNotSentIsSentByTheNextRound() throws Exception {
        String headPhone = AudienceFixtures.phone();
        String p = AudienceFixtures.phone();
        String pb = AudienceFixtures.phone();
        String q = AudienceFixtures.phone();
        String qb = AudienceFixtures.phone();
        long head = person("黄志强", headPhone, town, "township-head", "primary", null, "zh-CN");
        long a = person("吴磊", p, v1, "village-head", "primary", head, "zh-CN");
        person("郑洁", pb, v1, "village-head", "backup", head, "zh-CN");
        long c = person("Tom Feng", q, v2, "village-head", "primary", head, "en");
        person("Chen Chen", qb, v2, "village-head", "backup", head, "en");

        // A town-wide warning reaches the heads of the villages below the town too.
        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave(List.of(town), "orange"));
        for (String phone : List.of(headPhone, p, q)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> bodies(phone).size() == 1);
        }
        long entryA = QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>find("personId", a).firstResult().id);
        long entryC = QuarkusTransaction.requiringNew()
                .call(() -> DutyEntry.<DutyEntry>find("personId", c).firstResult().id);

        // Two instances run the round at the same moment: every due step is claimed by one of them.
        clock.advance(Duration.ofMinutes(5).plusSeconds(5));
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Callable<Integer> round = () -> {
                go.await();
                return calls.escalate();
            };
            Future<Integer> first = two.submit(round);
            Future<Integer> second = two.submit(round);
            go.countDown();
            // The two villages' backups and the town head's (none on the roster: noted, nothing sent).
            assertThat(first.get() + second.get()).isEqualTo(3);
        } finally {
            two.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> bodies(pb).size() == 1 && bodies(qb).size() == 1);
        assertThat(rows(DutyCalls.ref(entryA, DutyEntry.BACKUP_STEP))).isEqualTo(1);
        assertThat(rows(DutyCalls.ref(entryC, DutyEntry.BACKUP_STEP))).isEqualTo(1);
        assertThat(bodies(qb).get(0))
                .contains("Tom Feng (village head, Riverside " + run + ") has not confirmed this warning")
                .contains("Reply 1 or OK to confirm receipt");

        // An instance claimed village 2's superior step and died before handing the SMS to the outbox.
        clock.advance(Duration.ofMinutes(5));
        QuarkusTransaction.requiringNew()
                .run(() -> DutyEntry.update(
                        "state = ?1, superiorId = ?2, superiorAt = ?3 where id = ?4",
                        DutyEntry.State.SUPERIOR,
                        head,
                        wallClock.instant(),
                        entryC));
        calls.escalate();
        assertThat(rows(DutyCalls.ref(entryC, DutyEntry.SUPERIOR_STEP)))
                .as("left to its claimer for a while")
                .isZero();
        clock.advance(DutyCalls.REPAIR_AFTER.plusSeconds(5));
        calls.escalate();
        calls.escalate();
        // The head: his own SMS, then one per silent village.
        await().atMost(Duration.ofSeconds(30)).until(() -> bodies(headPhone).size() == 3);
        assertThat(rows(DutyCalls.ref(entryA, DutyEntry.SUPERIOR_STEP))).isEqualTo(1);
        assertThat(rows(DutyCalls.ref(entryC, DutyEntry.SUPERIOR_STEP))).isEqualTo(1);
        AudienceFixtures.operator()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(200)
                .body("escalatedToSuperior", equalTo(3))
                .body(
                        "entries.find { it.person.id == " + head + " }.note",
                        equalTo("no backup (B角) on the roster; no superior on the roster"));
    }

    @Test
    void blueWarningStartsNoDutyCall() {
        String phone = AudienceFixtures.phone();
        person("陈静", phone, v1, "village-head", "primary", null, "zh-CN");
        long id = BroadcastSteps.approved(
                () -> AudienceFixtures.operator().contentType("application/json"),
                () -> AudienceFixtures.approver().contentType("application/json"),
                coldWave(List.of(v1), "blue"));
        assertThat(calls.start(id)).isEmpty();
        AudienceFixtures.approver()
                .get("/api/broadcasts/" + id)
                .then()
                .body("colour", equalTo("blue"))
                .body("colourNamed", equalTo(true));
        // Without a colour, the template's CAP severity gives it: cold wave is Severe, orange.
        long orange = BroadcastSteps.created(
                () -> AudienceFixtures.operator().contentType("application/json"), coldWave(List.of(v1), null));
        AudienceFixtures.approver()
                .get("/api/broadcasts/" + orange)
                .then()
                .body("colour", equalTo("orange"))
                .body("colourNamed", equalTo(false));
        AudienceFixtures.approver()
                .get("/api/broadcasts/" + id + "/duty")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("has no 叫应"));
        assertThat(bodies(phone)).isEmpty();
        // With nothing open, YES from the roster is the residents' START keyword, not an answer.
        assertThat(reply(phone, "yes")).contains("subscribed to notices again");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> DutyInbound.count(
                                "mobile = ?1 and outcome = ?2", phone, DutyInbound.Outcome.NO_OPEN_CALL)))
                .isEqualTo(1);
        Staff.adminJson()
                .body(coldWave(List.of(v1), "purple"))
                .post("/api/broadcasts")
                .then()
                .statusCode(400)
                .body(containsString("colour"), not(containsString("Exception")));
    }
}
