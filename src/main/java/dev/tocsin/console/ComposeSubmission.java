package dev.tocsin.console;

import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastRequest;
import dev.tocsin.broadcast.BroadcastService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The compose form's one action: create the broadcast and submit it for approval (for an
 * update, the service's update, which is created submitted; for a revision of a rejected or
 * draft broadcast, the service's revise, which sends the same broadcast back for approval). One transaction, so a refused
 * request leaves no draft behind.
 */
@ApplicationScoped
public class ComposeSubmission {

    private final BroadcastService broadcasts;

    ComposeSubmission(BroadcastService broadcasts) {
        this.broadcasts = broadcasts;
    }

    @Transactional
    public long submit(String actor, BroadcastRequest request, Long supersedes, Long revises) {
        if (revises != null) {
            return broadcasts.revise(actor, revises, request).id;
        }
        if (supersedes != null) {
            return broadcasts.update(actor, supersedes, request).id;
        }
        Broadcast b = broadcasts.create(actor, request);
        broadcasts.submit(actor, b.id);
        return b.id;
    }
}
