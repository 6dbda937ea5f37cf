package dev.tocsin.fanout;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastChanged;
import dev.tocsin.broadcast.BroadcastStatus;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.OccurrenceState;
import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.sms.SmsDispatch;
import dev.tocsin.sms.SmsDispatchService;
import dev.tocsin.sms.SmsReports;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/**
 * Withdraws a broadcast's pending work: planned occurrences are cancelled, and for every
 * occurrence already fired or firing, SMS not yet handed to the provider and pending plays are
 * withdrawn (see {@link SmsDispatchService#withdraw}: nothing more is handed over once this
 * commits). A fired occurrence records what had already gone out; when the broadcast is
 * cancelled and the occurrence reached someone, it is marked for retraction ({@link Retractions}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Withdrawal {

    static final String RETRACTION_PENDING = "PENDING";
    static final String RETRACTION_DONE = "DONE";

    private final SmsDispatchService sms;
    private final SmsReports smsReports;
    private final PlayService plays;
    private final dev.tocsin.voice.ResidentCalls calls;

    Withdrawal(SmsDispatchService sms, SmsReports smsReports, PlayService plays, dev.tocsin.voice.ResidentCalls calls) {
        this.calls = calls;
        this.sms = sms;
        this.smsReports = smsReports;
        this.plays = plays;
    }

    /** A cancel withdraws the broadcast and retracts what reached people; an update's approval withdraws the old one. */
    void onChange(@Observes BroadcastChanged change) {
        if (change.change() == BroadcastChanged.Change.CANCELLED) {
            withdraw(change.broadcastId(), change.reason(), true);
        } else if (change.superseded() != null) {
            withdraw(change.superseded(), "superseded by broadcast " + change.broadcastId(), false);
        }
    }

    /**
     * @param retract true for a cancel (those reached get a retraction); false for a supersede
     *        (those reached get the correction when the update fires)
     */
    public void withdraw(long broadcastId, String reason, boolean retract) {
        List<Occurrence> all = Occurrence.list("broadcastId = ?1", broadcastId);
        for (Occurrence o : all) {
            boolean started = o.state == OccurrenceState.FIRING || o.firedAt != null;
            if (o.state == OccurrenceState.PLANNED || o.state == OccurrenceState.FIRING) {
                o.state = OccurrenceState.CANCELLED;
                o.outcome = "cancelled: " + reason;
                o.leaseOwner = null;
                o.leaseUntil = null;
            }
            if (!started) {
                continue;
            }
            int smsWithdrawn = sms.withdraw(o.ref(), reason);
            int playsWithdrawn = plays.cancel(o.ref(), reason);
            int callsWithdrawn = calls.withdraw(o.id, reason);
            if (o.state == OccurrenceState.FIRED) {
                o.moveTo(OccurrenceState.CANCELLED);
            }
            Reached reached = reached(o.ref());
            String summary = "withdrawn after firing (" + reason + "): " + reached.smsHandedOver()
                    + " SMS had already been handed to the provider"
                    + (reached.smsInFlight() > 0 ? " and " + reached.smsInFlight() + " were in flight" : "")
                    + ", " + smsWithdrawn + " queued ones withdrawn; " + reached.plays()
                    + " plays had started or played, "
                    + playsWithdrawn + " withdrawn"
                    + (callsWithdrawn > 0 ? "; " + callsWithdrawn + " voice calls not yet placed withdrawn" : "");
            String outcome = o.outcome == null ? summary : o.outcome + "; " + summary;
            o.outcome = outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome;
            if (retract && reached.any() && o.retraction == null) {
                o.retraction = RETRACTION_PENDING;
            }
        }
    }

    /** Withdraws what one occurrence may have produced (a firing that lost a race with cancel). */
    public void withdrawOccurrence(Occurrence o, String reason) {
        sms.withdraw(o.ref(), reason);
        plays.cancel(o.ref(), reason);
        calls.withdraw(o.id, reason);
        if (o.retraction == null
                && Broadcast.<Broadcast>findByIdOptional(o.broadcastId)
                        .map(b -> b.status == BroadcastStatus.CANCELLED)
                        .orElse(false)
                && reached(o.ref()).any()) {
            o.retraction = RETRACTION_PENDING;
        }
    }

    /** What of an occurrence had reached residents and terminals (or may have: SMS in flight). */
    record Reached(long smsHandedOver, long smsInFlight, long plays) {
        boolean any() {
            return smsHandedOver + smsInFlight + plays > 0;
        }
    }

    Reached reached(String ref) {
        long handed = 0;
        long inFlight = 0;
        var dispatch = SmsDispatch.findByExternalRef(ref);
        if (dispatch.isPresent()) {
            Map<String, Long> byState = smsReports.dispatch(dispatch.get().id).byState();
            handed = byState.getOrDefault("sent", 0L)
                    + byState.getOrDefault("delivered", 0L)
                    + byState.getOrDefault("undelivered", 0L);
            inFlight = byState.getOrDefault("sending", 0L);
        }
        Map<PlayState, Long> p = plays.counts(ref);
        return new Reached(handed, inFlight, p.get(PlayState.STARTED) + p.get(PlayState.COMPLETED));
    }
}
