package dev.tocsin.loudspeaker;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A village loudspeaker box (IP broadcast terminal) standing in one area. */
@Entity
@Table(name = "terminal")
public class Terminal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "terminal_seq")
    @SequenceGenerator(name = "terminal_seq", sequenceName = "terminal_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true, length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "area_id", nullable = false)
    public Long areaId;

    @Column(length = 100)
    public String model;

    /** IANA zone id of the terminal's clock. */
    @Column(nullable = false, length = 64)
    public String zone;

    @Column(name = "volume_preset", nullable = false)
    public int volumePreset;

    @Column(nullable = false)
    public boolean enabled;

    /** Tests (CAP status test) play only on terminals marked as test terminals. */
    @Column(name = "test_terminal", nullable = false)
    public boolean testTerminal;

    /** Hash of the device token; the token itself is shown once and never stored. */
    @Column(name = "token_hash", length = 100)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Server time of the last heartbeat or device request. */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "reported_volume")
    public Integer reportedVolume;

    @Column(name = "amplifier_ok")
    public Boolean amplifierOk;

    @Column(name = "free_storage_bytes")
    public Long freeStorageBytes;

    /** Terminal clock minus server clock, from the last heartbeat. */
    @Column(name = "clock_offset_ms")
    public Long clockOffsetMs;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "offline_alerted_at")
    public Instant offlineAlertedAt;

    public boolean online(Instant now, java.time.Duration offlineAfter) {
        return lastSeenAt != null && !lastSeenAt.isBefore(now.minus(offlineAfter));
    }

    public static Optional<Terminal> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
