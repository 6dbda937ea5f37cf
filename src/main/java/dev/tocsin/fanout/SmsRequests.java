package dev.tocsin.fanout;

import dev.tocsin.alert.Channel;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastConfig;
import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.broadcast.SmsTexts;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDispatchRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SMS dispatch of an occurrence: its reference, frozen texts per language and, for a
 * correction, the residents who get the texts marked 更正. Built the same way at the firing and for
 * a resident texted later (a call that went unanswered), so both land in one dispatch.
 */
@ApplicationScoped
class SmsRequests {

    private final SmsTexts smsTexts;
    private final FollowUpTexts followUps;
    private final BroadcastConfig config;

    SmsRequests(SmsTexts smsTexts, FollowUpTexts followUps, BroadcastConfig config) {
        this.smsTexts = smsTexts;
        this.followUps = followUps;
        this.config = config;
    }

    /** Reads the broadcast's texts and earlier broadcasts: call inside a transaction. */
    SmsDispatchRequest of(Occurrence o, Broadcast b, Instant now) {
        Map<String, String> bodies = smsTexts.bodies(b);
        return new SmsDispatchRequest(
                o.ref(),
                b.smsText,
                bodies,
                b.urgency,
                now.plus(config.smsValidity()),
                "broadcast:" + b.id,
                corrected(b, bodies));
    }

    /** Residents whose SMS of a broadcast this one corrects (and of those it corrected) was handed over. */
    private SmsDispatchRequest.Marked corrected(Broadcast b, Map<String, String> bodies) {
        if (b.supersedesId == null || !b.sends(Channel.SMS)) {
            return null;
        }
        List<Long> originals = new ArrayList<>();
        for (Broadcast x = Broadcast.findById(b.supersedesId);
                x != null && originals.size() < 50;
                x = x.supersedesId == null ? null : Broadcast.findById(x.supersedesId)) {
            originals.add(x.id);
        }
        List<String> refs = Occurrence.<Occurrence>list("broadcastId in ?1", originals).stream()
                .map(Occurrence::ref)
                .toList();
        if (refs.isEmpty()) {
            return null;
        }
        Set<Long> reached = new HashSet<>(Occurrence.getEntityManager()
                .createQuery(
                        "select distinct d.residentId from SmsDelivery d, SmsDispatch s where s.externalRef in :refs "
                                + "and d.dispatchId = s.id and d.state in :reached",
                        Long.class)
                .setParameter("refs", refs)
                .setParameter("reached", List.of(DeliveryState.SENT, DeliveryState.DELIVERED))
                .getResultList());
        if (reached.isEmpty()) {
            return null;
        }
        return new SmsDispatchRequest.Marked(
                reached, followUps.correction(b.language, b.smsText), followUps.corrections(bodies));
    }
}
