package dev.tocsin.sip;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** tocsin.sip.*: the SIP paging engine (docs/SIP.md). */
@ConfigMapping(prefix = "tocsin.sip")
public interface SipConfig {
    /** UDP port of the one SIP stack; 0 picks a free port. */
    @WithDefault("5070")
    int localPort();

    /** The address put in Via, Contact and SDP: the one the terminals can reach us on. */
    @WithDefault("127.0.0.1")
    String advertisedHost();

    @WithDefault("40000")
    int rtpPortMin();

    @WithDefault("40999")
    int rtpPortMax();

    /** How long a terminal may ring before the call is cancelled (NO_ANSWER). */
    @WithDefault("30s")
    Duration ringTimeout();

    /** How long to wait for any answer to the INVITE before calling the target UNREACHABLE. */
    @WithDefault("8s")
    Duration responseTimeout();

    @WithDefault("Tocsin")
    String userAgent();
}
