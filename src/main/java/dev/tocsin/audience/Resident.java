package dev.tocsin.audience;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** A person who receives SMS notices for the areas they live in. Phone is E.164 and unique. */
@Entity
@Table(name = "resident")
public class Resident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resident_seq")
    @SequenceGenerator(name = "resident_seq", sequenceName = "resident_seq", allocationSize = 50)
    public Long id;

    @Column(length = 200)
    public String name;

    @Column(nullable = false, unique = true, length = 20)
    public String phone;

    /** BCP 47 tag, e.g. zh-CN or en. */
    @Column(nullable = false, length = 16)
    public String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Consent consent;

    @Column(name = "consent_at", nullable = false)
    public Instant consentAt;

    /** How consent last changed: import, api, sms-keyword, carrier (21610), console. */
    @Column(name = "consent_channel", nullable = false, length = 32)
    public String consentChannel;

    /** Tests (CAP status test) reach only residents marked as test recipients. */
    @Column(name = "test_recipient", nullable = false)
    public boolean testRecipient;

    /** Prefers a voice call to an SMS for urgent broadcasts (elderly, cannot read). */
    @Column(name = "prefers_call", nullable = false)
    public boolean prefersCall;

    @ElementCollection
    @CollectionTable(name = "resident_area", joinColumns = @JoinColumn(name = "resident_id"))
    @Column(name = "area_id")
    public Set<Long> areaIds = new LinkedHashSet<>();

    @ElementCollection
    @CollectionTable(name = "resident_tag", joinColumns = @JoinColumn(name = "resident_id"))
    @Column(name = "tag", length = 64)
    public Set<String> tags = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Resident> findByPhone(String phone) {
        return find("phone", phone).firstResultOptional();
    }
}
