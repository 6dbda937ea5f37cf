package dev.tocsin.broadcast;

/**
 * Fired synchronously, inside the transaction, when a broadcast is approved (an update too:
 * it then supersedes {@code Broadcast.supersedesId}) or cancelled. Observers that fail roll
 * the change back.
 */
public record BroadcastChanged(long broadcastId, Change change) {

    public enum Change {
        APPROVED,
        CANCELLED
    }
}
