package dev.tocsin.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One recorded action: who did what to which subject, and when. Never updated. */
@Entity
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false, length = 64)
    public String actor;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(nullable = false, length = 200)
    public String subject;

    @Column(length = 4000)
    public String detail;
}
