package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.audience.Consent;
import dev.tocsin.audience.Resident;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Firing latency with the real scheduler tick: an urgent broadcast scheduled ONCE a few seconds
 * ahead (20 s, so a slow approval still precedes it) is approved and left to the claimer; measured from the occurrence's due time to
 * (a) the occurrence FIRED, (b) its first SMS outbox row, (c) its first loudspeaker play, and
 * (d) the first SMS handed to the sandbox. Target (#7): fires within 2 s of the due time.
 * ./mvnw test -Dtest=BroadcastFiringBenchmarkTest -DexcludedGroups= [-Dbench.firing.runs=5 -Dbench.firing.residents=1000]
 */
@Tag("bench")
@QuarkusTest
@TestProfile(BroadcastFiringBenchmarkTest.Ticking.class)
class BroadcastFiringBenchmarkTest {

    public static class Ticking implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tocsin.broadcast.tick",
                    "1s",
                    "tocsin.sandbox.latency",
                    "5ms",
                    "tocsin.sandbox.callbacks",
                    "false");
        }
    }

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    BroadcastFixtures staff;

    @Inject
    AudienceFixtures audience;

    @Inject
    DataSource dataSource;

    @Test
    void occurrencesFireWithinTwoSecondsOfTheirDueTime() throws Exception {
        int runs = Integer.getInteger("bench.firing.runs", 3);
        int lead = Integer.getInteger("bench.firing.lead-seconds", 20);
        int residents = Integer.getInteger("bench.firing.residents", 1000);
        int terminals = Integer.getInteger("bench.firing.terminals", 20);
        staff.ensureUsers();
        String run = AudienceFixtures.run();
        String village = audience.area("FB" + run, "Firing bench " + run, AreaKind.VILLAGE, null);
        long areaId = QuarkusTransaction.requiringNew()
                .call(() -> Area.findByCode(village).orElseThrow().id);
        String prefix = "+86136" + String.format("%04d", new java.util.Random().nextInt(10_000));
        for (int from = 0; from < residents; from += 500) {
            int start = from;
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = Instant.now();
                for (int i = start; i < Math.min(residents, start + 500); i++) {
                    Resident r = new Resident();
                    r.name = "Bench " + i;
                    r.phone = prefix + String.format("%05d", i);
                    r.language = "en";
                    r.consent = Consent.SUBSCRIBED;
                    r.consentAt = now;
                    r.consentChannel = "import";
                    r.areaIds.add(areaId);
                    r.createdAt = now;
                    r.updatedAt = now;
                    r.persist();
                }
            });
        }
        for (int i = 0; i < terminals; i++) {
            audience.terminal(village, true, false);
        }

        // Warm up the request path (authentication, JSON, compose) before timing anything.
        as(OPERATOR).get("/api/broadcasts").then().statusCode(200);
        List<String> lines = new ArrayList<>();
        List<Double> fired = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long id = -1;
            // On a loaded machine a request can take longer than the lead: then try again further ahead.
            for (int ahead = lead; id < 0; ahead *= 2) {
                LocalDateTime at =
                        LocalDateTime.now(SHANGHAI).plusSeconds(ahead).truncatedTo(ChronoUnit.SECONDS);
                String body = """
                        {"text":"Cold wave bench %d: stay indoors tonight.","language":"en","channels":["sms","loudspeaker"],
                         "priority":"urgent","status":"actual","audience":{"areaCodes":["%s"]},
                         "schedule":{"kind":"ONCE","zone":"Asia/Shanghai","at":"%s"}}""".formatted(i, village, at);
                var response = as(OPERATOR).body(body).post("/api/broadcasts");
                assertThat(ahead).as("lead needed").isLessThan(600);
                if (response.statusCode() == 201) {
                    id = response.jsonPath().getLong("broadcast.id");
                }
            }
            long bid = id;
            as(OPERATOR).post("/api/broadcasts/" + bid + "/submit").then().statusCode(200);
            as(APPROVER)
                    .post("/api/broadcasts/" + id + "/approve")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(200);
            long occ = QuarkusTransaction.requiringNew()
                    .call(() -> Occurrence.<Occurrence>find("broadcastId", bid).firstResult().id);
            Instant deadline = Instant.now().plusSeconds(120);
            Measured m;
            do {
                Thread.sleep(200);
                m = measure(occ);
            } while ((m.firedAt == null || m.firstSent == null || m.firstPlay == null)
                    && Instant.now().isBefore(deadline));
            assertThat(m.firedAt).as("occurrence %d fired", occ).isNotNull();
            String line = String.format(
                    "%s broadcast-firing run=%d residents=%d terminals=%d due=%s fired_ms=%d"
                            + " first_outbox_row_ms=%d first_play_ms=%d first_sms_sent_ms=%d%n",
                    Instant.now(),
                    i,
                    residents,
                    terminals,
                    m.dueAt,
                    ms(m.dueAt, m.firedAt),
                    ms(m.dueAt, m.firstRow),
                    ms(m.dueAt, m.firstPlay),
                    ms(m.dueAt, m.firstSent));
            System.out.print("BENCH " + line);
            lines.add(line);
            fired.add(ms(m.dueAt, m.firedAt) / 1000.0);
        }
        for (String line : lines) {
            Files.writeString(
                    Path.of("target", "bench-broadcast.txt"),
                    line,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        assertThat(fired).hasSize(runs);
    }

    private record Measured(Instant dueAt, Instant firedAt, Instant firstRow, Instant firstPlay, Instant firstSent) {}

    private Measured measure(long occurrenceId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Instant due = null;
            Instant fired = null;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT due_at, fired_at FROM broadcast_occurrence WHERE id = ?")) {
                ps.setLong(1, occurrenceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    due = rs.getTimestamp(1).toInstant();
                    fired = instant(rs.getTimestamp(2));
                }
            }
            String ref = "occ-" + occurrenceId;
            Instant[] sms = new Instant[2];
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT MIN(d.created_at), MIN(d.sent_at) FROM sms_delivery d"
                            + " JOIN sms_dispatch s ON s.id = d.dispatch_id WHERE s.external_ref = ?")) {
                ps.setString(1, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sms[0] = instant(rs.getTimestamp(1));
                    sms[1] = instant(rs.getTimestamp(2));
                }
            }
            Instant play;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT MIN(created_at) FROM play WHERE occurrence_ref = ?")) {
                ps.setString(1, ref);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    play = instant(rs.getTimestamp(1));
                }
            }
            return new Measured(due, fired, sms[0], play, sms[1]);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static long ms(Instant from, Instant to) {
        return to == null ? -1 : Duration.between(from, to).toMillis();
    }
}
