package dev.tocsin.console;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A console sign-in that has not ended; see {@link ConsoleSessions}. */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    /** SHA-256 (hex) of the random session id in the cookie. */
    @Id
    @Column(name = "id_hash", length = 64)
    public String idHash;

    @Column(nullable = false, length = 64)
    public String username;

    @Column(length = 64)
    public String address;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;
}
