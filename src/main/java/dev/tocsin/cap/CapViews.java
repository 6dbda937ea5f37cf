package dev.tocsin.cap;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastService;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Received alerts with what each caused, and staff decisions on withdrawal proposals. */
@ApplicationScoped
@Transactional
public class CapViews {

    private final BroadcastService broadcasts;
    private final Clock clock;

    CapViews(BroadcastService broadcasts, Clock clock) {
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    public record TriggerView(
            long id,
            String kind,
            String state,
            Long ruleId,
            Long broadcastId,
            String broadcastStatus,
            String detail,
            String decidedBy,
            Instant createdAt) {}

    public record ReceivedView(
            long id,
            boolean duplicate,
            String sender,
            String identifier,
            String sent,
            String status,
            String msgType,
            String event,
            String headline,
            String severity,
            Instant expires,
            String references,
            List<Long> referencedIds,
            String signature,
            String source,
            Instant receivedAt,
            String receivedBy,
            List<TriggerView> triggers) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReceivedView received(long id, boolean duplicate) {
        CapReceived r = CapReceived.findById(id);
        if (r == null) {
            throw ProblemException.notFound("no received CAP alert " + id);
        }
        return view(r, duplicate);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ReceivedView> recent(int limit) {
        return CapReceived.<CapReceived>find("order by receivedAt desc, id desc").page(0, limit).list().stream()
                .map(r -> view(r, false))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public String xml(long id) {
        CapReceived r = CapReceived.findById(id);
        if (r == null) {
            throw ProblemException.notFound("no received CAP alert " + id);
        }
        return r.xml;
    }

    private ReceivedView view(CapReceived r, boolean duplicate) {
        List<Long> refs = CapReference.<CapReference>list("receivedId", r.id).stream()
                .map(x -> x.referencedId)
                .toList();
        List<TriggerView> triggers = CapTrigger.<CapTrigger>list("receivedId = ?1 order by id", r.id).stream()
                .map(CapViews::trigger)
                .toList();
        return new ReceivedView(
                r.id,
                duplicate,
                r.sender,
                r.identifier,
                r.sentText,
                r.status,
                r.msgType,
                r.event,
                r.headline,
                r.severity,
                r.expires,
                r.refersTo,
                refs,
                r.signature,
                r.source,
                r.receivedAt,
                r.receivedBy,
                triggers);
    }

    static TriggerView trigger(CapTrigger t) {
        Broadcast b = t.broadcastId == null ? null : Broadcast.findById(t.broadcastId);
        return new TriggerView(
                t.id,
                t.kind.name().toLowerCase(),
                t.state.name().toLowerCase(),
                t.ruleId,
                t.broadcastId,
                b == null ? null : b.status.name().toLowerCase(),
                t.detail,
                t.decidedBy,
                t.createdAt);
    }

    /** Accepting cancels the broadcast through the broadcast lifecycle (audited there). */
    public TriggerView decide(String actor, long proposalId, boolean accept) {
        CapTrigger t = CapTrigger.findById(proposalId);
        if (t == null || t.kind != CapTrigger.Kind.WITHDRAWAL) {
            throw ProblemException.notFound("no withdrawal proposal " + proposalId);
        }
        if (t.state != CapTrigger.State.PROPOSED) {
            throw ProblemException.conflict(
                    "state", "the proposal was already " + t.state.name().toLowerCase());
        }
        if (accept) {
            CapReceived r = CapReceived.findById(t.receivedId);
            broadcasts.cancel(actor, t.broadcastId, "withdrawn after upstream " + r.msgType + " " + r.identifier);
        }
        t.state = accept ? CapTrigger.State.ACCEPTED : CapTrigger.State.DISMISSED;
        t.decidedBy = actor;
        t.decidedAt = clock.instant();
        return trigger(t);
    }
}
