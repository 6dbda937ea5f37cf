package dev.tocsin.docs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.sms.TwilioAccount;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the request examples written in {@code docs/*.md} against the test server, in the order
 * they appear in each file. An example is an HTML comment (invisible on GitHub) followed by an
 * optional request body block and an optional response block:
 *
 * <pre>
 * &lt;!-- example: POST /api/areas as admin expect 201 save code=newArea --&gt;
 * ```json
 * {"code": "430902100204", ...}
 * ```
 * ```json response
 * {"code": "430902100204"}
 * ```
 * </pre>
 *
 * The response block is matched as a subset: every field it shows must be in the answer with
 * that value (arrays element by element, same length); fields it leaves out are not checked.
 * The server runs with the demo district loaded, on its own in-memory database (see
 * docs/API.md, "Examples", for the whole convention).
 */
@QuarkusTest
@TestProfile(DocExamplesTest.DemoDistrict.class)
class DocExamplesTest {

    /** The demo district on a fresh database, as a new user's first start has it. */
    public static class DemoDistrict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("tocsin.demo.enabled", "true");
            // The shipped languages (the test profile adds one), so documented settings are the real defaults.
            config.put("tocsin.audience.supported-languages", "zh-CN,en");
            // A database of its own, empty at start: the examples create fixed names (as a reader
            // would) and neither see nor leave rows of other tests.
            config.putAll(dev.tocsin.testing.OwnDatabase.config("docs"));
            return config;
        }
    }

    static final Path DOCS = Path.of("docs");
    static final String OPERATOR = "doc-operator";
    static final String APPROVER = "doc-approver";
    static final String PASSWORD = "doc-examples-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example:(.*?)-->\\s*$");
    private static final Pattern MARKER_START = Pattern.compile("^\\s*<!--\\s*example\\b.*");
    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9+/._-]*)\\s*(response)?\\s*$");
    private static final Pattern BACKTICKS = Pattern.compile("^\\s*(```+)(.*)$");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    private static final Set<String> AUTH = Set.of("admin", "operator", "approver", "anonymous", "sandbox");

    /** One documented request: where it is, what it sends and what the docs say comes back. */
    record Example(
            String file,
            int line,
            String method,
            String path,
            String auth,
            String bearerVar,
            String contentType,
            int status,
            Map<String, String> saves,
            String body,
            String bodyLanguage,
            String response) {

        String name() {
            return file + ":" + line + " " + method + " " + path + " as "
                    + (bearerVar == null ? auth : "bearer {" + bearerVar + "}") + " expect " + status;
        }
    }

    @Inject
    StaffService staff;

    @TestFactory
    Stream<DynamicNode> everyDocumentedExampleAnswersAsDocumented() throws IOException {
        ensureStaff();
        Map<String, List<Example>> byFile = parseAll(DOCS);
        assertThat(byFile.get("API.md")).as("API.md examples").hasSizeGreaterThan(20);
        List<DynamicNode> files = new ArrayList<>();
        for (Map.Entry<String, List<Example>> e : byFile.entrySet()) {
            Map<String, String> saved = new HashMap<>();
            List<DynamicNode> tests = new ArrayList<>();
            for (Example ex : e.getValue()) {
                tests.add(DynamicTest.dynamicTest(ex.name(), () -> run(ex, saved)));
            }
            files.add(DynamicContainer.dynamicContainer(e.getKey(), tests));
        }
        return files.stream();
    }

    /** API.md names every JAX-RS endpoint outside the console as `METHOD /path` (any parameter names). */
    @Test
    void apiReferenceListsEveryEndpoint() throws Exception {
        String api = Files.readString(DOCS.resolve("API.md"), StandardCharsets.UTF_8);
        Map<String, List<String>> documented = new HashMap<>();
        Matcher d = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`\\s?]*)").matcher(api);
        while (d.find()) {
            documented.computeIfAbsent(d.group(1), k -> new ArrayList<>()).add(d.group(2));
        }
        List<String> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in target/classes").hasSizeGreaterThan(80);
        List<String> missing = new ArrayList<>();
        for (String e : endpoints) {
            String method = e.substring(0, e.indexOf(' '));
            Pattern path = template(e.substring(e.indexOf(' ') + 1));
            if (documented.getOrDefault(method, List.of()).stream()
                    .noneMatch(p -> path.matcher(p).matches())) {
                missing.add(e);
            }
        }
        assertThat(missing).as("endpoints missing from docs/API.md").isEmpty();
    }

    /** Every resource method under dev.tocsin except the console's HTML pages, as "METHOD /path/{x}". */
    private static List<String> endpoints() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("dev/tocsin"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")
                            && !p.getFileName().toString().contains("$"))
                    .filter(p -> !p.startsWith(classes.resolve("dev/tocsin/console")))
                    .sorted()
                    .toList();
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Path f : files) {
            String name = classes.relativize(f).toString().replace('/', '.').replace(".class", "");
            Class<?> c = Class.forName(name, false, loader);
            jakarta.ws.rs.Path base = c.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null) {
                continue;
            }
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                for (java.lang.annotation.Annotation a : m.getAnnotations()) {
                    jakarta.ws.rs.HttpMethod http = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
                    if (http == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = "/" + base.value() + (sub == null ? "" : "/" + sub.value());
                    out.add(http.value() + " " + path.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1"));
                }
            }
        }
        return out;
    }

    /** A path template as a pattern: each {name} or {name: regex} stands for one path segment's worth. */
    private static Pattern template(String path) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                re.append(Pattern.quote(path.substring(i)));
                break;
            }
            re.append(Pattern.quote(path.substring(i, open)));
            int depth = 0;
            int close = open;
            for (; close < path.length(); close++) {
                char ch = path.charAt(close);
                depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            re.append("[^/]+");
            i = close + 1;
        }
        return Pattern.compile(re.toString());
    }

    @Test
    void aMarkerThatDoesNotParseFailsInsteadOfBeingSkipped() {
        assertThatThrownBy(() -> parse("X.md", List.of("<!-- example: POST /api/areas as admin -->")))
                .hasMessageContaining("X.md:1")
                .hasMessageContaining("expect");
        assertThatThrownBy(() -> parse("X.md", List.of("<!-- example: FETCH /api/areas as admin expect 200 -->")))
                .hasMessageContaining("method");
        assertThatThrownBy(() -> parse("X.md", List.of("<!-- example: GET /api/areas as root expect 200 -->")))
                .hasMessageContaining("as");
        assertThatThrownBy(() -> parse("X.md", List.of("<!-- example GET /api/areas as admin expect 200 -->")))
                .hasMessageContaining("X.md:1");
        assertThatThrownBy(() -> parse(
                        "X.md", List.of("<!-- example: POST /api/areas as admin expect 201 -->", "```json", "{}")))
                .hasMessageContaining("not closed");
        assertThat(parse("X.md", List.of("````", "<!-- example: GET /x as admin expect 200 -->", "````")))
                .isEmpty();
        List<Example> ok = parse(
                "X.md",
                List.of(
                        "text",
                        "<!-- example: POST /api/x?a=1 as bearer {tok} type text/csv expect 200 save id=items[0].id -->",
                        "",
                        "```csv",
                        "name,phone",
                        "```",
                        "```json response",
                        "{\"rowsRead\": 1}",
                        "```"));
        assertThat(ok).singleElement().satisfies(ex -> {
            assertThat(ex.line()).isEqualTo(2);
            assertThat(ex.path()).isEqualTo("/api/x?a=1");
            assertThat(ex.bearerVar()).isEqualTo("tok");
            assertThat(ex.contentType()).isEqualTo("text/csv");
            assertThat(ex.saves()).containsEntry("id", "items[0].id");
            assertThat(ex.body()).isEqualTo("name,phone");
            assertThat(ex.response()).isEqualTo("{\"rowsRead\": 1}");
        });
    }

    @Test
    void subsetMatchReportsTheFirstDifferenceByPath() throws IOException {
        JsonNode actual = JSON.readTree("{\"a\": {\"b\": [1, {\"c\": \"x\", \"d\": 2}]}, \"e\": true}");
        assertThat(difference(JSON.readTree("{\"a\": {\"b\": [1, {\"c\": \"x\"}]}}"), actual, ""))
                .isNull();
        assertThat(difference(JSON.readTree("{\"a\": {\"b\": [1, {\"c\": \"y\"}]}}"), actual, ""))
                .contains("a.b[1].c");
        assertThat(difference(JSON.readTree("{\"a\": {\"b\": [1]}}"), actual, ""))
                .contains("a.b");
        assertThat(difference(JSON.readTree("{\"f\": null}"), actual, "")).contains("f");
    }

    private void ensureStaff() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (staff.find(OPERATOR).isEmpty()) {
                staff.create("test", OPERATOR, PASSWORD, Set.of(Role.OPERATOR), "Doc operator");
            }
            if (staff.find(APPROVER).isEmpty()) {
                staff.create("test", APPROVER, PASSWORD, Set.of(Role.APPROVER), "Doc approver");
            }
        });
    }

    private static void run(Example ex, Map<String, String> saved) throws IOException {
        RequestSpecification req = given().redirects().follow(false);
        switch (ex.auth()) {
            case "admin" -> req = req.auth().preemptive().basic("admin", Staff.ADMIN_PASSWORD);
            case "operator" -> req = req.auth().preemptive().basic(OPERATOR, PASSWORD);
            case "approver" -> req = req.auth().preemptive().basic(APPROVER, PASSWORD);
            case "sandbox" ->
                req = req.auth()
                        .preemptive()
                        .basic(TwilioAccount.SANDBOX_ACCOUNT_SID, TwilioAccount.SANDBOX_AUTH_TOKEN);
            case "bearer" -> req = req.header("Authorization", "Bearer " + value(saved, ex.bearerVar(), ex));
            default -> {
                // anonymous: no credentials
            }
        }
        if (ex.body() != null) {
            // A String body with an explicit charset: RestAssured would otherwise encode it as ISO-8859-1.
            req = req.contentType(ex.contentType() + "; charset=UTF-8").body(ex.body());
        }
        String path = substitute(ex.path(), saved, ex);
        Response r = req.request(ex.method(), path);
        String answer = r.asString();
        assertThat(r.statusCode()).as("%s\nanswer: %s", ex.name(), answer).isEqualTo(ex.status());
        // The SMS sandbox answers errors as Twilio does (its JSON and error codes), like the API it stands in for.
        boolean twilioShaped = path.startsWith("/2010-04-01/") || path.startsWith("/sandbox/twilio/");
        if (ex.status() >= 400 && !twilioShaped) {
            assertThat(r.contentType())
                    .as("%s: errors are problem+json", ex.name())
                    .startsWith("application/problem+json");
        }
        if (ex.response() != null) {
            JsonNode expected = JSON.readTree(ex.response());
            JsonNode actual = JSON.readTree(answer);
            String diff = difference(expected, actual, "");
            if (diff != null) {
                fail("%s: the answer differs from the documented response at %s\nanswer: %s", ex.name(), diff, answer);
            }
        }
        for (Map.Entry<String, String> s : ex.saves().entrySet()) {
            Object v = r.jsonPath().get(s.getValue());
            assertThat(v)
                    .as("%s: save %s=%s from %s", ex.name(), s.getKey(), s.getValue(), answer)
                    .isNotNull();
            saved.put(s.getKey(), String.valueOf(v));
        }
    }

    private static String substitute(String text, Map<String, String> saved, Example ex) {
        Matcher m = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)\\}").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(value(saved, m.group(1), ex)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String value(Map<String, String> saved, String name, Example ex) {
        String v = saved.get(name);
        if (v == null) {
            fail("%s: {%s} was not saved by an earlier example in %s", ex.name(), name, ex.file());
        }
        return v;
    }

    /** Null when {@code actual} holds everything {@code expected} shows; else the path of the first difference. */
    static String difference(JsonNode expected, JsonNode actual, String at) {
        String here = at.isEmpty() ? "(root)" : at;
        if (actual == null || actual.isMissingNode()) {
            return here + " (missing)";
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return here + " (not an object)";
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String d = difference(
                        f.getValue(), actual.get(f.getKey()), at.isEmpty() ? f.getKey() : at + "." + f.getKey());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return here + " (expected an array of " + expected.size() + ", got " + actual + ")";
            }
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(expected.get(i), actual.get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0
                    ? null
                    : here + " (expected " + expected + ", got " + actual + ")";
        }
        return expected.equals(actual) ? null : here + " (expected " + expected + ", got " + actual + ")";
    }

    static Map<String, List<Example>> parseAll(Path dir) throws IOException {
        Map<String, List<Example>> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                List<Example> examples =
                        parse(f.getFileName().toString(), Files.readAllLines(f, StandardCharsets.UTF_8));
                if (!examples.isEmpty()) {
                    out.put(f.getFileName().toString(), examples);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    static List<Example> parse(String file, List<String> lines) {
        List<Example> out = new ArrayList<>();
        String openFence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // A marker shown inside a code block (as in the convention's own description) is text.
            Matcher ticks = BACKTICKS.matcher(line);
            if (ticks.matches()) {
                if (openFence == null) {
                    openFence = ticks.group(1);
                } else if (ticks.group(1).length() >= openFence.length()
                        && ticks.group(2).isBlank()) {
                    openFence = null;
                }
                continue;
            }
            if (openFence != null || !MARKER_START.matcher(line).matches()) {
                continue;
            }
            Matcher m = MARKER.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": an example marker is <!-- example: METHOD PATH as WHO expect STATUS ... --> on one line");
            }
            String where = file + ":" + (i + 1);
            List<String> words = List.of(m.group(1).trim().split("\\s+"));
            if (words.size() < 2 || !METHODS.contains(words.get(0))) {
                throw new IllegalArgumentException(
                        where + ": the example must start with an HTTP method, got " + words);
            }
            String method = words.get(0);
            String path = words.get(1);
            String auth = null;
            String bearer = null;
            String type = null;
            Integer status = null;
            Map<String, String> saves = new java.util.LinkedHashMap<>();
            for (int w = 2; w < words.size(); w++) {
                String key = words.get(w);
                if (w + 1 >= words.size()) {
                    throw new IllegalArgumentException(where + ": '" + key + "' needs a value");
                }
                String val = words.get(++w);
                switch (key) {
                    case "as" -> {
                        if (val.equals("bearer")) {
                            if (w + 1 >= words.size() || !words.get(w + 1).matches("\\{[A-Za-z][A-Za-z0-9_]*\\}")) {
                                throw new IllegalArgumentException(
                                        where + ": 'as bearer' needs a saved value, e.g. {token}");
                            }
                            String var = words.get(++w);
                            auth = "bearer";
                            bearer = var.substring(1, var.length() - 1);
                        } else if (AUTH.contains(val)) {
                            auth = val;
                        } else {
                            throw new IllegalArgumentException(
                                    where + ": 'as' takes one of " + AUTH + " or bearer {name}");
                        }
                    }
                    case "type" -> type = val;
                    case "expect" -> {
                        if (!val.matches("[1-5][0-9][0-9]")) {
                            throw new IllegalArgumentException(where + ": 'expect' takes an HTTP status");
                        }
                        status = Integer.parseInt(val);
                    }
                    case "save" -> {
                        int eq = val.indexOf('=');
                        if (eq < 1 || eq == val.length() - 1) {
                            throw new IllegalArgumentException(where + ": 'save' takes NAME=JSON.PATH");
                        }
                        saves.put(val.substring(0, eq), val.substring(eq + 1));
                    }
                    default ->
                        throw new IllegalArgumentException(
                                where + ": unknown word '" + key + "' (known: as, type, expect, save)");
                }
            }
            if (auth == null) {
                throw new IllegalArgumentException(
                        where + ": say who sends it: as admin|operator|approver|anonymous|sandbox|bearer {name}");
            }
            if (status == null) {
                throw new IllegalArgumentException(where + ": say the documented status: expect NNN");
            }
            String body = null;
            String language = null;
            String response = null;
            int bodyEnd = i;
            int j = nextNonBlank(lines, i + 1);
            Matcher fence = j < lines.size() ? FENCE.matcher(lines.get(j)) : null;
            if (fence != null && fence.matches() && fence.group(2) == null) {
                language = fence.group(1).toLowerCase(Locale.ROOT);
                int end = closing(lines, j, where);
                body = join(lines, j + 1, end);
                j = nextNonBlank(lines, end + 1);
                bodyEnd = end;
                fence = j < lines.size() ? FENCE.matcher(lines.get(j)) : null;
            }
            int last = bodyEnd;
            if (fence != null && fence.matches() && fence.group(2) != null) {
                int end = closing(lines, j, where);
                response = join(lines, j + 1, end);
                last = end;
            }
            if (type == null && body != null) {
                type = switch (language) {
                    case "json" -> "application/json";
                    case "xml" -> "application/xml";
                    case "csv" -> "text/csv";
                    default -> "text/plain";
                };
            }
            out.add(new Example(
                    file, i + 1, method, path, auth, bearer, type, status, saves, body, language, response));
            i = last;
        }
        return out;
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int j = from;
        while (j < lines.size() && lines.get(j).isBlank()) {
            j++;
        }
        return j;
    }

    private static int closing(List<String> lines, int open, String where) {
        for (int k = open + 1; k < lines.size(); k++) {
            if (lines.get(k).strip().equals("```")) {
                return k;
            }
        }
        throw new IllegalArgumentException(where + ": the code block after the example is not closed");
    }

    private static String join(List<String> lines, int from, int to) {
        return String.join("\n", lines.subList(from, to));
    }
}
