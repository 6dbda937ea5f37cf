package dev.tocsin.agent;

import java.time.Instant;

/** A playback report as the device API takes it; {@code at} is the terminal's own time of the event. */
record Report(long playId, String status, Instant at, String reason) {}
