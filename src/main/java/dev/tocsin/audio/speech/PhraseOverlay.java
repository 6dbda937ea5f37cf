package dev.tocsin.audio.speech;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Recordings made after start-up laid over a packaged phrase bank (the staff's own voices,
 * stored in the database). Without a provider the packaged bank is used as it is.
 */
public interface PhraseOverlay {

    PhraseBank apply(PhraseBank packaged);

    /** The packaged banks only. */
    @ApplicationScoped
    class None {
        @Produces
        @DefaultBean
        @ApplicationScoped
        PhraseOverlay none() {
            return packaged -> packaged;
        }
    }
}
