package dev.tocsin.fanout;

import dev.tocsin.broadcast.Occurrence;
import dev.tocsin.sms.DispatchRefs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** A broadcast's SMS dispatches are referenced by its occurrences ({@link Occurrence#ref()}). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
class BroadcastDispatchRefs implements DispatchRefs {

    @Override
    public List<String> ofBroadcast(long broadcastId) {
        return Occurrence.<Occurrence>list("broadcastId", broadcastId).stream()
                .map(Occurrence::ref)
                .toList();
    }
}
