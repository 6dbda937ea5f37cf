package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.BroadcastFixtures.sandboxBodies;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.coldWave;
import static dev.tocsin.broadcast.LifecycleScenario.occurrences;
import static dev.tocsin.broadcast.LifecycleScenario.playStates;
import static dev.tocsin.broadcast.LifecycleScenario.smsStates;
import static dev.tocsin.broadcast.LifecycleScenario.status;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static dev.tocsin.testing.Staff.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.fanout.DeliveryTracker;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.loudspeaker.TerminalSimulator;
import dev.tocsin.sms.DeliveryState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cancel and correct until the last delivery, with the SMS throttled (2 segments/s) so that a
 * fan-out is still going out when the cancel or the correction arrives.
 */
@QuarkusTest
@TestProfile(BroadcastCancelTest.Throttled.class)
class BroadcastCancelTest {

    public static class Throttled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test keys: the test profile's own settings in application.properties turn the throttle off.
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "%test.tocsin.sms.throttle.enabled", "true", "tocsin.sms.throttle.segments-per-second", "2"));
            // Its own database: at 2 segments a second, SMS other tests left queued in the shared one
            // went out first and held the retractions past the wait (seen in CI).
            config.putAll(dev.tocsin.testing.OwnDatabase.config("cancel"));
            return config;
        }
    }

    private static final String NOW = "{\"kind\":\"NOW\"}";

    @Inject
    LifecycleScenario scenario;

    @Inject
    OccurrenceFirer firer;

    @Inject
    DeliveryTracker tracker;

    @Inject
    Clock clock;

    @Inject
    dev.tocsin.fanout.Retractions retractions;

    @Inject
    dev.tocsin.sandbox.SandboxService sandbox;

    @TestHTTPResource("/")
    URL root;

    private TerminalSimulator terminal(String area) {
        String code = "CT" + dev.tocsin.audience.AudienceFixtures.run();
        String token = adminJson()
                .body(Map.of(
                        "code",
                        code,
                        "name",
                        "Horn " + code,
                        "area",
                        area,
                        "model",
                        "IP-BOX 2",
                        "zone",
                        "Asia/Shanghai",
                        "volumePreset",
                        80))
                .post("/api/terminals")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        String base = root.toString();
        return new TerminalSimulator(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, token, 50);
    }

    private static long received(List<String> phones, String marker) {
        return phones.stream()
                .filter(p -> sandboxBodies(p).stream().anyMatch(b -> b.contains(marker)))
                .count();
    }

    /** Messages at the sandbox for the district (its phones share a prefix no other district uses). */
    private long atSandbox(List<String> phones) {
        String prefix = phones.get(0).substring(0, 10);
        return QuarkusTransaction.requiringNew()
                .call(() -> sandbox.stats(prefix))
                .total();
    }

    private static Map<DeliveryState, Long> rows(String ref) {
        return smsStates(ref);
    }

    @Test
    void aCancelDuringTheFanOutStopsEverySmsNotYetHandedOverWithdrawsPlaysWakesPollsAndRetracts() throws Exception {
        LifecycleScenario.District d = scenario.villages(1, 40, "en");
        TerminalSimulator horn = terminal(d.areas().get(0));
        TerminalSimulator silent = terminal(d.areas().get(0));
        long id = submitted(coldWave(d.areas(), List.of("sms", "loudspeaker"), NOW, "en"));
        approve(id);
        firer.fireDue(clock.instant(), "cancel-test");
        Occurrence o = occurrences(id).get(0);
        // The horn's queue holds the play; it plays it (reported), and a second terminal poll waits.
        assertThat(horn.poll(Duration.ZERO)).isEqualTo(200);
        assertThat(horn.queuedPlayIds()).hasSize(1);
        assertThat(horn.report(horn.queuedPlayIds().get(0), "completed", null).statusCode())
                .isLessThan(300);
        await().atMost(Duration.ofSeconds(20)).until(() -> atSandbox(d.phones()) >= 2);
        // A terminal that has not played it yet waits on its queue (the play pending in it).
        assertThat(silent.poll(Duration.ZERO)).isEqualTo(200);
        assertThat(silent.queuedPlayIds()).hasSize(1);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return silent.poll(Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // the poll is waiting on the server

        as(OPERATOR)
                .body("{\"comment\":\"wrong district\"}")
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("cancelled"));
        long atCancel = atSandbox(d.phones());

        // The waiting poll is answered at once with the play withdrawn (the benchmark measures how fast).
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(silent.queuedPlayIds()).isEmpty();
        // Only a request already in flight at the cancel may still complete; every other SMS is withdrawn.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !rows(o.ref()).containsKey(DeliveryState.SENDING)
                        && !rows(o.ref()).containsKey(DeliveryState.QUEUED));
        Thread.sleep(2_000); // at 2 SMS/s, four more would have gone out by now
        long originals = d.phones().stream()
                .mapToLong(p -> sandboxBodies(p).stream()
                        .filter(b -> !b.contains("Retraction:"))
                        .count())
                .sum();
        assertThat(originals)
                .as("originals at the sandbox after the cancel")
                .isLessThanOrEqualTo(atCancel + 1)
                .isLessThan(40);
        Map<DeliveryState, Long> states = rows(o.ref());
        long handed = states.getOrDefault(DeliveryState.SENT, 0L) + states.getOrDefault(DeliveryState.DELIVERED, 0L);
        assertThat(handed).isEqualTo(originals);
        assertThat(states.get(DeliveryState.FAILED)).isEqualTo(40 - handed);
        assertThat(playStates(o.ref())).containsEntry(PlayState.COMPLETED, 1L);

        // The report says what had already gone out.
        as(OPERATOR)
                .get("/api/broadcasts/" + id + "/report")
                .then()
                .statusCode(200)
                .body("occurrences[0].state", equalTo("cancelled"))
                .body("occurrences[0].outcome", containsString("SMS had already been handed to the provider"))
                .body("occurrences[0].outcome", containsString("1 plays had started or played, 2 withdrawn"));

        // Those it reached get a retraction, the others nothing; the horn that played it says so.
        // Polled once a second: each poll reads 40 phones at the sandbox, and polling every 100 ms
        // kept the sandbox too busy to accept the retractions within the wait. At this test's 2
        // segments a second each multi-segment retraction takes a second or more, so the wait grows
        // with how many had been reached when the cancel came. In the full CI suite 36 s was too
        // short in 2 of 4 runs (cause not established); the wait is generous, the check the same.
        try {
            await().atMost(Duration.ofSeconds(60 + 3 * handed))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> received(d.phones(), "Retraction:") == handed);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "retractions at the sandbox: " + received(d.phones(), "Retraction:") + " of " + handed
                            + "; retraction SMS rows: " + rows(o.ref() + "-retract") + "; occurrence retraction: "
                            + occurrences(id).get(0).retraction,
                    e);
        }
        assertThat(received(d.phones(), "Retraction:")).isEqualTo(handed);
        for (String phone : d.phones()) {
            List<String> bodies = sandboxBodies(phone);
            assertThat(bodies).hasSizeLessThanOrEqualTo(2);
            if (bodies.size() == 2) {
                assertThat(bodies)
                        .anySatisfy(b -> assertThat(b).startsWith("[Ziyang Emergency] Retraction: the earlier notice"));
            }
        }
        assertThat(horn.poll(Duration.ZERO)).isEqualTo(200);
        assertThat(horn.queuedPlayIds()).hasSize(1);
        assertThat(playStates(o.ref() + "-retract")).containsEntry(PlayState.PENDING, 1L);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "DONE".equals(occurrences(id).get(0).retraction));
    }

    @Test
    void cancellingABroadcastEveryoneAlreadyGotSendsEachOfThemARetraction() {
        LifecycleScenario.District en = scenario.villages(1, 2, "en");
        LifecycleScenario.District zh = scenario.villages(1, 1, "zh-CN");
        List<String> areas = List.of(en.areas().get(0), zh.areas().get(0));
        long id = submitted(coldWave(areas, List.of("sms"), NOW, "zh-CN"));
        approve(id);
        firer.fireDue(clock.instant(), "cancel-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tracker.check();
            return "completed".equals(status(id));
        });
        as(OPERATOR)
                .post("/api/broadcasts/" + id + "/cancel")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("cancelled"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> received(en.phones(), "Retraction:") == 2 && received(zh.phones(), "【撤回】") == 1);
        assertThat(sandboxBodies(zh.phones().get(0)))
                .hasSize(2)
                .anySatisfy(b -> assertThat(b).startsWith("【资阳区应急管理局】【撤回】此前发送的通知“"));
        assertThat(sandboxBodies(en.phones().get(0)))
                .hasSize(2)
                .anySatisfy(b -> assertThat(b).startsWith("[Ziyang Emergency] Retraction:"));
    }

    @Test
    void anSmsStillBeingSentAtTheCancelGetsItsRetractionOnceAcceptedAndOnlyThenIsTheRetractionDone() {
        LifecycleScenario.District d = scenario.villages(1, 2, "en");
        long id = submitted(coldWave(d.areas(), List.of("sms"), NOW, "en"));
        approve(id);
        firer.fireDue(clock.instant(), "cancel-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            tracker.check();
            return "completed".equals(status(id));
        });
        Occurrence o = occurrences(id).get(0);
        // Both requests still with the provider at the cancel (no answer yet).
        setStates(o.ref(), DeliveryState.SENDING);
        as(OPERATOR).post("/api/broadcasts/" + id + "/cancel").then().statusCode(200);
        retractions.runPending();
        assertThat(occurrences(id).get(0).retraction).isEqualTo("PENDING");
        assertThat(rows(o.ref() + "-retract")).isEmpty();

        // The provider accepts them: the next round retracts both, and only then is it done.
        setStates(o.ref(), DeliveryState.SENT);
        retractions.runPending();
        await().atMost(Duration.ofSeconds(30)).until(() -> received(d.phones(), "Retraction:") == 2);
        assertThat(occurrences(id).get(0).retraction).isEqualTo("DONE");
    }

    private static void setStates(String ref, DeliveryState state) {
        QuarkusTransaction.requiringNew()
                .run(() -> dev.tocsin.sms.SmsDelivery.update(
                        "state = ?1 where dispatchId = ?2",
                        state,
                        dev.tocsin.sms.SmsDispatch.findByExternalRef(ref).orElseThrow().id));
    }

    @Test
    void anApprovedCorrectionIsMarkedForThoseWhoGotTheOriginalAndPlainForTheOthersAndReplacesThePlays() {
        LifecycleScenario.District d = scenario.villages(1, 2, "en");
        TerminalSimulator horn = terminal(d.areas().get(0));
        long original = submitted(coldWave(d.areas(), List.of("sms", "loudspeaker"), NOW, "en"));
        approve(original);
        firer.fireDue(clock.instant(), "correct-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> received(d.phones(), "Cold wave") == 2);
        assertThat(status(original)).isEqualTo("delivering");
        // A resident registered after the original went out.
        String late = "+86135" + String.format("%08d", new java.util.Random().nextInt(100_000_000));
        scenario.resident(late, d.areas().get(0), "en");

        String corrected =
                coldWave(d.areas(), List.of("sms", "loudspeaker"), NOW, "en").replace("-3", "-8");
        long update = as(OPERATOR)
                .body(corrected)
                .post("/api/broadcasts/" + original + "/update")
                .then()
                .statusCode(201)
                .body("broadcast.status", equalTo("pending_approval"))
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        approve(update);
        assertThat(status(original)).isEqualTo("superseded");
        String oldRef = occurrences(original).get(0).ref();
        // The village's two terminals (the fixture's and the horn) drop the original programme.
        assertThat(playStates(oldRef)).isEqualTo(Map.of(PlayState.CANCELLED, 2L));

        firer.fireDue(clock.instant(), "correct-test");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> received(d.phones(), "Correction:") == 2
                        && !sandboxBodies(late).isEmpty());
        for (String phone : d.phones()) {
            assertThat(sandboxBodies(phone))
                    .hasSize(2)
                    .anySatisfy(b -> assertThat(b)
                            .startsWith("[Ziyang Emergency] Correction: ")
                            .contains("-8"));
        }
        assertThat(sandboxBodies(late))
                .singleElement()
                .satisfies(b -> assertThat(b)
                        .startsWith("[Ziyang Emergency] Cold wave")
                        .doesNotContain("Correction")
                        .contains("-8"));
        String newRef = occurrences(update).get(0).ref();
        assertThat(playStates(newRef)).isEqualTo(Map.of(PlayState.PENDING, 2L));
        String oldKey = occurrences(original).get(0).audioKey;
        String newKey = occurrences(update).get(0).audioKey;
        assertThat(newKey).isNotEqualTo(oldKey);
        try {
            assertThat(horn.poll(Duration.ZERO)).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(horn.queue().path("plays")).hasSize(1);
    }
}
