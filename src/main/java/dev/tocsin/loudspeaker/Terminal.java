package dev.tocsin.loudspeaker;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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

    /** How Tocsin reaches it: null for a box that polls the device API, else SIP or multicast paging. */
    @Enumerated(EnumType.STRING)
    @Column(name = "paging_kind", length = 16)
    public PagingKind pagingKind;

    @Column(name = "sip_uri", length = 255)
    public String sipUri;

    @Column(name = "sip_username", length = 100)
    public String sipUsername;

    /** The SIP password sealed by {@link PagingSecrets}; never returned or logged. */
    @Column(name = "sip_password_sealed", length = 400)
    public String sipPasswordSealed;

    /** host:port of the multicast group. */
    @Column(name = "multicast_group", length = 64)
    public String multicastGroup;

    @Column(name = "multicast_ttl")
    public Integer multicastTtl;

    /** PCMU or PCMA for multicast; SIP negotiates its own. */
    @Column(name = "paging_codec", length = 8)
    public String pagingCodec;

    /** Last SIP OPTIONS health probe of a SIP speaker (dev.tocsin.paging.PagingProbes). */
    @Column(name = "paging_probed_at")
    public Instant pagingProbedAt;

    /**
     * JPQL condition (alias {@code t}, cut-off parameter to format in) for a terminal counted as
     * silent: a polling box not heard from since the cut, a paged speaker whose last call failed.
     * The same rule as {@link #online}.
     */
    public static final String SILENT = "(t.pagingKind is null and (t.lastSeenAt is null or t.lastSeenAt < %1$s)) "
            + "or (t.pagingKind is not null and t.lastError is not null)";

    /**
     * A polling box is online while it keeps calling in. A paged speaker never calls in: it counts
     * as online unless its last call or health probe failed ({@code lastError}, cleared by the
     * next answered call, or by the next answered probe when a probe set it).
     */
    public boolean online(Instant now, java.time.Duration offlineAfter) {
        if (pagingKind != null) {
            return lastError == null;
        }
        return lastSeenAt != null && !lastSeenAt.isBefore(now.minus(offlineAfter));
    }

    public static Optional<Terminal> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
