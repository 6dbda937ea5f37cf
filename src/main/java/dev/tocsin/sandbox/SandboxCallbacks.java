package dev.tocsin.sandbox;

import dev.tocsin.platform.db.SchemaReady;
import dev.tocsin.sms.TwilioAccount;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Plays the carrier: moves accepted messages to sent, then delivered (or undelivered with the
 * number's 300xx error), posting a status callback signed like Twilio's at each step.
 */
@ApplicationScoped
public class SandboxCallbacks {

    private static final Logger LOG = Logger.getLogger(SandboxCallbacks.class);

    private final SandboxService store;
    private final SandboxFaults faults;
    private final TwilioAccount account;
    private final SandboxGate gate;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sandbox-carrier");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SandboxCallbacks(SandboxService store, SandboxFaults faults, TwilioAccount account, SandboxGate gate) {
        this.store = store;
        this.faults = faults;
        this.account = account;
        this.gate = gate;
    }

    void schedule(SandboxMessage m) {
        SandboxFaults.Settings s = faults.settings();
        if (!s.callbacks() || m.statusCallback == null) {
            return;
        }
        Integer error = faults.errorFor(m.to);
        String sid = m.sid;
        timer.schedule(() -> step(sid, "sent", null), s.sentDelayMs(), TimeUnit.MILLISECONDS);
        timer.schedule(
                () -> step(sid, error == null ? "delivered" : "undelivered", error),
                s.sentDelayMs() + s.deliveredDelayMs(),
                TimeUnit.MILLISECONDS);
    }

    /** After a restart, finish the lifecycle of messages accepted before it. */
    void resume(@Observes SchemaReady ready) {
        if (gate.enabled()) {
            store.unfinished().forEach(this::schedule);
        }
    }

    private void step(String sid, String status, Integer errorCode) {
        try {
            Optional<SandboxMessage> m = store.advance(sid, status, errorCode);
            m.ifPresent(this::post);
        } catch (RuntimeException e) {
            LOG.warnf("Sandbox status %s for %s not delivered: %s", status, sid, e.getMessage());
        }
    }

    private void post(SandboxMessage m) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", m.accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("MessageSid", m.sid);
        params.put("SmsSid", m.sid);
        params.put("MessageStatus", m.status);
        params.put("SmsStatus", m.status);
        params.put("To", m.to);
        if (m.from != null) {
            params.put("From", m.from);
        }
        if (m.messagingServiceSid != null) {
            params.put("MessagingServiceSid", m.messagingServiceSid);
        }
        if (m.errorCode != null) {
            params.put("ErrorCode", m.errorCode.toString());
        }
        SignedCallback.post(http, account.authToken(), m.statusCallback, params, "Status callback for " + m.sid);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
