package dev.tocsin.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.Consent;
import dev.tocsin.audience.Resident;
import dev.tocsin.audience.Suppression;
import dev.tocsin.loudspeaker.Terminal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DemoDataTest.WithDemo.class)
class DemoDataTest {

    public static class WithDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.demo.enabled", "true");
        }
    }

    @Inject
    DemoDataLoader loader;

    @Test
    void demoDistrictIsLoadedOnceWithTreeResidentsAndTerminals() throws Exception {
        DemoData demo;
        try (var in = getClass().getClassLoader().getResourceAsStream("demo/ziyang.json")) {
            demo = new com.fasterxml.jackson.databind.ObjectMapper().readValue(in, DemoData.class);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Area district = Area.findByCode("430902000000").orElseThrow();
            assertThat(district.kind).isEqualTo(AreaKind.DISTRICT);
            assertThat(Area.children(district.id))
                    .extracting(a -> a.kind)
                    .containsOnly(AreaKind.TOWN, AreaKind.TOWNSHIP, AreaKind.SUBDISTRICT, AreaKind.PARK)
                    .hasSize(9);
            Area village = Area.findByCode("430902100201").orElseThrow();
            assertThat(village.path).startsWith(district.path).endsWith("/" + village.id + "/");
            assertThat(Area.count("path like ?1", district.path + "%")).isEqualTo(29);
            // Other tests share the database: count only the demo file's own rows.
            List<String> phones =
                    demo.residents().stream().map(DemoData.ResidentRow::phone).toList();
            long optedOutInFile = demo.residents().stream()
                    .filter(r -> r.consent().equals("OPTED_OUT"))
                    .count();
            assertThat(phones).hasSize(58);
            assertThat(Resident.count("phone in ?1", phones)).isEqualTo(58);
            assertThat(Terminal.count("code like ?1", "T-430902%")).isEqualTo(19);
            assertThat(optedOutInFile).isPositive();
            assertThat(Resident.count("consent = ?1 and phone in ?2", Consent.OPTED_OUT, phones))
                    .isEqualTo(optedOutInFile);
            assertThat(Suppression.count("phone in ?1", phones)).isEqualTo(optedOutInFile);
        });
        assertThat(QuarkusTransaction.requiringNew().call(loader::load)).isZero();
        long areas = QuarkusTransaction.requiringNew().call(() -> Area.count("code like ?1", "430902%"));
        assertThat(areas).isEqualTo(29);
    }
}
