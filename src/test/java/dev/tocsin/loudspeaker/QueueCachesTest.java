package dev.tocsin.loudspeaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-memory token cache and queue snapshots, without the server. */
class QueueCachesTest {

    private static LoudspeakerConfig config(Duration ttl, int size) {
        return new LoudspeakerConfig() {
            public Duration offlineAfter() {
                return Duration.ofMinutes(3);
            }

            public Duration maxWait() {
                return Duration.ofSeconds(60);
            }

            public Duration recheckInterval() {
                return ttl;
            }

            public Duration startedGrace() {
                return Duration.ofMinutes(30);
            }

            public Duration tokenCacheTtl() {
                return ttl;
            }

            public int tokenCacheSize() {
                return size;
            }

            public Duration snapshotTtl() {
                return ttl;
            }

            public Duration lastSeenFlush() {
                return Duration.ofSeconds(5);
            }

            @Override
            public java.util.Optional<String> pagingSecretKey() {
                return java.util.Optional.empty();
            }
        };
    }

    @Test
    void tokensAreForgottenWhenTheirTerminalChangesAndALookupOlderThanTheChangeIsNotKept() {
        TokenCache cache = new TokenCache(config(Duration.ofMinutes(1), 100));
        cache.put("h1", 1, cache.generation());
        cache.put("h2", 2, cache.generation());
        assertThat(cache.find("h1")).isEqualTo(1L);

        long before = cache.generation();
        cache.invalidate(1);
        assertThat(cache.find("h1")).isNull();
        assertThat(cache.find("h2")).isEqualTo(2L);
        // Read from the database before the revoke committed: must not come back.
        cache.put("h1", 1, before);
        assertThat(cache.find("h1")).isNull();
    }

    @Test
    void tokensExpireAndTheCacheStaysBounded() throws InterruptedException {
        TokenCache shortLived = new TokenCache(config(Duration.ofMillis(50), 100));
        shortLived.put("h", 7, shortLived.generation());
        Thread.sleep(120);
        assertThat(shortLived.find("h")).isNull();

        TokenCache small = new TokenCache(config(Duration.ofMinutes(1), 3));
        for (int i = 0; i < 10; i++) {
            small.put("h" + i, i, small.generation());
        }
        long kept = java.util.stream.IntStream.range(0, 10)
                .filter(i -> small.find("h" + i) != null)
                .count();
        assertThat(kept).isBetween(1L, 3L);
        assertThat(small.find("h9")).isEqualTo(9L);
    }

    @Test
    void aSnapshotIsNotUsedOnceAWindowOpensOrAfterAChangeToItsTerminal() {
        QueueSnapshots snapshots = new QueueSnapshots(config(Duration.ofMinutes(1), 100));
        Instant t0 = Instant.parse("2027-01-05T07:00:00Z");
        DeviceService.Queue q = new DeviceService.Queue("T1", t0, List.of(), null, "\"q-1\"");
        snapshots.put(1, q, t0.plusSeconds(30), snapshots.generation());

        DeviceService.Queue later = snapshots.find(1, t0.plusSeconds(10));
        assertThat(later.etag()).isEqualTo("\"q-1\"");
        assertThat(later.serverTime()).isEqualTo(t0.plusSeconds(10));
        assertThat(snapshots.find(1, t0.minusSeconds(1))).as("clock went back").isNull();

        snapshots.put(1, q, t0.plusSeconds(30), snapshots.generation());
        assertThat(snapshots.find(1, t0.plusSeconds(30)))
                .as("a window opens or closes")
                .isNull();

        snapshots.put(1, q, t0.plusSeconds(30), snapshots.generation());
        long before = snapshots.generation();
        snapshots.invalidate(Set.of(1L));
        assertThat(snapshots.find(1, t0)).isNull();
        snapshots.put(1, q, t0.plusSeconds(30), before);
        assertThat(snapshots.find(1, t0)).as("read before the change").isNull();
    }

    @Test
    void aSnapshotLivesAtMostItsTtl() throws InterruptedException {
        QueueSnapshots snapshots = new QueueSnapshots(config(Duration.ofMillis(50), 100));
        Instant t0 = Instant.parse("2027-01-05T07:00:00Z");
        snapshots.put(
                1, new DeviceService.Queue("T1", t0, List.of(), null, "\"q-1\""), Instant.MAX, snapshots.generation());
        assertThat(snapshots.find(1, t0)).isNotNull();
        Thread.sleep(120);
        assertThat(snapshots.find(1, t0)).isNull();
    }
}
