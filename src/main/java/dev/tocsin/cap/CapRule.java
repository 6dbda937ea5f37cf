package dev.tocsin.cap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A staff-editable trigger rule; {@code definition} is a {@link RuleDefinition} as JSON. */
@Entity
@Table(name = "cap_rule")
public class CapRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cap_rule_seq")
    @SequenceGenerator(name = "cap_rule_seq", sequenceName = "cap_rule_seq", allocationSize = 50)
    public Long id;

    @Version
    public long version;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public String definition;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
