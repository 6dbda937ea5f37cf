package dev.tocsin.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A phone number that opted out of routine SMS. */
@Entity
@Table(name = "sms_suppression")
public class Suppression extends PanacheEntityBase {

    @Id
    @Column(length = 20)
    public String phone;

    /** The channel of the opt-out: sms-keyword, carrier, api, console, import. */
    @Column(nullable = false, length = 32)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
