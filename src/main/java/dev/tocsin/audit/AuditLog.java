package dev.tocsin.audit;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Appends to the audit trail inside the caller's transaction, so a rolled-back action leaves no entry. */
@ApplicationScoped
public class AuditLog {

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    public record Entry(Instant at, String actor, String action, String subject, String detail) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String subject, String detail) {
        AuditEvent e = new AuditEvent();
        e.at = clock.instant();
        e.actor = actor;
        e.action = action;
        e.subject = subject;
        e.detail = detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 4000);
        e.persist();
    }

    /** Newest first; every filter optional. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Entry> search(String actor, String subjectPrefix, Instant from, Instant to, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (actor != null) {
            q.append(" and actor = :actor");
            params.put("actor", actor);
        }
        if (subjectPrefix != null) {
            q.append(" and subject like :subject");
            params.put("subject", subjectPrefix.replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (from != null) {
            q.append(" and at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            q.append(" and at < :to");
            params.put("to", to);
        }
        return AuditEvent.<AuditEvent>find(q.toString(), Sort.descending("at", "id"), params)
                .page(0, limit)
                .list()
                .stream()
                .map(e -> new Entry(e.at, e.actor, e.action, e.subject, e.detail))
                .toList();
    }
}
