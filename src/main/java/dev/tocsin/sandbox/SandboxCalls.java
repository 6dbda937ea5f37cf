package dev.tocsin.sandbox;

import dev.tocsin.sms.TwilioAccount;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The sandbox's Calls: accepts a call, plays the callee chosen by the number's prefix, and posts
 * Twilio's signed callbacks: the gathered digit to the {@code <Gather action>} of the TwiML (for
 * pressed-1), then the final status (completed, busy, no-answer, failed) to the StatusCallback.
 * A prefix may name a sequence ({@code busy,no-press}): a number's first call is busy, its second
 * answered, and every later call plays the last outcome.
 */
@ApplicationScoped
public class SandboxCalls {

    private static final Logger LOG = Logger.getLogger(SandboxCalls.class);
    static final Set<String> OUTCOMES = Set.of("pressed-1", "no-press", "busy", "no-answer", "failed");
    private static final Pattern GATHER_ACTION = Pattern.compile("<Gather\\b[^>]*\\baction=\"([^\"]+)\"");

    private final Map<String, SandboxCall> calls = new ConcurrentHashMap<>();
    /** Calls received per number, for outcome sequences. */
    private final Map<String, Integer> callsTo = new ConcurrentHashMap<>();

    private final Map<String, String> outcomes;
    private final String defaultOutcome;
    private final SandboxFaults faults;
    private final TwilioAccount account;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sandbox-callee");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SandboxCalls(SandboxConfig config, SandboxFaults faults, TwilioAccount account, Clock clock) {
        this.outcomes = Map.copyOf(config.callOutcomes());
        this.defaultOutcome = config.callDefaultOutcome();
        for (String sequence : outcomes.values()) {
            for (String o : sequence.split(",", -1)) {
                check(o.strip(), "tocsin.sandbox.call-outcomes");
            }
        }
        check(defaultOutcome, "tocsin.sandbox.call-default-outcome");
        this.faults = faults;
        this.account = account;
        this.clock = clock;
    }

    private static void check(String outcome, String key) {
        if (!OUTCOMES.contains(outcome)) {
            throw new IllegalStateException(key + " names '" + outcome + "'; one of " + OUTCOMES);
        }
    }

    /**
     * What the callee at this number does on its {@code nth} call (0 first): the longest matching
     * prefix's outcome (the sequence's nth, or its last), else the default.
     */
    String outcomeFor(String number, int nth) {
        String[] sequence = outcomes.entrySet().stream()
                .filter(e -> number.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(defaultOutcome)
                .split(",");
        return sequence[Math.min(nth, sequence.length - 1)].strip();
    }

    SandboxCall accept(String accountSid, String to, String from, String twiml, String url, String statusCallback) {
        SandboxCall c = new SandboxCall(
                "CA" + UUID.randomUUID().toString().replace("-", ""),
                accountSid,
                to,
                from,
                twiml,
                url,
                statusCallback,
                outcomeFor(to, callsTo.merge(to, 1, Integer::sum) - 1),
                clock.instant());
        calls.put(c.sid, c);
        SandboxFaults.Settings s = faults.settings();
        if (s.callbacks()) {
            timer.schedule(() -> play(c), s.sentDelayMs(), TimeUnit.MILLISECONDS);
        }
        return c;
    }

    Optional<SandboxCall> find(String sid) {
        return Optional.ofNullable(calls.get(sid));
    }

    /** Newest first, optionally only to one number. */
    List<SandboxCall> list(String to) {
        return calls.values().stream()
                .filter(c -> to == null || c.to.equals(to))
                .sorted(Comparator.comparing((SandboxCall c) -> c.dateCreated).reversed())
                .toList();
    }

    private void play(SandboxCall c) {
        try {
            switch (c.outcome) {
                case "pressed-1" -> {
                    c.status = "in-progress";
                    c.digits = "1";
                    gatherAction(c).ifPresent(action -> post(c, action, Map.of("Digits", "1")));
                    finish(c, "completed");
                }
                case "no-press" -> {
                    c.status = "in-progress";
                    finish(c, "completed");
                }
                default -> finish(c, c.outcome);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Sandbox call %s: %s", c.sid, e.getMessage());
        }
    }

    private void finish(SandboxCall c, String status) {
        c.status = status;
        c.dateUpdated = clock.instant();
        if (c.statusCallback != null) {
            post(c, c.statusCallback, Map.of("CallStatus", status));
        }
    }

    static Optional<String> gatherAction(SandboxCall c) {
        if (c.twiml == null) {
            return Optional.empty();
        }
        Matcher m = GATHER_ACTION.matcher(c.twiml);
        return m.find() ? Optional.of(m.group(1).replace("&amp;", "&")) : Optional.empty();
    }

    private void post(SandboxCall c, String url, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", c.accountSid);
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", c.sid);
        params.put("Direction", "outbound-api");
        params.put("From", c.from);
        params.put("To", c.to);
        params.putAll(extra);
        SignedCallback.post(http, account.authToken(), url, params, "Call callback for " + c.sid);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
