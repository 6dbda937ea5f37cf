package dev.tocsin.sip;

import java.time.Duration;

/** Checked copy of {@link SipConfig}; tests build one directly. */
record SipSettings(
        int localPort,
        String advertisedHost,
        int rtpPortMin,
        int rtpPortMax,
        Duration ringTimeout,
        Duration responseTimeout,
        String userAgent) {

    SipSettings {
        if (localPort < 0 || localPort > 65535) throw bad("local-port must be 0-65535: " + localPort);
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin >= rtpPortMax) {
            throw bad("rtp-port-min/max must satisfy 1024 <= min < max <= 65535: " + rtpPortMin + "-" + rtpPortMax);
        }
        if (advertisedHost == null || advertisedHost.isBlank()) throw bad("advertised-host must be set");
        if (ringTimeout == null || ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw bad("ring-timeout must be positive");
        }
        if (responseTimeout == null || responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw bad("response-timeout must be positive");
        }
        if (userAgent == null || userAgent.isBlank()) userAgent = "Tocsin";
    }

    static SipSettings of(SipConfig c) {
        return new SipSettings(
                c.localPort(),
                c.advertisedHost(),
                c.rtpPortMin(),
                c.rtpPortMax(),
                c.ringTimeout(),
                c.responseTimeout(),
                c.userAgent());
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException("tocsin.sip: " + message);
    }
}
