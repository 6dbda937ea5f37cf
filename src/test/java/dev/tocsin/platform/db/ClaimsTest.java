package dev.tocsin.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job queues rely on SELECT ... FOR UPDATE SKIP LOCKED: a second worker must skip the rows
 * the first holds, neither blocking nor taking them. Runs on H2 and, with -Dtocsin.db=mariadb,
 * on MariaDB.
 */
@QuarkusTest
class ClaimsTest {

    @BeforeEach
    void fillQueue() {
        QuarkusTransaction.requiringNew().run(() -> {
            ClaimProbe.deleteAll();
            for (long i = 1; i <= 10; i++) {
                ClaimProbe p = new ClaimProbe();
                p.id = i;
                p.persist();
            }
        });
    }

    private static List<Long> claim(String worker, int n) {
        List<ClaimProbe> rows = Claims.skipLocked(ClaimProbe.<ClaimProbe>find("claimedBy is null order by id"))
                .page(0, n)
                .list();
        rows.forEach(r -> r.claimedBy = worker);
        return rows.stream().map(r -> r.id).toList();
    }

    @Test
    void concurrentWorkersClaimDisjointRowsWithoutWaiting() throws Exception {
        CountDownLatch firstHoldsLocks = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);

        CompletableFuture<List<Long>> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> {
                    List<Long> ids = claim("a", 4);
                    firstHoldsLocks.countDown();
                    // Keep the transaction (and its row locks) open until the second worker is done.
                    if (!secondDone.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("second worker never finished: it was blocked");
                    }
                    return ids;
                }));
        assertThat(firstHoldsLocks.await(30, TimeUnit.SECONDS)).isTrue();

        List<Long> second = QuarkusTransaction.requiringNew().call(() -> claim("b", 4));
        secondDone.countDown();
        List<Long> firstIds = first.get(30, TimeUnit.SECONDS);

        assertThat(firstIds).containsExactly(1L, 2L, 3L, 4L);
        assertThat(second).containsExactly(5L, 6L, 7L, 8L);

        List<Long> third = QuarkusTransaction.requiringNew().call(() -> claim("c", 4));
        assertThat(third).containsExactly(9L, 10L);
        long claimedByA = QuarkusTransaction.requiringNew().call(() -> ClaimProbe.count("claimedBy", "a"));
        assertThat(claimedByA).isEqualTo(4);
    }
}
