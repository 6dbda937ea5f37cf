package dev.tocsin.broadcast;

import dev.tocsin.loudspeaker.PlayService;
import dev.tocsin.sms.SmsDispatchService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Withdraws a broadcast's pending work: planned occurrences are cancelled, and for every
 * occurrence already fired or firing, still-queued SMS and pending plays are withdrawn.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Withdrawal {

    private final SmsDispatchService sms;
    private final PlayService plays;

    Withdrawal(SmsDispatchService sms, PlayService plays) {
        this.sms = sms;
        this.plays = plays;
    }

    public void withdraw(long broadcastId, String reason) {
        List<Occurrence> all = Occurrence.list("broadcastId = ?1", broadcastId);
        for (Occurrence o : all) {
            if (o.state == OccurrenceState.PLANNED || o.state == OccurrenceState.FIRING) {
                o.state = OccurrenceState.CANCELLED;
                o.outcome = "cancelled: " + reason;
                o.leaseOwner = null;
                o.leaseUntil = null;
            }
            if (o.state == OccurrenceState.FIRED || o.state == OccurrenceState.CANCELLED) {
                sms.withdraw(o.ref(), reason);
                plays.cancel(o.ref(), reason);
            }
        }
    }

    /** Withdraws what one occurrence may have produced (a firing that lost a race with cancel). */
    public void withdrawOccurrence(Occurrence o, String reason) {
        sms.withdraw(o.ref(), reason);
        plays.cancel(o.ref(), reason);
    }
}
