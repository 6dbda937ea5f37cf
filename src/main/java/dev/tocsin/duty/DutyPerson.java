package dev.tocsin.duty;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The days this post is held; null: every day. */
    @Convert(converter = DutyRota.Column.class)
    @Column(length = 1000)
    public DutyRota rota;

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

    /** Whether this person holds the post on {@code day} (the district's date). */
    boolean onDuty(LocalDate day) {
        return rota == null || rota.covers(day);
    }

    /** The backup (B角) of the same post on duty on {@code day} (null: any day), if the roster has one. */
    static Optional<DutyPerson> backupOf(DutyPerson primary, LocalDate day) {
        return DutyPerson.<DutyPerson>list(
                        "areaId = ?1 and role = ?2 and rank = ?3 order by id",
                        primary.areaId,
                        primary.role,
                        DutyRank.BACKUP)
                .stream()
                .filter(p -> day == null || p.onDuty(day))
                .findFirst();
    }
}
