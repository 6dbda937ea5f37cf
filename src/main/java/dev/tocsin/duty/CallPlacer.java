package dev.tocsin.duty;

import com.twilio.exception.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The placing half of a call outbox (叫应 calls, residents' calls): on a thread of its own it
 * claims due rows, and for each renews the claim, waits for the shared pacer's slot, places the
 * call outside any transaction and records the SID, or the refusal, or an unknown outcome. The
 * outbox owns its rows; every step below runs in a transaction of its own.
 */
public final class CallPlacer {

    private static final Logger LOG = Logger.getLogger(CallPlacer.class);

    /** A call ready to place. */
    public record Call(String to, String twiml, String statusUrl) {}

    /** The rows of one outbox. */
    public interface Outbox {
        /** Marks due rows PLACING under this owner's lease (a stale claim ends unknown); returns their ids. */
        List<Long> claim(String owner);

        /** Renews the row's lease if it is still this owner's and builds its call; null to skip it. */
        Call prepare(long id, String owner);

        /** Records the SID of a placed call, if the row is still this owner's. */
        void placed(long id, String owner, String sid);

        /** Ends the row (refused, unknown) with the detail, unless it has ended already. */
        void end(long id, String outcome, String detail);
    }

    private final String name;
    private final Outbox outbox;
    private final DutyVoiceClient client;
    private final DutyCallPacer pacer;
    private final String instance;
    private final ExecutorService thread;
    private final AtomicBoolean waiting = new AtomicBoolean();

    /** @param name the thread's name and the start of each claim's owner */
    public CallPlacer(String name, Outbox outbox, DutyVoiceClient client, DutyCallPacer pacer) {
        this.name = name;
        this.outbox = outbox;
        this.client = client;
        this.pacer = pacer;
        this.instance = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        // Off the caller's thread, so paced calls never hold up a firing, a start or an escalation.
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Places the calls due now on the placing thread (once; a request while one is waiting adds nothing). */
    public void placeSoon() {
        if (waiting.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    waiting.set(false);
                    try {
                        placeDue();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "%s: not placed yet, tried again next round: %s", name, e.getMessage());
                    }
                });
            } catch (RejectedExecutionException e) {
                waiting.set(false); // shutting down
            }
        }
    }

    public void shutdown() {
        thread.shutdownNow();
    }

    /** Places every call due now, claim by claim; returns how many this instance placed. */
    public int placeDue() {
        int placed = 0;
        while (true) {
            String owner = instance + "." + UUID.randomUUID().toString().substring(0, 8);
            List<Long> ids = QuarkusTransaction.requiringNew().call(() -> outbox.claim(owner));
            if (ids.isEmpty()) {
                return placed;
            }
            for (long id : ids) {
                placed += place(id, owner) ? 1 : 0;
            }
        }
    }

    private boolean place(long id, String owner) {
        Call call = QuarkusTransaction.requiringNew().call(() -> outbox.prepare(id, owner));
        if (call == null) {
            return false;
        }
        try {
            // The slot is taken only by a call about to be placed; the renewed lease covers the wait.
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // left PLACING: its lease expires and it ends as unknown, never placed twice
        }
        try {
            String sid = client.place(call.to(), call.twiml(), call.statusUrl());
            QuarkusTransaction.requiringNew().run(() -> outbox.placed(id, owner, sid));
            return true;
        } catch (ApiException e) {
            String detail = "refused by Twilio: HTTP " + e.getStatusCode() + ", error " + e.getCode();
            QuarkusTransaction.requiringNew().run(() -> outbox.end(id, "refused", detail));
        } catch (RuntimeException e) {
            LOG.warnf("%s: call %d outcome unknown (%s)", name, id, e.getClass().getSimpleName());
            QuarkusTransaction.requiringNew().run(() -> outbox.end(id, "unknown", "no answer from Twilio"));
        }
        return false;
    }
}
