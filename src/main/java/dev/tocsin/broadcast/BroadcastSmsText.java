package dev.tocsin.broadcast;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.List;

/** A broadcast's SMS in one language, frozen at approval; see {@link SmsTexts}. */
@Entity
@Table(name = "broadcast_sms_text")
public class BroadcastSmsText extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "broadcast_sms_text_seq")
    @SequenceGenerator(name = "broadcast_sms_text_seq", sequenceName = "broadcast_sms_text_seq", allocationSize = 50)
    public Long id;

    @Column(name = "broadcast_id", nullable = false)
    public long broadcastId;

    @Column(nullable = false, length = 16)
    public String language;

    @Column(name = "sms_text", nullable = false)
    public String text;

    @Column(nullable = false)
    public int segments;

    /** The template's limit when frozen; null when none. */
    @Column(name = "segment_limit")
    public Integer segmentLimit;

    static List<BroadcastSmsText> of(long broadcastId) {
        return list("broadcastId = ?1 order by id", broadcastId);
    }
}
