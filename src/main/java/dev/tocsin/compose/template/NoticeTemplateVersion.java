package dev.tocsin.compose.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One immutable version of a template; {@code definition} is the TemplateDefinition as JSON. */
@Entity
@Table(name = "notice_template_version")
public class NoticeTemplateVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notice_template_version_seq")
    @SequenceGenerator(
            name = "notice_template_version_seq",
            sequenceName = "notice_template_version_seq",
            allocationSize = 50)
    public Long id;

    @Column(name = "template_id", nullable = false)
    public String templateId;

    @Column(nullable = false)
    public int version;

    @Lob
    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public static Optional<NoticeTemplateVersion> find(String templateId, int version) {
        return find("templateId = ?1 and version = ?2", templateId, version).firstResultOptional();
    }

    public static List<NoticeTemplateVersion> history(String templateId) {
        return list("templateId = ?1 order by version desc", templateId);
    }
}
