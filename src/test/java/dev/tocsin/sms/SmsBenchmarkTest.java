package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
import dev.tocsin.sandbox.SandboxService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput of the outbox against the sandbox (5 ms latency, no callbacks, throttle off),
 * compared with a plain sequential SDK loop in the same run. Excluded from the normal build:
 * ./mvnw test -Dtest=SmsBenchmarkTest -DexcludedGroups= -Dtocsin.db=mariadb -Dtocsin.db.url=...
 * Sizes: -Dbench.sms.recipients (100000), -Dbench.sms.sequential (1000).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(SmsBenchmarkTest.Fast.class)
class SmsBenchmarkTest {

    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tocsin.sms.throttle.enabled",
                    "false",
                    "tocsin.sms.outbox.workers",
                    "24",
                    "tocsin.sms.outbox.batch-size",
                    "100",
                    "tocsin.sms.outbox.lease",
                    "2m",
                    "tocsin.sandbox.latency",
                    "5ms",
                    "tocsin.sandbox.callbacks",
                    "false",
                    "quarkus.datasource.jdbc.max-size",
                    "48");
        }
    }

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    DataSource dataSource;

    @Inject
    TwilioAccount account;

    @Inject
    SmsConfig config;

    @Inject
    dev.tocsin.audience.AudienceFixtures areas;

    @Inject
    dev.tocsin.audience.AudienceService audience;

    @Test
    void hundredThousandRecipientsAgainstTheSandbox() throws Exception {
        int n = Integer.getInteger("bench.sms.recipients", 100_000);
        int seq = Integer.getInteger("bench.sms.sequential", 1000);
        String prefix = "+1999" + SmsTestSupport.RUN;
        long idBase = 900_000_000L + Long.parseLong(SmsTestSupport.RUN) * 1_000_000L;
        // A district of 8 towns x 25 villages; residents spread over the villages, streamed through
        // the audience service exactly as a broadcast firing does (whole-district query).
        String district = "SB" + SmsTestSupport.RUN + System.currentTimeMillis() % 100_000;
        areas.area(district, "Bench district " + district, dev.tocsin.audience.AreaKind.DISTRICT, null);
        List<Long> villages = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String town = areas.area(district + "T" + t, "Town " + t, dev.tocsin.audience.AreaKind.TOWN, district);
            for (int v = 0; v < 25; v++) {
                String code = areas.area(
                        town + "V" + v, "Village " + t + "-" + v, dev.tocsin.audience.AreaKind.VILLAGE, town);
                villages.add(QuarkusTransaction.requiringNew()
                        .call(() -> dev.tocsin.audience.Area.findByCode(code).orElseThrow().id));
            }
        }
        insertResidents(prefix, idBase, n, villages);

        // Baseline: the SDK's documented usage, one create() after another on one thread.
        TwilioHttpClient http =
                new TwilioHttpClient(account.apiBase(), 2, Duration.ofSeconds(5), Duration.ofSeconds(10));
        TwilioRestClient client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                .httpClient(http)
                .build();
        long s0 = System.nanoTime();
        for (int i = 0; i < seq; i++) {
            Message.creator(
                            new PhoneNumber("+1998" + SmsTestSupport.RUN + String.format("%07d", i)),
                            new PhoneNumber(account.fromNumber().orElseThrow()),
                            "Baseline " + i)
                    .create(client);
        }
        double seqRate = seq / ((System.nanoTime() - s0) / 1e9);
        http.close();

        resetPeaks();
        long t0 = System.nanoTime();
        SmsDispatchService.DispatchResult result = QuarkusTransaction.requiringNew()
                .timeout(3600)
                .call(() -> {
                    try (Stream<Recipient> recipients = audience.residents(
                                    dev.tocsin.audience.AudienceQuery.areas(district))
                            .map(r -> new Recipient(r.residentId(), r.phone(), r.language()))) {
                        return dispatcher.dispatch(
                                SmsDispatchRequest.of(
                                        "bench-" + SmsTestSupport.RUN + "-" + System.currentTimeMillis(),
                                        "Cold wave warning: icy roads tonight, stay home if you can.",
                                        Urgency.URGENT,
                                        "bench"),
                                recipients);
                    }
                });
        double dispatchSeconds = (System.nanoTime() - t0) / 1e9;
        while (pending(result.dispatchId()) > 0) {
            Thread.sleep(250);
        }
        double totalSeconds = (System.nanoTime() - t0) / 1e9;
        long heapPeakMb = heapPeak() / (1024 * 1024);

        SandboxService.Stats stats = SmsTestSupport.sandboxStats(prefix);
        double rate = n / totalSeconds;
        String line = String.format(
                "%s sms-throughput recipients=%d dispatch_insert_s=%.1f total_s=%.1f rate_per_s=%.0f"
                        + " sequential_sdk_rate_per_s=%.1f speedup=%.1fx heap_peak_mb=%d sandbox_total=%d duplicates=%d workers=%d"
                        + " max_in_flight=%d audience=district(200 villages) db=%s load=%s%n",
                Instant.now(),
                n,
                dispatchSeconds,
                totalSeconds,
                rate,
                seqRate,
                rate / seqRate,
                heapPeakMb,
                stats.total(),
                stats.duplicates().size(),
                config.outbox().workers(),
                config.outbox().maxInFlight(),
                System.getProperty("tocsin.db", "h2"),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.print("BENCH " + line);
        Files.writeString(
                Path.of("target", "bench-sms.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(result.queued()).isEqualTo(n);
        assertThat(stats.total()).isEqualTo(n);
        assertThat(stats.duplicates()).isEmpty();
    }

    private long pending(long dispatchId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM sms_delivery WHERE dispatch_id = ? AND state IN ('QUEUED', 'SENDING')")) {
            ps.setLong(1, dispatchId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void insertResidents(String prefix, long idBase, int n, List<Long> villages) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO resident (id, name, phone, language, consent, consent_at,"
                                + " consent_channel, test_recipient, created_at, updated_at) VALUES (?, ?, ?, 'en', 'SUBSCRIBED', ?, 'import', FALSE, ?, ?)");
                PreparedStatement link =
                        c.prepareStatement("INSERT INTO resident_area (resident_id, area_id) VALUES (?, ?)")) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < n; i++) {
                ps.setLong(1, idBase + i);
                ps.setString(2, "Bench " + i);
                ps.setString(3, prefix + String.format("%06d", i));
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.addBatch();
                link.setLong(1, idBase + i);
                link.setLong(2, villages.get(i % villages.size()));
                link.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                    link.executeBatch();
                }
            }
            ps.executeBatch();
            link.executeBatch();
            c.commit();
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }
}
