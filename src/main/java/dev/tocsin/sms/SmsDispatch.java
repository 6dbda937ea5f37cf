package dev.tocsin.sms;

import dev.tocsin.alert.Urgency;
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

/** One SMS fan-out job: the same notice to many residents. */
@Entity
@Table(name = "sms_dispatch")
public class SmsDispatch extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sms_dispatch_seq")
    @SequenceGenerator(name = "sms_dispatch_seq", sequenceName = "sms_dispatch_seq", allocationSize = 50)
    public Long id;

    @Column(name = "external_ref", length = 100, unique = true)
    public String externalRef;

    @Column(nullable = false, length = 64)
    public String sender;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Urgency priority;

    /** The default body (before carrier signature); per-language bodies are on the delivery rows. */
    @Column(nullable = false, length = 1600)
    public String body;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set when the dispatch is withdrawn: nothing more of it is handed to the provider. */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawn_reason", length = 500)
    public String withdrawnReason;

    public static Optional<SmsDispatch> findByExternalRef(String ref) {
        return find("externalRef", ref).firstResultOptional();
    }
}
