package dev.tocsin.resilience;

import static dev.tocsin.testing.Staff.adminBasicCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.platform.problem.ProblemMappers;
import dev.tocsin.resilience.EndpointCatalog.Endpoint;
import dev.tocsin.resilience.HostileCorpus.Body;
import dev.tocsin.sandbox.SandboxFaults;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input sweep: every endpoint found in the compiled classes gets a generated corpus of
 * malformed JSON, CSV, CAP-like XML, form and webhook bodies plus hostile path and query values,
 * signed in and anonymous. Nothing may answer 5xx; every 4xx outside the HTML console is
 * problem+json without internals; and a refused request leaves every table's row count as it was.
 */
@QuarkusTest
class HostileInputSweepTest {

    private static final String SANDBOX_SID = "AC5a4db0c0000000000000000000000000";
    private static final String SANDBOX_TOKEN = "sandbox-auth-token";

    @TestHTTPResource("/")
    URL base;

    @Inject
    DataSource dataSource;

    @Inject
    SandboxFaults faults;

    private SandboxFaults.Settings originalFaults;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private String consoleCookie;
    private String terminalToken;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statusCounts = new TreeMap<>();
    private final List<String> accepted = new ArrayList<>();
    private int sent;

    @AfterEach
    void restoreFaults() {
        if (originalFaults != null) {
            faults.update(originalFaults);
        }
    }

    @Test
    void everyEndpointRefusesHostileInputWithoutServerErrorsOrStateChange() throws Exception {
        originalFaults = faults.settings();
        List<Endpoint> endpoints = EndpointCatalog.scan(ProblemMappers.class);
        assertThat(endpoints)
                .as("endpoints found by scanning")
                .hasSizeGreaterThan(40)
                .anyMatch(e -> e.template().equals("/api/residents/import") && e.consumes("text/csv"))
                .anyMatch(e -> e.template().equals("/webhooks/twilio/status"));
        signIn();
        TableCounts counts = new TableCounts(dataSource);
        Map<String, Long> state = quiet(counts);

        for (Endpoint e : endpoints) {
            long t0 = System.nanoTime();
            List<Req> requests = requestsFor(e);
            for (Req r : requests) {
                state = send(e, r, counts, state);
            }
            System.out.printf(
                    "hostile sweep: %s: %d requests in %d ms%n",
                    e, requests.size(), (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.printf(
                "hostile sweep: %d endpoints, %d requests, statuses %s%n", endpoints.size(), sent, statusCounts);
        accepted.forEach(a -> System.out.println("hostile sweep accepted (2xx/3xx): " + a));
        failures.forEach(f -> System.out.println("hostile sweep FAILURE: " + f));
        assertThat(failures).as("requests answered wrongly (see log)").isEmpty();
    }

    // --- requests ----------------------------------------------------------------------------

    record Req(String label, String path, String query, Body body, String auth) {}

    private List<Req> requestsFor(Endpoint e) {
        List<Req> out = new ArrayList<>();
        // The sandbox's account segment gets the real SID so that its body parsing is reached.
        String path = EndpointCatalog.fill(e.template().replace("{accountSid}", SANDBOX_SID), "0");
        String auth = authFor(e.template());
        String q = e.template().equals("/api/residents/import") ? "commit=true" : "";
        if (e.hasBody()) {
            List<Body> own = new ArrayList<>();
            List<Body> foreign = new ArrayList<>();
            split(
                    e.consumes(HostileCorpus.JSON) || e.consumes().isEmpty() && e.bodyType() != null,
                    HostileCorpus.json(),
                    own,
                    foreign);
            if (e.consumes(HostileCorpus.JSON) || e.consumes().isEmpty()) {
                own.addAll(HostileCorpus.jsonFor(e.bodyType()));
            }
            boolean csv = e.consumes("text/csv") || e.consumes("text/plain") || e.consumes("application/octet-stream");
            split(csv, HostileCorpus.csv(), own, foreign);
            split(e.consumes("multipart/form-data"), multipart(HostileCorpus.csv()), own, foreign);
            split(
                    e.consumes("application/xml") || e.consumes("text/xml") || e.consumes("application/cap+xml"),
                    HostileCorpus.xml(),
                    own,
                    foreign);
            split(e.consumes(HostileCorpus.FORM), HostileCorpus.form(), own, foreign);
            own.forEach(b -> out.add(new Req(b.label(), path, q, b, auth)));
            foreign.forEach(b -> out.add(new Req(b.label() + " (wrong type)", path, q, b, auth)));
            if (e.template().startsWith("/webhooks/")) {
                HostileCorpus.form()
                        .forEach(b -> out.add(
                                new Req(b.label() + " (bad signature)", path, q, b, "sig:bm90LWEtc2lnbmF0dXJl")));
            }
        } else {
            out.add(new Req("no-body", path, q, null, auth));
            for (String v : HostileCorpus.queryValues()) {
                String hostile = String.join(
                        "&", e.queryParams().stream().map(p -> p + "=" + v).toList());
                if (!hostile.isEmpty()) {
                    out.add(new Req("query=" + abbreviate(v), path, hostile, null, auth));
                }
            }
        }
        Body first = out.get(0).body();
        if (EndpointCatalog.hasPathParams(e.template())) {
            for (String v : HostileCorpus.pathValues()) {
                out.add(new Req("path=" + abbreviate(v), EndpointCatalog.fill(e.template(), v), q, first, auth));
            }
        }
        out.add(new Req("anonymous", path, q, first, null));
        return out;
    }

    private static void split(boolean own, List<Body> bodies, List<Body> ownOut, List<Body> foreignOut) {
        if (own) {
            ownOut.addAll(bodies);
        } else {
            foreignOut.add(bodies.get(bodies.size() > 2 ? 2 : 0));
        }
    }

    private static List<Body> multipart(List<Body> csv) {
        List<Body> out = new ArrayList<>();
        String boundary = "sweepBoundary" + UUID.randomUUID().toString().replace("-", "");
        for (Body b : csv) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n"
                            + "Content-Type: text/csv\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            o.writeBytes(b.bytes());
            o.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            out.add(new Body("multipart-" + b.label(), "multipart/form-data; boundary=" + boundary, o.toByteArray()));
        }
        out.add(Body.of(
                "multipart-truncated",
                "multipart/form-data; boundary=" + boundary,
                "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\r\nname,ph"));
        out.add(Body.of("multipart-no-boundary", "multipart/form-data", "garbage"));
        return out;
    }

    private String authFor(String template) {
        if (template.startsWith("/api")) {
            return "Basic " + b64(adminBasicCredentials());
        }
        if (template.startsWith("/console")) {
            return "cookie:" + consoleCookie;
        }
        if (template.startsWith("/sandbox") || template.startsWith("/2010-04-01")) {
            return "Basic " + b64(SANDBOX_SID + ":" + SANDBOX_TOKEN);
        }
        if (template.startsWith("/terminal")) {
            return "Bearer " + terminalToken;
        }
        return null;
    }

    // --- sending and checking ----------------------------------------------------------------

    private Map<String, Long> send(Endpoint e, Req r, TableCounts counts, Map<String, Long> before) {
        String uri =
                base.toString().replaceAll("/$", "") + r.path() + (r.query().isEmpty() ? "" : "?" + r.query());
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException bad) {
            return before;
        }
        HttpRequest.BodyPublisher publisher = r.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body().bytes());
        b.method(e.method(), publisher);
        if (r.body() != null) {
            b.header("Content-Type", r.body().contentType());
        }
        if (r.auth() != null && r.auth().startsWith("cookie:")) {
            b.header("Cookie", r.auth().substring(7));
        } else if (r.auth() != null && r.auth().startsWith("sig:")) {
            b.header("X-Twilio-Signature", r.auth().substring(4));
        } else if (r.auth() != null) {
            b.header("Authorization", r.auth());
        }
        String what = e.method() + " " + abbreviate(r.path()) + " [" + r.label() + "]";
        HttpResponse<String> res;
        try {
            res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException ex) {
            // The server may close the connection on an oversize body; that is a refusal, not a crash.
            failures.add(what + ": connection error " + ex);
            return counts.snapshot();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        sent++;
        int status = res.statusCode();
        statusCounts.merge(String.valueOf(status), 1, Integer::sum);
        String type = res.headers().firstValue("Content-Type").orElse("");
        Map<String, Long> after = counts.snapshot();
        if (status >= 500) {
            failures.add(what + ": " + status + " " + abbreviate(res.body()));
        } else if (status >= 400) {
            if (problemJsonExpected(r.path()) && !type.startsWith("application/problem+json")) {
                failures.add(what + ": " + status + " with Content-Type '" + type + "' " + abbreviate(res.body()));
            }
            if (res.body().contains("Exception") || res.body().contains("\tat ")) {
                failures.add(what + ": " + status + " leaks internals: " + abbreviate(res.body()));
            }
            List<String> changed = TableCounts.diff(before, after);
            if (!changed.isEmpty()) {
                failures.add(what + ": refused with " + status + " but rows changed " + changed);
            }
        } else {
            accepted.add(what + " -> " + status);
        }
        return after;
    }

    /**
     * The HTML console and the 叫应 answer link (opened on a duty officer's phone) answer browsers
     * with pages; the Twilio sandbox answers with Twilio's own JSON error shape (the SDK parses
     * it). Everything else speaks problem+json.
     */
    private static boolean problemJsonExpected(String path) {
        return !path.startsWith("/console")
                && !path.startsWith("/duty/a/")
                && !path.startsWith("/sandbox/twilio")
                && !path.startsWith("/2010-04-01");
    }

    /** Waits until no background job (receipts from earlier tests, sweeps) changes any count for 3 s. */
    private static Map<String, Long> quiet(TableCounts counts) throws InterruptedException {
        Map<String, Long> last = counts.snapshot();
        Instant until = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(3000);
            Map<String, Long> now = counts.snapshot();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("row counts never settled: background work still running");
    }

    private void signIn() throws Exception {
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/console/j_security_check"))
                        .header("Content-Type", HostileCorpus.FORM)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "j_username=admin&j_password=" + Staff.ADMIN_PASSWORD))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        consoleCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("tocsin-session="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("console sign-in failed: " + login.statusCode()));
        String area = QuarkusTransaction.requiringNew().call(() -> {
            Area a = new Area();
            a.code = "SW" + UUID.randomUUID().toString().substring(0, 8);
            a.name = "Sweep " + a.code;
            a.kind = AreaKind.VILLAGE;
            a.path = "/";
            a.createdAt = Instant.now();
            a.persist();
            a.placeUnder(null);
            return a.code;
        });
        String code = "SWT" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> reg = http.send(
                HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + "/api/terminals"))
                        .header("Authorization", "Basic " + b64(adminBasicCredentials()))
                        .header("Content-Type", HostileCorpus.JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(HostileCorpus.toJson(Map.of(
                                "code",
                                code,
                                "name",
                                "Sweep horn",
                                "area",
                                area,
                                "model",
                                "IP-BOX 2",
                                "zone",
                                "Asia/Shanghai",
                                "volumePreset",
                                80))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        terminalToken = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(reg.body())
                .get("token")
                .asText();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 160 ? one.substring(0, 160) + "…(" + s.length() + ")" : one;
    }
}
