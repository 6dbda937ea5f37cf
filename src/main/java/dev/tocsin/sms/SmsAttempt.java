package dev.tocsin.sms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One thing that happened to a delivery: a send, a provider lookup, a hold. */
@Entity
@Table(name = "sms_attempt")
public class SmsAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sms_attempt_seq")
    @SequenceGenerator(name = "sms_attempt_seq", sequenceName = "sms_attempt_seq", allocationSize = 50)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public Long deliveryId;

    @Column(nullable = false)
    public Instant at;

    /** accepted, permanent, transient, uncertain, quiet-hours, reconciled, not-at-provider, lookup-failed... */
    @Column(nullable = false, length = 32)
    public String outcome;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "twilio_sid", length = 64)
    public String twilioSid;

    @Column(length = 500)
    public String detail;
}
