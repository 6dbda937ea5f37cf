package dev.tocsin.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message the sandbox accepted, as Twilio would keep it. */
@Entity
@Table(name = "sandbox_message")
public class SandboxMessage extends PanacheEntityBase {

    @Id
    @Column(length = 34)
    public String sid;

    @Column(name = "account_sid", nullable = false, length = 64)
    public String accountSid;

    @Column(name = "to_number", nullable = false, length = 32)
    public String to;

    @Column(name = "from_number", length = 32)
    public String from;

    @Column(name = "messaging_service_sid", length = 64)
    public String messagingServiceSid;

    @Column(nullable = false, length = 1600)
    public String body;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "error_code")
    public Integer errorCode;

    @Column(name = "num_segments", nullable = false)
    public int numSegments;

    @Column(name = "status_callback", length = 500)
    public String statusCallback;

    @Column(name = "date_created", nullable = false)
    public Instant dateCreated;

    @Column(name = "date_sent")
    public Instant dateSent;

    @Column(name = "date_updated", nullable = false)
    public Instant dateUpdated;
}
