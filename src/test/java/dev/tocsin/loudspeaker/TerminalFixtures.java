package dev.tocsin.loudspeaker;

import static dev.tocsin.testing.Staff.admin;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Areas, registered terminals and rendered audio for the terminal tests, made through the real API. */
final class TerminalFixtures {

    private static String audioKey;

    private TerminalFixtures() {}

    /** A district with two villages; returns codes {district, villageA, villageB}. */
    static String[] areas(Clock clock) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            Area d = area("D" + tag, "District " + tag, AreaKind.DISTRICT, null, clock);
            Area a = area("A" + tag, "Village A " + tag, AreaKind.VILLAGE, d, clock);
            Area b = area("B" + tag, "Village B " + tag, AreaKind.VILLAGE, d, clock);
            return new String[] {d.code, a.code, b.code};
        });
    }

    private static Area area(String code, String name, AreaKind kind, Area parent, Clock clock) {
        Area a = new Area();
        a.code = code;
        a.name = name;
        a.kind = kind;
        a.path = "/";
        a.createdAt = clock.instant();
        a.persist();
        a.placeUnder(parent);
        return a;
    }

    /** Registers a terminal through POST /api/terminals; returns its one-time token. */
    static String register(String code, String area) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", "Horn " + code);
        body.put("area", area);
        body.put("model", "IP-BOX 2");
        body.put("zone", "Asia/Shanghai");
        body.put("volumePreset", 80);
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/api/terminals")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    static Long terminalId(String code) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Terminal.findByCode(code).orElseThrow().id);
    }

    /** A real rendered programme (FreeTTS), rendered once per run. */
    static synchronized String audioKey() {
        if (audioKey == null) {
            audioKey = admin().contentType(ContentType.JSON)
                    .body(Map.of(
                            "script",
                            "Road works at the bridge tomorrow morning.",
                            "profile",
                            "en",
                            "severity",
                            "routine"))
                    .post("/api/audio/preview")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("key");
        }
        return audioKey;
    }

    static String code(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
