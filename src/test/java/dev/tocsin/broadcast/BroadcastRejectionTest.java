package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static dev.tocsin.broadcast.LifecycleScenario.approve;
import static dev.tocsin.broadcast.LifecycleScenario.coldWave;
import static dev.tocsin.broadcast.LifecycleScenario.status;
import static dev.tocsin.broadcast.LifecycleScenario.submitted;
import static dev.tocsin.testing.Staff.adminJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.fanout.DeliveryTracker;
import dev.tocsin.fanout.OccurrenceFirer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rejected is not a dead end, and finished broadcasts never hold areas hostage. */
@QuarkusTest
class BroadcastRejectionTest {

    private static final String NOW = "{\"kind\":\"NOW\"}";

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    OccurrenceFirer firer;

    @Inject
    DeliveryTracker tracker;

    @Inject
    Clock clock;

    private String run;

    @BeforeEach
    void setUp() {
        staff.ensureUsers();
        run = AudienceFixtures.run();
    }

    private String village(String tag) {
        return audience.area(tag + run, "Rejection village " + tag + run, AreaKind.VILLAGE, null);
    }

    private static String tomorrowAt10() {
        return "{\"kind\":\"ONCE\",\"zone\":\"Asia/Shanghai\",\"at\":\"%sT10:00:00\"}"
                .formatted(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1));
    }

    private static void reject(long id, String comment) {
        as(APPROVER)
                .body("{\"comment\":\"" + comment + "\"}")
                .post("/api/broadcasts/" + id + "/reject")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("rejected"));
    }

    @Test
    void aRejectedBroadcastIsRevisedBackToApprovalWithTheRejectionCommentVisibleAndCanThenBeApproved() {
        String wrong = village("RW");
        String right = village("RR");
        long id = submitted(coldWave(List.of(wrong), List.of("sms"), tomorrowAt10(), "en"));
        reject(id, "wrong village");

        as(OPERATOR)
                .body(coldWave(List.of(right), List.of("sms"), tomorrowAt10(), "en"))
                .post("/api/broadcasts/" + id + "/revise")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("pending_approval"))
                .body("broadcast.submittedBy", equalTo(OPERATOR))
                .body("comment", equalTo("wrong village"))
                .body("audience.areaCodes", hasItem(right))
                .body(
                        "timeline.detail",
                        hasItem(containsString(
                                "REJECTED -> PENDING_APPROVAL: revised after rejection (\"wrong village\")")));
        approve(id);
        // A broadcast that was not rejected cannot be "revised": its edits go through update.
        as(OPERATOR)
                .body("{}")
                .post("/api/broadcasts/" + id + "/revise")
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("approved broadcast cannot be revised"));
    }

    @Test
    void aRejectedBroadcastCanBeResubmittedUnchangedOrWithdrawn() {
        String v = village("RS");
        long again = submitted(coldWave(List.of(v), List.of("sms"), tomorrowAt10(), "en"));
        reject(again, "check the dates");
        as(OPERATOR)
                .post("/api/broadcasts/" + again + "/revise")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("pending_approval"))
                .body("comment", equalTo("check the dates"));

        long withdrawn = submitted(coldWave(List.of(v), List.of("sms"), tomorrowAt10(), "en"));
        reject(withdrawn, "not needed");
        as(OPERATOR)
                .body("{\"comment\":\"withdrawn by the author\"}")
                .post("/api/broadcasts/" + withdrawn + "/cancel")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("cancelled"));
    }

    @Test
    void rejectedCancelledSupersededAndCompletedBroadcastsNeverBlockAreaChanges() {
        String rejected = village("BR");
        String cancelled = village("BC");
        String superseded = village("BS");
        String completed = village("BD");
        String other = village("BO");

        reject(submitted(coldWave(List.of(rejected), List.of("sms"), tomorrowAt10(), "en")), "no");
        long c = submitted(coldWave(List.of(cancelled), List.of("sms"), tomorrowAt10(), "en"));
        as(OPERATOR).post("/api/broadcasts/" + c + "/cancel").then().statusCode(200);
        long old = submitted(coldWave(List.of(superseded), List.of("sms"), tomorrowAt10(), "en"));
        approve(old);
        long update = as(OPERATOR)
                .body(coldWave(List.of(other), List.of("sms"), tomorrowAt10(), "en"))
                .post("/api/broadcasts/" + old + "/update")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
        approve(update);
        assertThat(status(old)).isEqualTo("superseded");
        long done = submitted(coldWave(List.of(completed), List.of("sms"), NOW, "en"));
        approve(done);
        firer.fireDue(clock.instant(), "rejection-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            tracker.check();
            return "completed".equals(status(done));
        });

        for (String code : List.of(rejected, cancelled, superseded, completed)) {
            adminJson().delete("/api/areas/" + code).then().statusCode(204);
        }
        // The live update still holds its area.
        adminJson().delete("/api/areas/" + other).then().statusCode(409).body("detail", containsString("#" + update));
    }
}
