package dev.tocsin.duty;

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
import java.util.List;
import java.util.Optional;

/**
 * A responsible person on the 叫应 roster: one post (role in an area, A角 or B角). Kept apart from
 * residents; the same mobile may be a resident and hold several posts.
 */
@Entity
@Table(name = "duty_person")
public class DutyPerson extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "duty_person_seq")
    @SequenceGenerator(name = "duty_person_seq", sequenceName = "duty_person_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    /** E.164. */
    @Column(nullable = false, length = 20)
    public String mobile;

    @Column(name = "area_id", nullable = false)
    public long areaId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public DutyRole role;

    @Enumerated(EnumType.STRING)
    @Column(name = "duty_rank", nullable = false, length = 16)
    public DutyRank rank;

    @Column(name = "superior_id")
    public Long superiorId;

    @Column(nullable = false, length = 16)
    public String language;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static Optional<DutyPerson> findPost(String mobile, long areaId, DutyRole role) {
        return find("mobile = ?1 and areaId = ?2 and role = ?3", mobile, areaId, role)
                .firstResultOptional();
    }

    static List<DutyPerson> byMobile(String mobile) {
        return list("mobile", mobile);
    }

    /** The backup (B角) of the same post, if the roster has one. */
    static Optional<DutyPerson> backupOf(DutyPerson primary) {
        return find(
                        "areaId = ?1 and role = ?2 and rank = ?3 order by id",
                        primary.areaId,
                        primary.role,
                        DutyRank.BACKUP)
                .firstResultOptional();
    }
}
