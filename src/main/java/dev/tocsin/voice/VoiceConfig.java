package dev.tocsin.voice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Residents' voice calls (channel voice). The pace is {@code tocsin.duty.calls-per-second}, shared with 叫应. */
@ConfigMapping(prefix = "tocsin.voice")
interface VoiceConfig {

    /** Wait after a busy, unanswered or failed call before the next attempt. */
    @WithDefault("2m")
    Duration retryAfter();

    /** Calls per resident and occurrence at most (the first included). */
    @WithDefault("2")
    int attempts();

    /** How often calls due (retries) are looked for; "off" leaves it to the firing and callbacks. */
    @WithDefault("5s")
    String checkEvery();
}
