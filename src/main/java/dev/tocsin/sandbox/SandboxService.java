package dev.tocsin.sandbox;

import dev.tocsin.compose.sms.SmsCounter;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The sandbox's store: what it accepted, with Twilio's statuses. */
@ApplicationScoped
@Transactional
public class SandboxService {

    private final Clock clock;
    private final EntityManager em;
    private final SandboxWriter writer;

    SandboxService(Clock clock, EntityManager em, SandboxWriter writer) {
        this.clock = clock;
        this.em = em;
        this.writer = writer;
    }

    public record Filter(String to, String from, Instant sentOnOrAfter, Instant sentOnOrBefore) {}

    public record Listing(List<SandboxMessage> messages, long total) {}

    public record Stats(long total, long distinctRecipients, Map<String, Long> byStatus, List<Duplicate> duplicates) {}

    public record Duplicate(String to, String body, long count) {}

    /** Stores the message and returns once it is committed (group commit, see {@link SandboxWriter}). */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    SandboxMessage accept(
            String accountSid, String to, String from, String messagingServiceSid, String body, String statusCallback) {
        Instant now = clock.instant();
        SandboxMessage m = new SandboxMessage();
        m.sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        m.accountSid = accountSid;
        m.to = to;
        m.from = from != null ? from : null;
        m.messagingServiceSid = messagingServiceSid;
        m.body = body;
        m.status = "queued";
        m.numSegments = SmsCounter.count(body).segments();
        m.statusCallback = statusCallback;
        m.dateCreated = now;
        // Set at acceptance so that the DateSent filter finds messages still in the queue.
        m.dateSent = now;
        m.dateUpdated = now;
        writer.store(m);
        return m;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SandboxMessage> find(String sid) {
        return SandboxMessage.findByIdOptional(sid);
    }

    /** Newest first, like Twilio. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Listing list(Filter f, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.to() != null) {
            q.append(" and to = :to");
            params.put("to", f.to());
        }
        if (f.from() != null) {
            q.append(" and from = :from");
            params.put("from", f.from());
        }
        if (f.sentOnOrAfter() != null) {
            q.append(" and dateSent >= :after");
            params.put("after", f.sentOnOrAfter());
        }
        if (f.sentOnOrBefore() != null) {
            q.append(" and dateSent <= :before");
            params.put("before", f.sentOnOrBefore());
        }
        PanacheQuery<SandboxMessage> query =
                SandboxMessage.find(q.toString(), Sort.descending("dateCreated", "sid"), params);
        return new Listing(query.page(Page.of(page, size)).list(), query.count());
    }

    /** Moves a message along; returns it, or empty if it is gone or already final. */
    Optional<SandboxMessage> advance(String sid, String status, Integer errorCode) {
        SandboxMessage m = SandboxMessage.findById(sid);
        if (m == null || List.of("delivered", "undelivered", "failed").contains(m.status)) {
            return Optional.empty();
        }
        m.status = status;
        m.errorCode = errorCode;
        m.dateUpdated = clock.instant();
        return Optional.of(m);
    }

    /** Messages whose callbacks were still due when the sandbox stopped. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<SandboxMessage> unfinished() {
        return SandboxMessage.list("status in ?1 and statusCallback is not null", List.of("queued", "sent"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Stats stats(String toPrefix) {
        String like = (toPrefix == null ? "" : toPrefix.replace("%", "").replace("_", "")) + "%";
        long total = em.createQuery("select count(m) from SandboxMessage m where m.to like :p", Long.class)
                .setParameter("p", like)
                .getSingleResult();
        long distinct = em.createQuery(
                        "select count(distinct m.to) from SandboxMessage m where m.to like :p", Long.class)
                .setParameter("p", like)
                .getSingleResult();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        em.createQuery(
                        "select m.status, count(m) from SandboxMessage m where m.to like :p group by m.status order by m.status",
                        Object[].class)
                .setParameter("p", like)
                .getResultList()
                .forEach(r -> byStatus.put((String) r[0], (Long) r[1]));
        List<Duplicate> dups = em
                .createQuery(
                        "select m.to, m.body, count(m) from SandboxMessage m where m.to like :p"
                                + " group by m.to, m.body having count(m) > 1 order by count(m) desc",
                        Object[].class)
                .setParameter("p", like)
                .setMaxResults(100)
                .getResultList()
                .stream()
                .map(r -> new Duplicate((String) r[0], (String) r[1], (Long) r[2]))
                .toList();
        return new Stats(total, distinct, byStatus, dups);
    }
}
