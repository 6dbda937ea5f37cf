package dev.tocsin.sip;

import java.time.Instant;

/** What happened to one page; timestamps are null for the steps that never happened. */
public record PageResult(
        PageOutcome outcome,
        int sipStatus,
        String reason,
        Instant invitedAt,
        Instant answeredAt,
        Instant firstRtpAt,
        Instant endedAt,
        int packetsSent,
        String codec) {}
