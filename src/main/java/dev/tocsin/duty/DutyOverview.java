package dev.tocsin.duty;

import dev.tocsin.broadcast.Broadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every 叫应, newest first, with its counts: the list staff open a board from. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DutyOverview {

    public record Summary(
            long broadcastId,
            String title,
            String colour,
            DutyCall.State state,
            Instant startedAt,
            long entries,
            long answered,
            long unanswered,
            long escalated) {}

    public record Page(List<Summary> calls, int page, int size, long total) {}

    public Page list(int page, int size) {
        var query = DutyCall.<DutyCall>find("order by startedAt desc, id desc");
        long total = query.count();
        List<DutyCall> calls = query.page(page, size).list();
        Map<Long, long[]> counts = new HashMap<>();
        if (!calls.isEmpty()) {
            // One grouped query for the page: entries, answered, escalated (backup or superior).
            List<Object[]> rows = DutyEntry.getEntityManager()
                    .createQuery(
                            "select e.callId, count(e), sum(case when e.answeredAt is not null then 1 else 0 end),"
                                    + " sum(case when e.backupAt is not null or e.superiorAt is not null then 1 else 0 end)"
                                    + " from DutyEntry e where e.callId in ?1 group by e.callId",
                            Object[].class)
                    .setParameter(1, calls.stream().map(c -> c.id).toList())
                    .getResultList();
            for (Object[] r : rows) {
                counts.put((Long) r[0], new long[] {
                    ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue()
                });
            }
        }
        List<Summary> out = calls.stream()
                .map(c -> {
                    long[] n = counts.getOrDefault(c.id, new long[3]);
                    Broadcast b = Broadcast.findById(c.broadcastId);
                    return new Summary(
                            c.broadcastId,
                            b == null ? null : b.title,
                            c.colour.id(),
                            c.state,
                            c.startedAt,
                            n[0],
                            n[1],
                            n[0] - n[1],
                            n[2]);
                })
                .toList();
        return new Page(out, page, size, total);
    }
}
