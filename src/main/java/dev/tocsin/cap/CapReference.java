package dev.tocsin.cap;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An Update or Cancel linked to an earlier received alert it references. */
@Entity
@Table(name = "cap_reference")
public class CapReference extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cap_reference_seq")
    @SequenceGenerator(name = "cap_reference_seq", sequenceName = "cap_reference_seq", allocationSize = 50)
    public Long id;

    @Column(name = "received_id", nullable = false)
    public long receivedId;

    @Column(name = "referenced_id", nullable = false)
    public long referencedId;
}
