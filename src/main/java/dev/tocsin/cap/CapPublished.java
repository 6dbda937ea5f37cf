package dev.tocsin.cap;

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

/** A CAP document Tocsin published for a broadcast; the XML never changes once stored. */
@Entity
@Table(name = "cap_published")
public class CapPublished extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cap_published_seq")
    @SequenceGenerator(name = "cap_published_seq", sequenceName = "cap_published_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 200)
    public String identifier;

    @Column(name = "broadcast_id", nullable = false)
    public long broadcastId;

    @Column(name = "msg_type", nullable = false, length = 16)
    public String msgType;

    @Column(nullable = false)
    public Instant sent;

    @Column(nullable = false)
    public Instant expires;

    /** An Update or Cancel referenced it: it is no longer current. */
    @Column(nullable = false)
    public boolean replaced;

    @Column(nullable = false)
    public String xml;

    public static Optional<CapPublished> byIdentifier(String identifier) {
        return find("identifier", identifier).firstResultOptional();
    }

    public static Optional<CapPublished> latestFor(long broadcastId) {
        return find("broadcastId = ?1 order by sent desc, id desc", broadcastId).firstResultOptional();
    }
}
