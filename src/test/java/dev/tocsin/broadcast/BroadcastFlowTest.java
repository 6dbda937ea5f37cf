package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.testing.Staff.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.sandbox.SandboxService;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDelivery;
import dev.tocsin.sms.SmsDispatch;
import dev.tocsin.testing.BroadcastSteps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broadcast lifecycle end to end on real components: audience, compose, SMS outbox + sandbox,
 * loudspeaker plays. The firer runs with explicit instants (its tick is off in tests).
 */
@QuarkusTest
class BroadcastFlowTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    OptOutService optOut;

    @Inject
    OccurrenceFirer firer;

    @Inject
    SandboxService sandbox;

    @Inject
    Clock clock;

    @Inject
    BroadcastService service;

    @Inject
    dev.tocsin.audio.AudioService audioService;

    private String run;
    private String prefix;
    private int phones;

    @BeforeEach
    void setUp() {
        staff.ensureUsers();
        run = AudienceFixtures.run();
        prefix = "+86137" + String.format("%04d", new java.util.Random().nextInt(10_000));
        phones = 0;
    }

    private String phone() {
        return prefix + String.format("%04d", phones++);
    }

    /** Two villages under a town, residents in each (one opted out), terminals in each. */
    private List<String> villages(int residentsEach) {
        String town = audience.area("TW" + run, "Town " + run, AreaKind.TOWN, null);
        List<String> codes = new ArrayList<>();
        for (int v = 0; v < 2; v++) {
            String code = audience.area("V" + v + run, "Village " + v + run, AreaKind.VILLAGE, town);
            codes.add(code);
            for (int i = 0; i < residentsEach; i++) {
                audience.resident(phone(), List.of(code), List.of(), "en", false);
            }
            audience.terminal(code, true, false);
        }
        return codes;
    }

    private static String coldWave(List<String> areas, String schedule, String priority, String status) {
        return """
                {"templateId":"cold-wave","language":"en","channels":["sms","loudspeaker"],"priority":"%s","status":"%s",
                 "variables":{"area":"Xinqiao","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":%s},"schedule":%s}""".formatted(
                priority, status, areas.stream().map(a -> "\"" + a + "\"").toList(), schedule);
    }

    private static List<Occurrence> occurrences(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Occurrence.<Occurrence>list("broadcastId = ?1 order by dueAt", id));
    }

    private static long dispatches(Occurrence o) {
        return QuarkusTransaction.requiringNew().call(() -> SmsDispatch.count("externalRef", o.ref()));
    }

    private static Map<DeliveryState, Long> smsStates(Occurrence o) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<DeliveryState, Long> m = new java.util.EnumMap<>(DeliveryState.class);
            SmsDispatch.findByExternalRef(o.ref())
                    .ifPresent(d -> SmsDelivery.<SmsDelivery>list("dispatchId", d.id)
                            .forEach(x -> m.merge(x.state, 1L, Long::sum)));
            return m;
        });
    }

    private static Map<PlayState, Long> playStates(Occurrence o) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<PlayState, Long> m = new java.util.EnumMap<>(PlayState.class);
            Play.<Play>list("occurrenceRef", o.ref()).forEach(p -> m.merge(p.state, 1L, Long::sum));
            return m;
        });
    }

    private SandboxService.Stats stats() {
        return QuarkusTransaction.requiringNew().call(() -> sandbox.stats(prefix));
    }

    @Test
    void sendNowApprovedBySecondPersonTextsEachResidentOnceAndQueuesPlaysButNotTheOptedOut() {
        List<String> areas = villages(2);
        String optedOut = prefix + "0000";
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(optedOut, "sms", "test"));
        long id = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave(areas, "{\"kind\":\"NOW\"}", "routine", "actual"));

        as(OPERATOR).post("/api/broadcasts/" + id + "/approve").then().statusCode(403);
        BroadcastSteps.approve(() -> as(APPROVER), id);

        firer.fireDue(clock.instant(), "test-a");
        Occurrence o = occurrences(id).get(0);
        assertThat(o.state).isEqualTo(OccurrenceState.FIRED);
        assertThat(playStates(o)).containsEntry(PlayState.PENDING, 2L);
        assertThat(o.audioKey).isNotBlank();
        // The frozen script already has the dialect's opening, repeats and closing: the programme
        // adds chimes and pauses only, so nothing is said twice.
        assertThat(audioService.find(o.audioKey).orElseThrow().programmeId())
                .isEqualTo(dev.tocsin.audio.AudioService.COMPOSED_PROGRAMME);

        await().atMost(Duration.ofSeconds(60)).until(() -> stats().distinctRecipients() == 3);
        SandboxService.Stats stats = stats();
        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.duplicates()).isEmpty();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> sandbox.list(new SandboxService.Filter(optedOut, null, null, null), 0, 10)
                                .total()))
                .isZero();

        Map<String, Integer> smsReport = as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .body("occurrences[0].plays.pending", equalTo(2))
                .extract()
                .jsonPath()
                .getMap("occurrences[0].sms", String.class, Integer.class);
        // The opted-out resident is not in the audience at all: three deliveries, none for them.
        assertThat(smsReport.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(3);
        // Per area: village 0 lost its opted-out resident; each village has one pending play.
        var report = as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .body("occurrences[0].areas.code", equalTo(areas))
                .body("occurrences[0].areas.plays.pending", equalTo(List.of(1, 1)))
                .extract()
                .jsonPath();
        for (int v = 0; v < 2; v++) {
            Map<String, Integer> byState =
                    report.getMap("occurrences[0].areas[" + v + "].sms", String.class, Integer.class);
            assertThat(byState.values().stream().mapToInt(Integer::intValue).sum())
                    .as("village %d", v)
                    .isEqualTo(v == 0 ? 1 : 2);
        }
        // Plays are still pending in the terminals' queues: the broadcast is not completed yet.
        as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("delivering"))
                .body("broadcast.approvedBy", equalTo(APPROVER))
                .body(
                        "timeline.action",
                        org.hamcrest.Matchers.hasItems(
                                "broadcast.create",
                                "broadcast.pending_approval",
                                "broadcast.approved",
                                "occurrence.fired"));
    }

    @Test
    void anExerciseReachesEveryoneAndSaysSoOnceWhileATestReachesOnlyTestRecipientsAndTestTerminals() {
        String village = audience.area("EX" + run, "Exercise village " + run, AreaKind.VILLAGE, null);
        String testPhone = phone();
        String other = phone();
        audience.resident(testPhone, List.of(village), List.of(), "en", true);
        audience.resident(other, List.of(village), List.of(), "en", false);
        long testTerminal = audience.terminal(village, true, true);
        long plainTerminal = audience.terminal(village, true, false);

        // A village-wide drill: the whole village, each SMS marked once after the signature.
        long drill = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave(List.of(village), "{\"kind\":\"NOW\"}", "routine", "exercise"));
        BroadcastSteps.approve(() -> as(APPROVER), drill);
        firer.fireDue(clock.instant(), "test-a");
        Occurrence o = occurrences(drill).get(0);
        assertThat(o.state).isEqualTo(OccurrenceState.FIRED);
        assertThat(playTerminals(o)).containsExactlyInAnyOrder(testTerminal, plainTerminal);
        assertThat(smsPhones(o)).containsExactlyInAnyOrder(testPhone, other);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !BroadcastFixtures.sandboxBodies(other).isEmpty());
        assertThat(BroadcastFixtures.sandboxBodies(other))
                .singleElement()
                .satisfies(body -> assertThat(body)
                        .startsWith("[Ziyang Emergency] EXERCISE: Cold wave in ")
                        .containsOnlyOnce("EXERCISE"));
        Broadcast b = QuarkusTransaction.requiringNew().call(() -> Broadcast.findById(drill));
        assertThat(b.speakerScript)
                .startsWith("This is an exercise. Attention please, residents.")
                .endsWith("neighbours. This is an exercise.");

        // A technical test: test recipients and test terminals only, unmarked.
        long test = BroadcastSteps.submitted(
                () -> as(OPERATOR), coldWave(List.of(village), "{\"kind\":\"NOW\"}", "routine", "test"));
        BroadcastSteps.approve(() -> as(APPROVER), test);
        firer.fireDue(clock.instant(), "test-a");
        Occurrence t = occurrences(test).get(0);
        assertThat(playTerminals(t)).containsExactly(testTerminal);
        assertThat(smsPhones(t)).containsExactly(testPhone);
        Broadcast tb = QuarkusTransaction.requiringNew().call(() -> Broadcast.findById(test));
        assertThat(tb.smsText).startsWith("[Ziyang Emergency] Cold wave in ");
        assertThat(tb.speakerScript).doesNotContain("exercise");
    }

    private static List<Long> playTerminals(Occurrence o) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Play.<Play>list("occurrenceRef", o.ref()).stream()
                        .map(p -> p.terminalId)
                        .toList());
    }

    private static List<String> smsPhones(Occurrence o) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SmsDispatch.findByExternalRef(o.ref())
                        .map(d -> SmsDelivery.<SmsDelivery>list("dispatchId", d.id).stream()
                                .map(x -> x.phone)
                                .toList())
                        .orElse(List.of()));
    }

    @Test
    void areasTargetedByOpenBroadcastsCannotBeDeletedOrMovedUntilTheBroadcastIsFinal() {
        String town = audience.area("UT" + run, "Usage town " + run, AreaKind.TOWN, null);
        String village = audience.area("UV" + run, "Usage village " + run, AreaKind.VILLAGE, town);
        String other = audience.area("UO" + run, "Usage other " + run, AreaKind.TOWN, null);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT10:00:00\"}".formatted(tomorrow);
        long id = BroadcastSteps.created(() -> as(OPERATOR), coldWave(List.of(village), schedule, "routine", "actual"));

        adminJson()
                .delete("/api/areas/" + village)
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("1 open broadcasts (#" + id + ")"));
        adminJson()
                .body(Map.of("parentCode", other))
                .post("/api/areas/" + town + "/move")
                .then()
                .statusCode(409)
                .body("detail", containsString("#" + id));
        as(OPERATOR).get("/api/areas/" + village).then().statusCode(200).body("usage.'open broadcasts'", equalTo(1));

        as(OPERATOR)
                .body("{\"comment\":\"not needed\"}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200);
        adminJson()
                .body(Map.of("parentCode", other))
                .post("/api/areas/" + town + "/move")
                .then()
                .statusCode(200);
        adminJson().delete("/api/areas/" + village).then().statusCode(204);
    }

    @Test
    void theSubmitterCannotApproveTheirOwnBroadcastAndIllegalTransitionsAre409() {
        List<String> areas = villages(1);
        long id =
                BroadcastSteps.created(() -> as(OPERATOR), coldWave(areas, "{\"kind\":\"NOW\"}", "routine", "actual"));
        as(APPROVER)
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("draft"));
        as(OPERATOR).post("/api/broadcasts/" + id + "/submit").then().statusCode(200);
        adminJson().post("/api/broadcasts/" + id + "/approve").then().statusCode(200);
        long own =
                BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, "{\"kind\":\"NOW\"}", "urgent", "actual"));
        as(OPERATOR).post("/api/broadcasts/" + own + "/approve").then().statusCode(403);
        as(APPROVER)
                .body("{}")
                .post("/api/broadcasts/" + own + "/reject")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        as(APPROVER)
                .body("{\"comment\":\"wrong village\"}")
                .post("/api/broadcasts/" + own + "/reject")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("rejected"));
        // A rejected broadcast is not a dead end: its author may withdraw it (or revise it).
        as(OPERATOR)
                .post("/api/broadcasts/" + own + "/cancel")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("cancelled"));
        as(OPERATOR)
                .post("/api/broadcasts/" + own + "/submit")
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"));
    }

    @Test
    void cancelWithdrawsQueuedSmsAndPendingPlaysAndCancelsPlannedOccurrences() {
        List<String> areas = villages(2);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule =
                "{\"kind\":\"RECURRING\",\"zone\":\"Asia/Shanghai\",\"times\":[\"10:00\",\"16:00\"],\"from\":\"%s\",\"to\":\"%s\"}"
                        .formatted(tomorrow, tomorrow);
        long id = BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, schedule, "routine", "actual"));
        BroadcastSteps.approve(() -> as(APPROVER), id);
        List<Occurrence> occ = occurrences(id);
        assertThat(occ).hasSize(2);
        Instant first = occ.get(0).dueAt;
        firer.fireDue(first, "test-a");
        as(OPERATOR)
                .body("{\"comment\":\"cold wave called off\"}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("cancelled"));
        List<Occurrence> after = occurrences(id);
        // The fired occurrence is cancelled too, and records what had already gone out.
        assertThat(after.get(0).state).isEqualTo(OccurrenceState.CANCELLED);
        assertThat(after.get(0).outcome).contains("withdrawn after firing (cold wave called off)");
        assertThat(after.get(1).state).isEqualTo(OccurrenceState.CANCELLED);
        assertThat(playStates(after.get(0)))
                .containsEntry(PlayState.CANCELLED, 2L)
                .doesNotContainKey(PlayState.PENDING);
        // Queued SMS are settled "withdrawn" right after the cancel commits (none is sent meanwhile).
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !smsStates(after.get(0)).containsKey(DeliveryState.QUEUED));
        firer.fireDue(after.get(1).dueAt, "test-a");
        assertThat(occurrences(id).get(1).state).isEqualTo(OccurrenceState.CANCELLED);
        assertThat(dispatches(after.get(1))).isZero();
    }

    @Test
    void anApprovedUpdateSupersedesTheOldBroadcastAndWithdrawsItsPendingWork() {
        List<String> areas = villages(1);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT10:00:00\"}".formatted(tomorrow);
        long old = BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, schedule, "routine", "actual"));
        BroadcastSteps.approve(() -> as(APPROVER), old);
        long update = as(OPERATOR)
                .body(coldWave(areas, schedule, "routine", "actual"))
                .post("/api/broadcasts/" + old + "/update")
                .then()
                .statusCode(201)
                .body("broadcast.supersedes", equalTo((int) old))
                .body("broadcast.status", equalTo("pending_approval"))
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        assertThat(occurrences(old).get(0).state).isEqualTo(OccurrenceState.PLANNED);
        BroadcastSteps.approve(() -> as(APPROVER), update);
        as(OPERATOR)
                .get("/api/broadcasts/" + old)
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("superseded"));
        assertThat(occurrences(old).get(0).state).isEqualTo(OccurrenceState.CANCELLED);
        assertThat(occurrences(update).get(0).state).isEqualTo(OccurrenceState.PLANNED);
    }

    @Test
    void afterDowntimeAnOccurrenceWithinTheGraceFiresLateAndOneBeyondItIsMissed() {
        List<String> areas = villages(1);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule =
                "{\"kind\":\"RECURRING\",\"zone\":\"Asia/Shanghai\",\"times\":[\"10:00\",\"12:00\"],\"from\":\"%s\",\"to\":\"%s\"}"
                        .formatted(tomorrow, tomorrow);
        long id = BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, schedule, "routine", "actual"));
        BroadcastSteps.approve(() -> as(APPROVER), id);
        List<Occurrence> occ = occurrences(id);
        // The instance was down from before 10:00 until 12:30: 10:00 is 2.5 h late, 12:00 half an hour.
        Instant back = occ.get(1).dueAt.plus(Duration.ofMinutes(30));
        firer.fireDue(back, "test-a");
        List<Occurrence> after = occurrences(id);
        assertThat(after.get(0).state).isEqualTo(OccurrenceState.MISSED);
        assertThat(after.get(0).outcome).contains("misfire grace");
        assertThat(after.get(1).state).isEqualTo(OccurrenceState.FIRED);
        assertThat(dispatches(after.get(0))).isZero();
        assertThat(dispatches(after.get(1))).isEqualTo(1);
        // The 12:00 plays wait in the terminals' queues: fired and delivering, not completed.
        as(OPERATOR).get("/api/broadcasts/" + id).then().body("broadcast.status", equalTo("delivering"));
    }

    @Test
    void twoClaimersRacingOnOneDatabaseFireEachOccurrenceExactlyOnce() throws Exception {
        List<String> areas = villages(2);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule =
                ("{\"kind\":\"CRON\",\"zone\":\"Asia/Shanghai\",\"cron\":\"0 0/2 10 * * ?\",\"from\":\"%s\",\"to\":\"%s\"}")
                        .formatted(tomorrow, tomorrow);
        String body = coldWave(areas, schedule, "routine", "actual").replace("\"sms\",\"loudspeaker\"", "\"sms\"");
        long id = BroadcastSteps.submitted(() -> as(OPERATOR), body);
        BroadcastSteps.approve(() -> as(APPROVER), id);
        List<Occurrence> occ = occurrences(id);
        assertThat(occ).hasSize(30);
        Instant now = occ.get(occ.size() - 1).dueAt.plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> claimers =
                    List.of(() -> firer.fireDue(now, "claimer-a"), () -> firer.fireDue(now, "claimer-b"));
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(claimers)) {
                total += f.get();
            }
            // Other tests' due occurrences may be fired too; ours are checked one by one below.
            assertThat(total).isGreaterThanOrEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
        for (Occurrence o : occurrences(id)) {
            // Fired, and completed once its SMS are final (the delivery check runs meanwhile).
            assertThat(o.state).isIn(OccurrenceState.FIRED, OccurrenceState.COMPLETED);
            assertThat(o.attempts).isEqualTo(1);
            assertThat(dispatches(o)).isEqualTo(1);
            long rows =
                    smsStates(o).values().stream().mapToLong(Long::longValue).sum();
            assertThat(rows).as("one delivery per resident").isEqualTo(4);
        }
    }

    @Test
    void approveAndCancelRacingOnOneBroadcastLetOneWinAndTheOtherGets409() throws Exception {
        List<String> areas = villages(1);
        LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
        String schedule = "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT11:00:00\"}".formatted(tomorrow);
        long id = BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, schedule, "routine", "actual"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Callable<Integer>> racers = List.of(
                    () -> attempt(
                            start,
                            () -> service.approve(APPROVER, java.util.Set.of(dev.tocsin.security.Role.APPROVER), id)),
                    () -> attempt(start, () -> service.cancel(BroadcastFixtures.OPERATOR2, id, "race")));
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> r : racers) {
                results.add(pool.submit(r));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        BroadcastStatus status = QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).status);
        long planned = QuarkusTransaction.requiringNew()
                .call(() -> Occurrence.count("broadcastId = ?1 and state = ?2", id, OccurrenceState.PLANNED));
        assertThat(status).isIn(BroadcastStatus.APPROVED, BroadcastStatus.CANCELLED);
        assertThat(planned).isEqualTo(status == BroadcastStatus.APPROVED ? 1 : 0);
    }

    private static int attempt(java.util.concurrent.CountDownLatch start, Runnable action) throws InterruptedException {
        start.await();
        try {
            action.run();
            return 200;
        } catch (dev.tocsin.platform.problem.ProblemException e) {
            return e.problem().status();
        } catch (RuntimeException e) {
            // An optimistic-lock failure surfacing at commit is the same conflict.
            return isOptimisticLock(e) ? 409 : 500;
        }
    }

    private static boolean isOptimisticLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anExpiredLeaseIsFiredAgainWithoutDuplicatingSmsOrPlays() {
        List<String> areas = villages(2);
        long id =
                BroadcastSteps.submitted(() -> as(OPERATOR), coldWave(areas, "{\"kind\":\"NOW\"}", "urgent", "actual"));
        BroadcastSteps.approve(() -> as(APPROVER), id);
        Instant now = clock.instant();
        firer.fireDue(now, "crashed");
        Occurrence o = occurrences(id).get(0);
        // Simulate a crash after dispatch but before completion: the row is FIRING with a lease.
        QuarkusTransaction.requiringNew().run(() -> {
            Occurrence x = Occurrence.findById(o.id);
            x.state = OccurrenceState.FIRING;
            x.leaseOwner = "crashed";
            x.leaseUntil = now.plusSeconds(60);
        });
        firer.fireDue(now.plusSeconds(30), "other");
        assertThat(occurrences(id).get(0).leaseOwner)
                .as("a live lease is not taken over")
                .isEqualTo("crashed");
        firer.fireDue(now.plusSeconds(121), "other");
        Occurrence again = occurrences(id).get(0);
        assertThat(again.state).isEqualTo(OccurrenceState.FIRED);
        assertThat(again.attempts).isEqualTo(2);
        assertThat(dispatches(again)).isEqualTo(1);
        assertThat(smsStates(again).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(4);
        assertThat(playStates(again).values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
    }
}
