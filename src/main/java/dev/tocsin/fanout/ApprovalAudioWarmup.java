package dev.tocsin.fanout;

import dev.tocsin.alert.Channel;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.broadcast.BroadcastAudio;
import dev.tocsin.broadcast.BroadcastChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Renders an approved loudspeaker broadcast's programme in the background, after the approval
 * commits, so approval never waits for speech synthesis and the first firing finds the audio
 * stored. If this is lost (crash, render error), the firing renders it anyway.
 */
@ApplicationScoped
class ApprovalAudioWarmup {

    private static final Logger LOG = Logger.getLogger(ApprovalAudioWarmup.class);

    private final BroadcastAudio audio;
    // One thread: renders are CPU-bound and the audio service already pools voices.
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "approval-audio-warmup");
        t.setDaemon(true);
        return t;
    });

    ApprovalAudioWarmup(BroadcastAudio audio) {
        this.audio = audio;
    }

    void onApproved(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastChanged change) {
        if (change.change() != BroadcastChanged.Change.APPROVED) {
            return;
        }
        executor.execute(() -> warm(change.broadcastId()));
    }

    private void warm(long broadcastId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Broadcast b = Broadcast.findById(broadcastId);
                if (b != null && b.sends(Channel.LOUDSPEAKER) && BroadcastAudio.hasAudio(b)) {
                    audio.programme(b);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Broadcast %d: audio not rendered ahead of firing (%s); the firing will render it",
                    broadcastId, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
