package dev.tocsin.resilience;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Generated hostile request bodies: malformed JSON, CSV, CAP-like XML and form (webhook) bodies. */
final class HostileCorpus {

    /** One body to send. */
    record Body(String label, String contentType, byte[] bytes) {
        static Body of(String label, String contentType, String text) {
            return new Body(label, contentType, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    static final String XML = "application/xml";
    static final String FORM = "application/x-www-form-urlencoded";
    static final int TWO_MB = 2 * 1024 * 1024;

    private HostileCorpus() {}

    /** Malformed or hostile JSON that fits no endpoint. */
    static List<Body> json() {
        List<Body> b = new ArrayList<>();
        b.add(Body.of("json-empty", JSON, ""));
        b.add(Body.of("json-truncated", JSON, "{\"name\": \"x\", \"code\":"));
        b.add(Body.of("json-unclosed-string", JSON, "{\"name\": \"x"));
        b.add(Body.of("json-null", JSON, "null"));
        b.add(Body.of("json-array", JSON, "[1,2,3]"));
        b.add(Body.of("json-string", JSON, "\"just a string\""));
        b.add(Body.of("json-number", JSON, "12345678901234567890123456789"));
        b.add(Body.of("json-huge-exponent", JSON, "{\"id\": 1e999999999}"));
        b.add(Body.of("json-trailing-garbage", JSON, "{} {}"));
        b.add(Body.of("json-comment", JSON, "{/* c */}"));
        b.add(Body.of("json-nul-bytes", JSON, "{\"name\":\"a\u0000b\"}"));
        b.add(Body.of("json-deep-array", JSON, "[".repeat(100_000) + "]".repeat(100_000)));
        b.add(Body.of("json-deep-object", JSON, "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        b.add(Body.of("json-duplicate-keys", JSON, "{\"name\":\"a\",\"name\":\"b\"}"));
        b.add(new Body("json-invalid-utf8", JSON, new byte[] {
            '{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'
        }));
        b.add(new Body("json-utf16", JSON, "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16)));
        b.add(Body.of("json-2mb-string", JSON, "{\"name\":\"" + "x".repeat(TWO_MB) + "\"}"));
        b.add(Body.of("json-2mb-array", JSON, "[" + "1,".repeat(TWO_MB / 2) + "1]"));
        return b;
    }

    /** Bodies shaped like {@code type} with one field broken at a time (wrong type, huge, null, unknown enum). */
    static List<Body> jsonFor(Type type) {
        List<Body> b = new ArrayList<>();
        Class<?> raw = raw(type);
        if (raw == null || !isObject(raw)) {
            return b;
        }
        Map<String, Object> base = plausible(raw, 0);
        b.add(Body.of("shape-all-null", JSON, toJson(nulls(base))));
        b.add(Body.of("shape-unknown-field", JSON, toJson(with(base, "__unknown__", 1))));
        for (Map.Entry<String, Type> f : fields(raw).entrySet()) {
            for (Map.Entry<String, Object> bad : badValues(f.getValue()).entrySet()) {
                b.add(Body.of(
                        "shape-" + f.getKey() + "-" + bad.getKey(),
                        JSON,
                        toJson(with(base, f.getKey(), bad.getValue()))));
            }
        }
        return b;
    }

    static List<Body> csv() {
        List<Body> b = new ArrayList<>();
        b.add(Body.of("csv-empty", CSV, ""));
        b.add(Body.of("csv-header-only-wrong", CSV, "foo,bar,baz\n"));
        b.add(Body.of("csv-wrong-columns", CSV, "name,phone\nA,+8613800000000,extra,extra,extra\nB\n"));
        b.add(Body.of("csv-unterminated-quote", CSV, "name,phone,area\n\"A,+8613800000000,X\n"));
        b.add(Body.of(
                "csv-formula-injection",
                CSV,
                "name,phone,language,area\n=HYPERLINK(\"http://evil\"),=1+1,@SUM(A1),+cmd|' /C calc'!A0\n"));
        b.add(new Body(
                "csv-latin1",
                CSV,
                "name,phone\nJos\u00e9 M\u00fcller,+8613800000001\n".getBytes(StandardCharsets.ISO_8859_1)));
        b.add(new Body("csv-invalid-utf8", CSV, new byte[] {
            'n', 'a', 'm', 'e', '\n', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '\n'
        }));
        b.add(new Body("csv-utf16-bom", CSV, "name,phone\nA,+8613800000002\n".getBytes(StandardCharsets.UTF_16)));
        b.add(Body.of("csv-nul-bytes", CSV, "name,phone\nA\u0000,+86138\u000000000003\n"));
        b.add(Body.of("csv-huge-row", CSV, "name,phone\n" + "y".repeat(TWO_MB - 100) + ",+8613800000004\n"));
        b.add(Body.of("csv-many-columns", CSV, "c,".repeat(100_000) + "c\n"));
        return b;
    }

    static List<Body> xml() {
        List<Body> b = new ArrayList<>();
        b.add(Body.of("xml-not-xml", XML, "this is not xml at all"));
        b.add(Body.of(
                "xml-truncated",
                XML,
                "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x"));
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        lol.append("<!ENTITY lol1 \"").append("&lol;".repeat(10)).append("\">");
        for (int i = 2; i <= 9; i++) {
            lol.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        lol.append("]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&lol9;</identifier></alert>");
        b.add(Body.of("xml-billion-laughs", XML, lol.toString()));
        b.add(
                Body.of(
                        "xml-external-entity",
                        XML,
                        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&xxe;</identifier></alert>"));
        b.add(Body.of(
                "xml-wrong-namespace",
                XML,
                "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\">"
                        + "<identifier>x</identifier><sender>s</sender><sent>2026-11-29T08:00:00+08:00</sent><status>Actual</status>"
                        + "<msgType>Alert</msgType><scope>Public</scope></alert>"));
        b.add(
                Body.of(
                        "xml-cap-bad-values",
                        XML,
                        "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                                + "<identifier></identifier><sender>s</sender><sent>yesterday</sent><status>Panic</status>"
                                + "<msgType>Alert</msgType><scope>Public</scope><info><category>Nope</category><urgency>Now!</urgency></info></alert>"));
        b.add(Body.of(
                "xml-2mb",
                XML,
                "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><note>"
                        + "x".repeat(TWO_MB) + "</note></alert>"));
        return b;
    }

    /** Form bodies, including Twilio status callbacks with unknown SIDs, broken fields and 2 MB. */
    static List<Body> form() {
        List<Body> b = new ArrayList<>();
        b.add(Body.of("form-empty", FORM, ""));
        b.add(Body.of("form-bad-encoding", FORM, "a=%%%&b=%zz&%=1"));
        b.add(Body.of(
                "twilio-status-unknown-sid",
                FORM,
                "MessageSid=SM00000000000000000000000000000000&MessageStatus=delivered&To=%2B8613800000000"));
        b.add(Body.of("twilio-status-bad-status", FORM, "MessageSid=SMxx&MessageStatus=exploded&ErrorCode=abc"));
        b.add(Body.of("twilio-status-missing-sid", FORM, "MessageStatus=delivered"));
        b.add(Body.of("twilio-inbound-stop", FORM, "From=%2B8613800000009&Body=STOP&MessageSid=SMyy"));
        b.add(Body.of(
                "form-repeated-keys",
                FORM,
                "roles=admin&roles=admin&roles=boss&enabled=maybe&username=" + "u".repeat(5000)));
        b.add(Body.of("form-2mb", FORM, "Body=" + "x".repeat(TWO_MB)));
        b.add(Body.of("form-empty-pairs", FORM, "=&=&"));
        b.add(Body.of("form-names-only", FORM, "&&=x&Body&To="));
        return b;
    }

    /** Hostile values for a path parameter, already URL-encoded. */
    static List<String> pathValues() {
        return List.of(
                "0",
                "-1",
                "abc",
                "99999999999999999999999",
                "%27%20OR%201%3D1--",
                "..%2F..%2Fetc%2Fpasswd",
                "%00",
                "%E4%B8%AD%E6%96%87",
                "x".repeat(1000));
    }

    /** Hostile values for query parameters, already URL-encoded. */
    static List<String> queryValues() {
        return List.of("-1", "abc", "99999999999999999999999", "1e400", "%00", "%27%20OR%201%3D1--", "x".repeat(500));
    }

    // --- shaped JSON --------------------------------------------------------------------------

    private static boolean isObject(Class<?> c) {
        return !c.isPrimitive()
                && !c.isEnum()
                && !c.getName().startsWith("java.")
                && !c.isArray()
                && !Collection.class.isAssignableFrom(c)
                && !Map.class.isAssignableFrom(c);
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }

    private static Map<String, Type> fields(Class<?> c) {
        Map<String, Type> out = new LinkedHashMap<>();
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                out.put(rc.getName(), rc.getGenericType());
            }
            return out;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    out.putIfAbsent(f.getName(), f.getGenericType());
                }
            }
        }
        return out;
    }

    private static Map<String, Object> plausible(Class<?> c, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Type> f : fields(c).entrySet()) {
            m.put(f.getKey(), plausibleValue(f.getValue(), depth));
        }
        return m;
    }

    private static Object plausibleValue(Type t, int depth) {
        Class<?> c = raw(t);
        if (c == null) {
            return null;
        }
        if (c == String.class) {
            return "sweep";
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (Number.class.isAssignableFrom(c) || c.isPrimitive()) {
            return 1;
        }
        if (c.isEnum()) {
            Object[] cs = c.getEnumConstants();
            return cs.length == 0 ? null : cs[0].toString();
        }
        if (Temporal.class.isAssignableFrom(c)) {
            return c.getSimpleName().equals("LocalDate") ? "2026-12-01" : "2026-12-01T08:00:00Z";
        }
        if (Collection.class.isAssignableFrom(c) || c.isArray()) {
            return List.of();
        }
        if (Map.class.isAssignableFrom(c)) {
            return Map.of();
        }
        if (depth < 3 && isObject(c)) {
            return plausible(c, depth + 1);
        }
        return null;
    }

    private static Map<String, Object> badValues(Type t) {
        Class<?> c = raw(t);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("null", null);
        m.put("object", Map.of("x", 1));
        if (c == String.class) {
            m.put("number", 42);
            m.put("array", List.of("a"));
            m.put("100k", "x".repeat(100_000));
            m.put("control-chars", "a\u0000\u0007\u202e\ud800b");
            m.put("markup", "<script>alert(1)</script>'; drop table x;--");
        } else if (c != null && (Number.class.isAssignableFrom(c) || c.isPrimitive() && c != boolean.class)) {
            m.put("text", "abc");
            m.put("huge", new java.math.BigInteger("9".repeat(40)));
            m.put("negative", -999999999999L);
            m.put("fraction", 1.5);
            m.put("nan", "NaN");
        } else if (c == boolean.class || c == Boolean.class) {
            m.put("text", "maybe");
            m.put("number", 2);
        } else if (c != null && c.isEnum()) {
            m.put("unknown-enum", "NOT_A_VALUE");
            m.put("number", 99);
        } else if (c != null && Temporal.class.isAssignableFrom(c)) {
            m.put("bad-date", "2026-13-45T99:99:99");
            m.put("text", "tomorrow");
            m.put("far-future", "+999999999-12-31T23:59:59Z");
        } else if (c != null && (Collection.class.isAssignableFrom(c) || c.isArray())) {
            m.put("scalar", "x");
            m.put("nested", List.of(List.of(List.of("x"))));
            m.put("nulls", java.util.Arrays.asList(null, null));
            m.put("one-null", java.util.Collections.singletonList(null));
            m.put("big", java.util.Collections.nCopies(100_000, "x"));
        } else if (c != null && Map.class.isAssignableFrom(c)) {
            m.put("scalar", "x");
            m.put("array", List.of(1));
        } else {
            m.put("scalar", "x");
            m.put("array", List.of(1));
        }
        return m;
    }

    private static Map<String, Object> nulls(Map<String, Object> base) {
        Map<String, Object> m = new LinkedHashMap<>();
        base.keySet().forEach(k -> m.put(k, null));
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    static String toJson(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();
}
