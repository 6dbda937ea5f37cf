package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.Recipient;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Achieved send rate with the segment throttle on, measured from the sandbox's acceptance
 * times. Excluded from the normal build: ./mvnw test -Dtest=SmsThrottleBenchmarkTest -DexcludedGroups=
 * Sizes: -Dbench.sms.throttle.rate (segments/s, 100), -Dbench.sms.throttle.messages (3000).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(SmsThrottleBenchmarkTest.Throttled.class)
class SmsThrottleBenchmarkTest {

    public static class Throttled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tocsin.sms.throttle.enabled",
                    "true",
                    "tocsin.sms.throttle.segments-per-second",
                    System.getProperty("bench.sms.throttle.rate", "100"),
                    "tocsin.sms.outbox.workers",
                    "8",
                    "tocsin.sandbox.latency",
                    "5ms",
                    "tocsin.sandbox.callbacks",
                    "false");
        }
    }

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    DataSource dataSource;

    @Inject
    SmsConfig config;

    @Test
    void achievedSegmentRateMatchesTheConfiguredRate() throws Exception {
        int n = Integer.getInteger("bench.sms.throttle.messages", 3000);
        double configured = config.throttle().segmentsPerSecond();
        String prefix = "+8613509" + SmsTestSupport.RUN;
        List<Recipient> audience = new ArrayList<>();
        SmsTestSupport.residents("+8613509", n, "zh-CN").forEach(audience::add);
        // 71 Chinese characters: two UCS-2 segments per message, so the bucket counts segments.
        String body = "寒".repeat(71);
        long id = dispatcher
                .dispatch(SmsDispatchRequest.of(null, body, Urgency.URGENT, "bench"), audience.stream())
                .dispatchId();
        long pending;
        do {
            Thread.sleep(500);
            pending = count("SELECT COUNT(*) FROM sms_delivery WHERE dispatch_id = " + id
                    + " AND state IN ('QUEUED', 'SENDING')");
        } while (pending > 0);

        List<Instant> times = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT date_created FROM sandbox_message WHERE to_number LIKE ? ORDER BY date_created")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.add(rs.getTimestamp(1).toInstant());
                }
            }
        }
        // The bucket starts full (one second of budget); the steady rate is measured after it:
        // end to end (first to last acceptance), by least squares over every acceptance (the
        // slope, insensitive to one slow last call), and the longest gap between acceptances.
        int burst = (int) Math.ceil(configured / 2);
        double seconds =
                (times.get(times.size() - 1).toEpochMilli() - times.get(burst).toEpochMilli()) / 1000.0;
        double achieved = (times.size() - 1 - burst) * 2 / seconds;
        double t0 = times.get(burst).toEpochMilli() / 1000.0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0, maxGap = 0;
        int m = 0;
        for (int i = burst; i < times.size(); i++, m++) {
            double x = times.get(i).toEpochMilli() / 1000.0 - t0;
            double y = (i - burst) * 2.0;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            if (i > burst) {
                maxGap = Math.max(maxGap, x - (times.get(i - 1).toEpochMilli() / 1000.0 - t0));
            }
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        String line = String.format(
                "%s sms-throttle configured_segments_per_s=%.1f achieved_segments_per_s=%.2f error_pct=%.2f"
                        + " slope_segments_per_s=%.2f slope_error_pct=%.2f max_gap_s=%.2f"
                        + " messages=%d segments_per_message=2 window_s=%.1f workers=%d max_in_flight=%d load=%s%n",
                Instant.now(),
                configured,
                achieved,
                100 * (achieved - configured) / configured,
                slope,
                100 * (slope - configured) / configured,
                maxGap,
                times.size(),
                seconds,
                config.outbox().workers(),
                config.outbox().maxInFlight(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.print("BENCH " + line);
        Files.writeString(
                Path.of("target", "bench-sms.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(times).hasSize(n);
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
