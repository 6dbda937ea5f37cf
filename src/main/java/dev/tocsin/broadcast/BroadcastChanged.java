package dev.tocsin.broadcast;

/**
 * Fired synchronously, inside the transaction, when a broadcast is approved or cancelled. Observers
 * that fail roll the change back: the fan-out withdraws pending work on it, CAP publishes it.
 *
 * @param superseded on approval, the broadcast this update superseded in the same transaction
 * @param reason on cancel, why (as the timeline has it)
 */
public record BroadcastChanged(long broadcastId, Change change, Long superseded, String reason) {

    public enum Change {
        APPROVED,
        CANCELLED
    }

    public static BroadcastChanged approved(long broadcastId, Long superseded) {
        return new BroadcastChanged(broadcastId, Change.APPROVED, superseded, null);
    }

    public static BroadcastChanged cancelled(long broadcastId, String reason) {
        return new BroadcastChanged(broadcastId, Change.CANCELLED, null, reason);
    }
}
