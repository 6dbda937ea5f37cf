package dev.tocsin.cap;

import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Polls the configured upstream Atom/RSS CAP feeds (tocsin.cap.feeds.*): a conditional GET per
 * due feed, then every announced document not handled before goes through the same ingest as
 * POST /api/cap/ingest. Failures back off exponentially per feed. See docs/CAP.md.
 */
@ApplicationScoped
public class CapFeedPoller {

    private static final Logger LOG = Logger.getLogger(CapFeedPoller.class);

    private final CapConfig config;
    private final CapFeedStates states;
    private final CapIngestService ingest;
    private final Clock clock;
    private final String owner = "poller-" + UUID.randomUUID();
    private final HttpClient http;

    CapFeedPoller(CapConfig config, CapFeedStates states, CapIngestService ingest, Clock clock) {
        this.config = config;
        this.states = states;
        this.ingest = ingest;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.feedTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** What one poll did. */
    public record Outcome(
            String feed, boolean polled, boolean notModified, int stored, int duplicates, int refused, String error) {}

    @Scheduled(every = "${tocsin.cap.feed-tick:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (String name : config.feeds().keySet()) {
            try {
                poll(name, false);
            } catch (RuntimeException e) {
                LOG.warnf("CAP feed %s: %s", name, e.toString());
            }
        }
    }

    /** Polls one configured feed when due ({@code force}: even if not due); a feed another instance holds is skipped. */
    public Outcome poll(String name, boolean force) {
        CapConfig.Feed feed = config.feeds().get(name);
        if (feed == null || !feed.enabled()) {
            return new Outcome(name, false, false, 0, 0, 0, feed == null ? "not configured" : "disabled");
        }
        states.ensure(name);
        Duration lease = config.feedTimeout().multipliedBy(4).plus(Duration.ofMinutes(1));
        Optional<CapFeedStates.Claim> claim = states.claim(name, owner, clock.instant(), lease, force);
        if (claim.isEmpty()) {
            return new Outcome(name, false, false, 0, 0, 0, null);
        }
        try {
            return fetch(name, feed, claim.get());
        } catch (RuntimeException e) {
            fail(claim.get(), "unexpected: " + e);
            throw e;
        }
    }

    private Outcome fetch(String name, CapConfig.Feed feed, CapFeedStates.Claim claim) {
        HttpRequest.Builder req = HttpRequest.newBuilder(feed.url())
                .timeout(config.feedTimeout())
                .header("Accept", "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5");
        if (claim.etag() != null) {
            req.header("If-None-Match", claim.etag());
        }
        if (claim.lastModified() != null) {
            req.header("If-Modified-Since", claim.lastModified());
        }
        HttpResponse<InputStream> res;
        byte[] body;
        try {
            res = http.send(req.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() == 304) {
                res.body().close();
                states.succeeded(
                        name, null, null, true, clock.instant(), clock.instant().plus(feed.interval()));
                return new Outcome(name, true, true, 0, 0, 0, null);
            }
            try (InputStream in = res.body()) {
                if (res.statusCode() != 200) {
                    return fail(claim, "feed answered HTTP " + res.statusCode());
                }
                body = CapIngestResource.readLimited(in, config.maxFeedBytes());
            }
        } catch (ProblemException e) {
            return fail(claim, "feed larger than " + config.maxFeedBytes() + " bytes (tocsin.cap.max-feed-bytes)");
        } catch (IOException e) {
            return fail(claim, "feed fetch failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(claim, "interrupted");
        }
        List<CapFeedReader.Entry> entries;
        try {
            entries = CapFeedReader.read(body, feed.url());
        } catch (CapXml.Refused e) {
            return fail(claim, "feed refused (" + e.kind + "): " + e.getMessage());
        }
        int stored = 0;
        int duplicates = 0;
        int refused = 0;
        String transientError = null;
        for (CapFeedReader.Entry e : entries) {
            if (states.seen(name, e.key())) {
                continue;
            }
            Done d = handle(name, e);
            switch (d.kind()) {
                case STORED -> stored++;
                case DUPLICATE -> duplicates++;
                case REFUSED -> refused++;
                case RETRY -> transientError = transientError == null ? d.error() : transientError;
            }
        }
        if (transientError != null) {
            // Some documents could not be fetched: keep the old validators so they are seen again.
            fail(claim, transientError);
            return new Outcome(name, true, false, stored, duplicates, refused, transientError);
        }
        states.succeeded(
                name,
                res.headers().firstValue("ETag").orElse(null),
                res.headers().firstValue("Last-Modified").orElse(null),
                false,
                clock.instant(),
                clock.instant().plus(feed.interval()));
        return new Outcome(name, true, false, stored, duplicates, refused, null);
    }

    private enum Handled {
        STORED,
        DUPLICATE,
        REFUSED,
        RETRY
    }

    private record Done(Handled kind, String error) {}

    private Done handle(String feed, CapFeedReader.Entry e) {
        byte[] xml = e.embedded();
        if (xml == null) {
            if (e.url() == null
                    || !("http".equals(e.url().getScheme())
                            || "https".equals(e.url().getScheme()))) {
                states.record(feed, e, CapFeedEntry.Outcome.REFUSED, "not an http(s) address", null, clock.instant());
                return new Done(Handled.REFUSED, null);
            }
            try {
                HttpResponse<InputStream> res = http.send(
                        HttpRequest.newBuilder(e.url())
                                .timeout(config.feedTimeout())
                                .header("Accept", "application/cap+xml, application/xml;q=0.9")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = res.body()) {
                    int status = res.statusCode();
                    if (status == 404 || status == 410) {
                        states.record(
                                feed,
                                e,
                                CapFeedEntry.Outcome.REFUSED,
                                "document answered HTTP " + status,
                                null,
                                clock.instant());
                        return new Done(Handled.REFUSED, null);
                    }
                    if (status != 200) {
                        return new Done(Handled.RETRY, "document " + e.location() + " answered HTTP " + status);
                    }
                    xml = CapIngestResource.readLimited(in, config.maxDocumentBytes());
                }
            } catch (ProblemException ex) {
                states.record(
                        feed,
                        e,
                        CapFeedEntry.Outcome.REFUSED,
                        ex.problem().type() + ": " + ex.problem().detail(),
                        null,
                        clock.instant());
                return new Done(Handled.REFUSED, null);
            } catch (IOException ex) {
                return new Done(Handled.RETRY, "document " + e.location() + " fetch failed: " + ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return new Done(Handled.RETRY, "interrupted");
            }
        }
        try {
            CapIngestService.Result r = ingest.ingest("cap-feed:" + feed, xml);
            CapFeedEntry.Outcome o = r.duplicate() ? CapFeedEntry.Outcome.DUPLICATE : CapFeedEntry.Outcome.STORED;
            states.record(feed, e, o, r.received().identifier, r.received().id, clock.instant());
            return new Done(r.duplicate() ? Handled.DUPLICATE : Handled.STORED, null);
        } catch (ProblemException ex) {
            LOG.infof(
                    "CAP feed %s: %s refused: %s",
                    feed, e.location(), ex.problem().type());
            states.record(
                    feed,
                    e,
                    CapFeedEntry.Outcome.REFUSED,
                    ex.problem().type() + ": " + ex.problem().detail(),
                    null,
                    clock.instant());
            return new Done(Handled.REFUSED, null);
        }
    }

    private Outcome fail(CapFeedStates.Claim claim, String error) {
        int failures = claim.failures() + 1;
        states.failed(claim.name(), error, clock.instant().plus(backoff(failures)));
        LOG.warnf("CAP feed %s: %s (failure %d)", claim.name(), error, failures);
        return new Outcome(claim.name(), true, false, 0, 0, 0, error);
    }

    /** min * 2^(failures-1), at most max. */
    Duration backoff(int failures) {
        Duration d = config.feedBackoffMin();
        for (int i = 1; i < failures && d.compareTo(config.feedBackoffMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.feedBackoffMax()) > 0 ? config.feedBackoffMax() : d;
    }

    /** Feed status for GET /api/cap/feeds. */
    public record FeedView(
            String name,
            URI url,
            boolean enabled,
            Duration interval,
            String etag,
            String lastModified,
            int failures,
            String lastError,
            Instant lastPolledAt,
            Instant lastSuccessAt,
            Instant nextAttemptAt,
            Instant leaseUntil,
            long stored,
            long duplicates,
            long refused,
            List<EntryView> recentRefusals) {}

    public record EntryView(String location, String detail, Instant seenAt) {}

    @jakarta.transaction.Transactional
    public List<FeedView> status() {
        return config.feeds().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(en -> {
                    CapFeedState s = CapFeedState.findById(en.getKey());
                    String n = en.getKey();
                    return new FeedView(
                            n,
                            en.getValue().url(),
                            en.getValue().enabled(),
                            en.getValue().interval(),
                            s == null ? null : s.etag,
                            s == null ? null : s.lastModified,
                            s == null ? 0 : s.failures,
                            s == null ? null : s.lastError,
                            s == null ? null : s.lastPolledAt,
                            s == null ? null : s.lastSuccessAt,
                            s == null ? null : s.nextAttemptAt,
                            s == null ? null : s.leaseUntil,
                            count(n, CapFeedEntry.Outcome.STORED),
                            count(n, CapFeedEntry.Outcome.DUPLICATE),
                            count(n, CapFeedEntry.Outcome.REFUSED),
                            CapFeedEntry.<CapFeedEntry>find(
                                            "key.feed = ?1 and outcome = ?2 order by seenAt desc",
                                            n,
                                            CapFeedEntry.Outcome.REFUSED)
                                    .page(0, 10)
                                    .list()
                                    .stream()
                                    .map(x -> new EntryView(x.location, x.detail, x.seenAt))
                                    .toList());
                })
                .toList();
    }

    private static long count(String feed, CapFeedEntry.Outcome o) {
        return CapFeedEntry.count("key.feed = ?1 and outcome = ?2", feed, o);
    }
}
