package dev.tocsin.cap;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastChanged;
import dev.tocsin.broadcast.Occurrence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a CAP document when a broadcast is approved (Alert, or Update when it supersedes
 * a published one) or cancelled after publication (Cancel), in the broadcast's transaction. An
 * Update or Cancel replaces the document it references in the feed and is listed itself.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CapPublisher {

    private final CapExporter exporter;
    private final Clock clock;

    CapPublisher(CapExporter exporter, Clock clock) {
        this.exporter = exporter;
        this.clock = clock;
    }

    void onChange(@Observes BroadcastChanged change) {
        Broadcast b = Broadcast.findById(change.broadcastId());
        if (b == null) {
            return;
        }
        Instant now = clock.instant();
        if (change.change() == BroadcastChanged.Change.APPROVED) {
            Optional<CapPublished> previous =
                    b.supersedesId == null ? Optional.empty() : CapPublished.latestFor(b.supersedesId);
            List<Occurrence> occurrences = Occurrence.list("broadcastId = ?1 order by dueAt", b.id);
            store(b, previous.isPresent() ? "Update" : "Alert", now, previous, occurrences);
        } else {
            Optional<CapPublished> previous = CapPublished.latestFor(b.id);
            if (previous.isPresent() && !"Cancel".equals(previous.get().msgType)) {
                store(b, "Cancel", now, previous, List.of());
            }
        }
    }

    private void store(
            Broadcast b, String msgType, Instant now, Optional<CapPublished> previous, List<Occurrence> occurrences) {
        String refs = previous.map(p -> reference(p)).orElse(null);
        CapAlert alert = exporter.alert(b, msgType, now, refs, occurrences);
        previous.ifPresent(p -> p.replaced = true);
        CapPublished p = new CapPublished();
        p.identifier = alert.identifier();
        p.broadcastId = b.id;
        p.msgType = msgType;
        p.sent = now;
        if (alert.infos().isEmpty()) {
            // A Cancel has no info of its own; it stays in the feed at least as long as the alert it
            // cancels would have, so aggregators that poll the feed see the retraction.
            Instant validity = exporter.expires(b, now, now);
            Instant cancelled = previous.map(x -> x.expires).orElse(validity);
            p.expires = cancelled.isAfter(validity) ? cancelled : validity;
        } else {
            p.expires = CapTimes.parse(alert.infos().get(0).expires());
        }
        p.replaced = false;
        p.xml = CapXml.write(alert);
        p.persist();
    }

    private static String reference(CapPublished p) {
        try {
            CapAlert a = CapXml.read(CapXml.parse(p.xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return a.sender() + "," + a.identifier() + "," + a.sent();
        } catch (CapXml.Refused e) {
            throw new IllegalStateException("published CAP document " + p.identifier + " unreadable", e);
        }
    }
}
