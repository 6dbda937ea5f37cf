package dev.tocsin.sandbox;

import java.time.Instant;

/**
 * A call the sandbox accepted, kept in memory (calls are for 叫应 drills and tests; counts need not
 * survive a restart). {@code outcome} is what the simulated callee does.
 */
final class SandboxCall {

    final String sid;
    final String accountSid;
    final String to;
    final String from;
    final String twiml;
    final String url;
    final String statusCallback;
    final String outcome;
    final Instant dateCreated;
    volatile String status = "queued";
    volatile String digits;
    volatile Instant dateUpdated;

    SandboxCall(
            String sid,
            String accountSid,
            String to,
            String from,
            String twiml,
            String url,
            String statusCallback,
            String outcome,
            Instant dateCreated) {
        this.sid = sid;
        this.accountSid = accountSid;
        this.to = to;
        this.from = from;
        this.twiml = twiml;
        this.url = url;
        this.statusCallback = statusCallback;
        this.outcome = outcome;
        this.dateCreated = dateCreated;
        this.dateUpdated = dateCreated;
    }
}
