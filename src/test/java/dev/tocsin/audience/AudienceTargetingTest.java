package dev.tocsin.audience;

import static dev.tocsin.audience.AudienceFixtures.approver;
import static dev.tocsin.audience.AudienceFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AudienceTargetingTest {

    @Inject
    AudienceFixtures fx;

    @Inject
    AudienceService audience;

    @Inject
    OptOutService optOut;

    String run;
    String district;
    String town;
    String qingshan;
    String wuling;
    String otherTown;
    String hehua;

    @BeforeEach
    void setUp() {
        fx.ensureUsers();
        run = AudienceFixtures.run();
        district = fx.area("D" + run, "区" + run, AreaKind.DISTRICT, null);
        town = fx.area("T" + run, "长春镇", AreaKind.TOWN, district);
        qingshan = fx.area("Q" + run, "青山村", AreaKind.VILLAGE, town);
        wuling = fx.area("W" + run, "五岭村", AreaKind.VILLAGE, town);
        otherTown = fx.area("O" + run, "迎风桥镇", AreaKind.TOWN, district);
        hehua = fx.area("H" + run, "荷花村", AreaKind.VILLAGE, otherTown);
    }

    private List<String> phones(AudienceQuery q) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Stream<Recipient> s = audience.residents(q)) {
                return s.map(Recipient::phone).toList();
            }
        });
    }

    private List<String> terminals(AudienceQuery q) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Stream<AudienceService.TargetTerminal> s = audience.terminals(q)) {
                return s.map(AudienceService.TargetTerminal::code).toList();
            }
        });
    }

    @Test
    void nestedAreasTagsLanguagesAndTestRecipientsSelectTheRightResidentsOnce() {
        String a = fx.resident(AudienceFixtures.phone(), List.of(qingshan), List.of("elderly"), null, false)
                .phone();
        String b = fx.resident(AudienceFixtures.phone(), List.of(wuling), List.of("vendor"), "en", true)
                .phone();
        String both = fx.resident(
                        AudienceFixtures.phone(),
                        List.of(qingshan, wuling, hehua),
                        List.of("elderly", "vendor"),
                        null,
                        false)
                .phone();
        String c = fx.resident(AudienceFixtures.phone(), List.of(hehua), List.of(), null, true)
                .phone();
        String out = fx.resident(AudienceFixtures.phone(), List.of(qingshan), List.of("elderly"), null, false)
                .phone();
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(out, "sms-keyword", "test"));

        assertThat(phones(AudienceQuery.areas(town))).containsExactlyInAnyOrder(a, b, both);
        assertThat(phones(AudienceQuery.areas(district))).containsExactlyInAnyOrder(a, b, both, c);
        assertThat(phones(AudienceQuery.areas(qingshan, town, hehua)))
                .as("each resident once")
                .containsExactlyInAnyOrder(a, b, both, c);
        assertThat(phones(new AudienceQuery(List.of(district), Set.of("Elderly", "missing"), Set.of(), false, false)))
                .containsExactlyInAnyOrder(a, both);
        assertThat(phones(new AudienceQuery(List.of(district), Set.of(), Set.of("en"), false, false)))
                .containsExactly(b);
        assertThat(phones(new AudienceQuery(List.of(district), Set.of(), Set.of(), true, false)))
                .containsExactlyInAnyOrder(b, c);
        assertThat(phones(new AudienceQuery(List.of(qingshan), Set.of(), Set.of(), false, true)))
                .as("urgent override includes the opted-out number")
                .containsExactlyInAnyOrder(a, both, out);
    }

    @Test
    void terminalsAreEnabledOnesInTheAreasAndTestOnesForTests() {
        long t1 = fx.terminal(qingshan, true, false);
        fx.terminal(wuling, false, false);
        long t3 = fx.terminal(hehua, true, true);
        List<String> inTown = terminals(AudienceQuery.areas(town));
        assertThat(inTown).hasSize(1);
        assertThat(terminals(AudienceQuery.areas(district))).hasSize(2);
        assertThat(terminals(new AudienceQuery(List.of(district), Set.of(), Set.of(), true, false)))
                .hasSize(1);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> audience.terminals(AudienceQuery.areas(district))
                                .map(AudienceService.TargetTerminal::terminalId)
                                .toList()))
                .containsExactly(t1, t3);
    }

    @Test
    void previewCountsPerChannelAndPerAreaWithoutLoading() {
        fx.resident(AudienceFixtures.phone(), List.of(qingshan), List.of(), null, false);
        fx.resident(AudienceFixtures.phone(), List.of(qingshan, hehua), List.of(), null, false);
        String out = fx.resident(AudienceFixtures.phone(), List.of(hehua), List.of(), null, false)
                .phone();
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut(out, "api", "test"));
        fx.terminal(qingshan, true, false);
        fx.terminal(hehua, true, false);
        fx.terminal(hehua, true, false);

        approver()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCodes", List.of(town, otherTown)))
                .post("/api/audience/preview")
                .then()
                .statusCode(200)
                .body("smsRecipients", equalTo(2))
                .body("optedOutExcluded", equalTo(1))
                .body("terminals", equalTo(3))
                .body("areas[0].code", equalTo(town))
                .body("areas[0].smsRecipients", equalTo(2))
                .body("areas[0].terminals", equalTo(1))
                .body("areas[1].code", equalTo(otherTown))
                .body("areas[1].smsRecipients", equalTo(1))
                .body("areas[1].terminals", equalTo(2));
    }

    @Test
    void previewRefusesUnknownAreasBadLanguagesAndAnOverrideTheDeploymentDoesNotAllow() {
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCodes", List.of("NOPE" + run)))
                .post("/api/audience/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("areaCodes"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCodes", List.of()))
                .post("/api/audience/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("areaCodes"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCodes", List.of(town), "languages", List.of("xx")))
                .post("/api/audience/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("languages"));
        operator()
                .contentType(ContentType.JSON)
                .body(Map.of("areaCodes", List.of(town), "includeOptedOut", true))
                .post("/api/audience/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("includeOptedOut"));
        assertThatThrownBy(() -> audience.count(AudienceQuery.areas("NOPE" + run)))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void streamingWalksPastTheChunkSizeWithoutRepeatsOrGaps() {
        StringBuilder csv = new StringBuilder("phone,area\n");
        int n = AudienceService.CHUNK * 2 + 345;
        long base = 10_000_000L + new java.util.Random().nextInt(80_000_000);
        for (int i = 0; i < n; i++) {
            csv.append("+86137")
                    .append(base + i)
                    .append(',')
                    .append(i % 2 == 0 ? qingshan : hehua)
                    .append('\n');
        }
        operator()
                .contentType("text/csv")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/residents/import?commit=true")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(n));
        List<String> all = phones(AudienceQuery.areas(district));
        assertThat(all).hasSize(n).doesNotHaveDuplicates();
        assertThat(audience.count(AudienceQuery.areas(district)).smsRecipients())
                .isEqualTo(n);
    }
}
