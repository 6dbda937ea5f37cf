package dev.tocsin.platform.db;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.LockModeType;
import org.hibernate.Timeouts;

/**
 * Row claiming for job queues: lock the rows a worker takes, and skip rows another transaction
 * holds (SELECT ... FOR UPDATE SKIP LOCKED on MariaDB 10.6+ and H2 2.2+). Use inside a
 * transaction, with a page size, and mark the claimed rows (lease owner and expiry) before
 * committing so the claim outlives the transaction.
 */
public final class Claims {

    private Claims() {}

    public static <T> PanacheQuery<T> skipLocked(PanacheQuery<T> query) {
        return query.withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", Timeouts.SKIP_LOCKED_MILLI);
    }
}
