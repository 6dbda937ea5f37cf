package dev.tocsin.sms;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A verified status callback, kept once per (SID, status). */
@Entity
@Table(name = "sms_status_event")
public class StatusEvent extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Embeddable
    public record Key(
            @Column(name = "twilio_sid", length = 64) String sid,
            @Column(name = "status", length = 32) String status) implements Serializable {}
}
