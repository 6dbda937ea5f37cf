package dev.tocsin.platform.db;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Test-only queue row (table from src/test/resources/db/testdata). */
@Entity
@Table(name = "claim_probe")
public class ClaimProbe extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "claimed_by")
    public String claimedBy;
}
