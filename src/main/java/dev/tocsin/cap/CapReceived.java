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

/** A CAP document received from upstream, stored verbatim. */
@Entity
@Table(name = "cap_received")
public class CapReceived extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cap_received_seq")
    @SequenceGenerator(name = "cap_received_seq", sequenceName = "cap_received_seq", allocationSize = 50)
    public Long id;

    @Column(name = "dedupe_key", nullable = false, length = 64)
    public String dedupeKey;

    @Column(nullable = false, length = 255)
    public String sender;

    @Column(nullable = false, length = 255)
    public String identifier;

    @Column(name = "sent_text", nullable = false, length = 40)
    public String sentText;

    @Column(nullable = false)
    public Instant sent;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "msg_type", nullable = false, length = 16)
    public String msgType;

    @Column(length = 255)
    public String event;

    @Column(length = 500)
    public String headline;

    @Column(length = 16)
    public String severity;

    public Instant expires;

    /** The references element as received. */
    @Column(name = "refers_to")
    public String refersTo;

    /** "unsigned", or "verified: <certificate subject>". */
    @Column(nullable = false, length = 500)
    public String signature;

    /** The configured source name whose policy applied, or "default". */
    @Column(nullable = false, length = 64)
    public String source;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "received_by", nullable = false, length = 64)
    public String receivedBy;

    @Column(nullable = false)
    public String xml;

    public static Optional<CapReceived> byKey(String key) {
        return find("dedupeKey", key).firstResultOptional();
    }
}
