package dev.tocsin.paging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Plays that Tocsin delivers itself, to SIP speakers and multicast groups. */
@ConfigMapping(prefix = "tocsin.paging")
public interface PagingConfig {

    /** Calls (and multicast streams) one instance runs at once; each holds a thread for the programme's length. */
    @WithDefault("16")
    @Min(1)
    @Max(500)
    int concurrency();

    /** Calls placed for one play when the speaker is busy, does not answer or cannot be reached. */
    @WithDefault("3")
    @Min(1)
    @Max(10)
    int attempts();

    /** Wait before calling a busy or silent speaker again (only while the play window is open). */
    @WithDefault("30s")
    Duration retryAfter();

    /** How often each instance looks for due plays (new plays wake it at once on the same instance). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * A started call older than this no longer keeps its speaker busy: the instance that placed
     * it has died. Its play ends as missed when its window closes; it is never called again.
     */
    @WithDefault("10m")
    Duration staleCall();

    /**
     * How often each SIP speaker is asked SIP OPTIONS between calls, so one that cannot be reached
     * shows offline before an alert needs it. Claimed per speaker, so several instances probe once.
     */
    @WithDefault("5m")
    Duration probeEvery();

    /** Probes under way at once on one instance (an unreachable speaker holds one for the response timeout). */
    @WithDefault("4")
    @Min(1)
    @Max(64)
    int probeConcurrency();
}
