package dev.tocsin.cap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Fetch state of one configured upstream feed (keyed by its configured name). */
@Entity
@Table(name = "cap_feed_state")
public class CapFeedState extends PanacheEntityBase {

    @Id
    @Column(length = 100)
    public String name;

    @Column(length = 500)
    public String etag;

    @Column(name = "last_modified", length = 100)
    public String lastModified;

    @Column(nullable = false)
    public int failures;

    @Column(name = "last_error", length = 1000)
    public String lastError;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "lease_owner", length = 100)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;
}
