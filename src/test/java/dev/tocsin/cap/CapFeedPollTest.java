package dev.tocsin.cap;

import static dev.tocsin.cap.CapFixtures.OPERATOR;
import static dev.tocsin.cap.CapFixtures.as;
import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.platform.AdjustableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed poller against a real HTTP server: documents ingested once, 304s, backoff, refusals. */
@QuarkusTest
@QuarkusTestResource(value = CapFeedServer.class, restrictToAnnotatedClass = true)
class CapFeedPollTest {

    @Inject
    CapFeedPoller poller;

    @Inject
    CapFixtures fixtures;

    @Inject
    Clock clock;

    @Inject
    AdjustableClock adjustable;

    private URI feedUrl;

    private HttpServer server;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile String feed;
    private volatile String rss;
    private volatile String embedded;

    @BeforeEach
    void start() throws IOException {
        fixtures.ensureUsers();
        // A kept database (MariaDB) still holds the previous run's feed state.
        QuarkusTransaction.requiringNew().run(() -> {
            CapFeedEntry.delete("key.feed in ?1", List.of("upstream", "broken", "rss", "embedded"));
            CapFeedState.delete("name in ?1", List.of("upstream", "broken", "rss", "embedded"));
        });
        // Read here, not injected: the other test classes run without these feeds.
        feedUrl = ConfigProvider.getConfig().getValue("tocsin.cap.feeds.upstream.url", URI.class);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", feedUrl.getPort()), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        adjustable.reset();
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        requests.add(path);
        byte[] body;
        int status = 200;
        String etag = null;
        if ("/feed.atom".equals(path)) {
            String inm = x.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(inm));
            etag = "\"v1\"";
            status = etag.equals(inm) ? 304 : 200;
            body = feed.getBytes(StandardCharsets.UTF_8);
        } else if ("/embedded.atom".equals(path)) {
            body = embedded.getBytes(StandardCharsets.UTF_8);
        } else if ("/feed.rss".equals(path)) {
            body = rss.getBytes(StandardCharsets.UTF_8);
        } else if ("/broken.atom".equals(path)) {
            status = 500;
            body = "upstream trouble".getBytes(StandardCharsets.UTF_8);
        } else if (documents.containsKey(path)) {
            body = documents.get(path);
        } else {
            status = 404;
            body = new byte[0];
        }
        if (etag != null) {
            x.getResponseHeaders().add("ETag", etag);
        }
        if (status == 304) {
            x.sendResponseHeaders(304, -1);
        } else {
            x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                x.getResponseBody().write(body);
            }
        }
        x.close();
    }

    private static String atom(String... entries) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:test:feed</id><title>Upstream</title>"
                + "<updated>2030-01-01T00:00:00Z</updated>");
        for (String e : entries) {
            sb.append(e);
        }
        return sb.append("</feed>").toString();
    }

    private static String linked(String id, String href) {
        return "<entry><id>" + id + "</id><title>" + id + "</title><updated>2030-01-01T00:00:00Z</updated>"
                + "<link rel=\"alternate\" type=\"application/cap+xml\" href=\"" + href + "\"/></entry>";
    }

    private static long receivedFrom(String feedName) {
        return QuarkusTransaction.requiringNew().call(() -> CapReceived.count("receivedBy", "cap-feed:" + feedName));
    }

    private static long received(String feedName, String... identifiers) {
        return QuarkusTransaction.requiringNew()
                .call(() -> CapReceived.count(
                        "receivedBy = ?1 and identifier in ?2", "cap-feed:" + feedName, List.of(identifiers)));
    }

    @Test
    void entriesAreIngestedOnceASecondPollIs304AndASchemaInvalidEntryIsRefusedWithoutBlockingTheOthers() {
        String run = AudienceFixtures.run();
        String district = fixtures.area("PD" + run, "资阳" + run, AreaKind.DISTRICT, null, CapExportTest.POLYGON);
        String village = fixtures.area("PV" + run, "青山村" + run, AreaKind.VILLAGE, district, null);
        long ruleId = as(OPERATOR)
                .body("""
                {"name":"feed cold wave %s","match":{"events":["寒潮"],"categories":["Met"],"severities":["Severe"],
                 "languages":["zh"],"areaCodes":["%s"]},
                 "draft":{"templateId":"cold-wave","language":"zh-CN","channels":["sms"],
                  "variables":{"area":"areaNames","period":"period","lowTemperature":"parameter:minTemperature|-2"}}}""".formatted(run, district))
                .post("/api/cap/rules")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        String coldId = CapSamples.id();
        String fogId = CapSamples.id();
        documents.put(
                "/docs/invalid.xml",
                CapSamples.resource("tg-invalid-schema.xml").getBytes(StandardCharsets.UTF_8));
        documents.put(
                "/docs/cold.xml",
                CapSamples.coldWave(CapSamples.SENDER, coldId, clock.instant(), village, null)
                        .getBytes(StandardCharsets.UTF_8));
        documents.put(
                "/docs/fog.xml",
                CapSamples.coldWave(CapSamples.SENDER, fogId, clock.instant(), village, null)
                        .replace("寒潮", "大雾")
                        .replace("Cold wave", "Fog")
                        .getBytes(StandardCharsets.UTF_8));
        feed = atom(
                linked("invalid", "/docs/invalid.xml"),
                linked("cold", "docs/cold.xml"),
                linked("fog", "http://127.0.0.1:" + feedUrl.getPort() + "/docs/fog.xml"));

        CapFeedPoller.Outcome first = poller.poll("upstream", false);
        assertThat(first.error()).isNull();
        assertThat(first.stored()).isEqualTo(2);
        assertThat(first.refused()).isEqualTo(1);
        assertThat(received("upstream", coldId, fogId)).isEqualTo(2);
        CapReceived cold = QuarkusTransaction.requiringNew()
                .call(() -> CapReceived.<CapReceived>find("identifier", coldId).singleResult());
        List<CapTrigger> drafts = QuarkusTransaction.requiringNew()
                .call(() -> CapTrigger.<CapTrigger>list("receivedId = ?1 and ruleId = ?2", cold.id, ruleId));
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).state).isEqualTo(CapTrigger.State.DRAFTED);
        assertThat(drafts.get(0).broadcastId).isNotNull();
        long fogDrafts = QuarkusTransaction.requiringNew()
                .call(() -> CapTrigger.count(
                        "receivedId = (select r.id from CapReceived r where r.identifier = ?1) and ruleId = ?2",
                        fogId,
                        ruleId));
        assertThat(fogDrafts).isZero();
        assertThat(ifNoneMatch).containsExactly("null");

        // Not due yet: nothing is fetched.
        assertThat(poller.poll("upstream", false).polled()).isFalse();
        adjustable.advance(Duration.ofMinutes(6));
        int docRequests =
                (int) requests.stream().filter(p -> p.startsWith("/docs/")).count();
        long allBefore = receivedFrom("upstream");
        CapFeedPoller.Outcome second = poller.poll("upstream", false);
        assertThat(second.polled()).isTrue();
        assertThat(second.notModified()).isTrue();
        assertThat(ifNoneMatch).containsExactly("null", "\"v1\"");
        assertThat(receivedFrom("upstream")).isEqualTo(allBefore);
        assertThat(requests.stream().filter(p -> p.startsWith("/docs/")).count())
                .isEqualTo(docRequests);

        JsonPath status =
                admin().get("/api/cap/feeds").then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("find { it.name == 'upstream' }.etag")).isEqualTo("\"v1\"");
        assertThat(status.getInt("find { it.name == 'upstream' }.stored")).isEqualTo(2);
        assertThat(status.getInt("find { it.name == 'upstream' }.refused")).isEqualTo(1);
        assertThat(status.getString("find { it.name == 'upstream' }.recentRefusals[0].detail"))
                .contains("urn:tocsin:cap:schema");
        assertThat(status.getInt("find { it.name == 'upstream' }.failures")).isZero();
        as(OPERATOR).get("/api/cap/feeds").then().statusCode(403);
    }

    @Test
    void aFailingFeedBacksOffExponentiallyAndStoresNothing() {
        Instant before = clock.instant();
        CapFeedPoller.Outcome first = poller.poll("broken", false);
        Instant after = clock.instant();
        assertThat(first.error()).contains("HTTP 500");
        JsonPath status =
                admin().get("/api/cap/feeds").then().statusCode(200).extract().jsonPath();
        assertThat(status.getInt("find { it.name == 'broken' }.failures")).isEqualTo(1);
        assertThat(status.getString("find { it.name == 'broken' }.lastError")).contains("HTTP 500");
        assertThat(Instant.parse(status.getString("find { it.name == 'broken' }.nextAttemptAt")))
                .isBetween(
                        before.plusSeconds(30).minusMillis(1),
                        after.plusSeconds(30).plusMillis(1));
        assertThat(status.getString("find { it.name == 'broken' }.etag")).isNull();
        assertThat(poller.poll("broken", false).polled()).isFalse();

        int failures = 1;
        for (long expected : new long[] {60, 120, 120}) {
            adjustable.advance(Duration.ofMinutes(3));
            Instant from = clock.instant();
            assertThat(poller.poll("broken", false).error()).contains("HTTP 500");
            Instant to = clock.instant();
            failures++;
            CapFeedState s =
                    QuarkusTransaction.requiringNew().call(() -> CapFeedState.<CapFeedState>findById("broken"));
            assertThat(s.failures).isEqualTo(failures);
            assertThat(s.nextAttemptAt)
                    .isBetween(
                            from.plusSeconds(expected).minusMillis(1),
                            to.plusSeconds(expected).plusMillis(1));
            assertThat(s.leaseUntil).isNull();
        }
        assertThat(receivedFrom("broken")).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> CapFeedEntry.count("key.feed", "broken")))
                .isZero();
    }

    @Test
    void rssItemsAndAlertsEmbeddedInAtomContentAreIngestedToo() {
        String rssId = CapSamples.id();
        documents.put(
                "/docs/rss.xml",
                CapSamples.coldWave(CapSamples.SENDER, rssId, clock.instant(), null, null)
                        .getBytes(StandardCharsets.UTF_8));
        rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item><title>a</title>"
                + "<link>http://127.0.0.1:" + feedUrl.getPort() + "/docs/rss.xml</link></item></channel></rss>";
        CapFeedPoller.Outcome o = poller.poll("rss", false);
        assertThat(o.error()).isNull();
        assertThat(o.stored()).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> CapReceived.count("identifier", rssId)))
                .isEqualTo(1);

        String embeddedId = CapSamples.id();
        String alert = CapSamples.coldWave(CapSamples.SENDER, embeddedId, clock.instant(), null, null)
                .replaceFirst("<\\?xml[^>]*\\?>", "");
        embedded = atom("<entry><id>e</id><title>e</title><updated>2030-01-01T00:00:00Z</updated>"
                + "<content type=\"application/cap+xml\">" + alert + "</content></entry>");
        CapFeedPoller.Outcome e = poller.poll("embedded", false);
        assertThat(e.error()).isNull();
        assertThat(e.stored()).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> CapReceived.count("identifier", embeddedId)))
                .isEqualTo(1);
    }
}
