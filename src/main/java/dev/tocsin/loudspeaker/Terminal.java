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

    /** Exercises play only on terminals marked as test terminals. */
    @Column(name = "test_terminal", nullable = false)
    public boolean testTerminal;

    /** Hash of the device token; the token itself is shown once and never stored. */
    @Column(name = "token_hash", length = 100)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Terminal> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
