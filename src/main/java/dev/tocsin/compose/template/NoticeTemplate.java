package dev.tocsin.compose.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A catalogue entry: its public id and which version is current. */
@Entity
@Table(name = "notice_template")
public class NoticeTemplate extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(nullable = false)
    public boolean active;
    /** Created from the seed files rather than by staff. */
    @Column(nullable = false)
    public boolean seeded;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<NoticeTemplate> listActive() {
        return list("active = true order by id");
    }

    /** Locks the row so that two concurrent edits cannot both become version n+1. */
    public static Optional<NoticeTemplate> findForUpdate(String id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
