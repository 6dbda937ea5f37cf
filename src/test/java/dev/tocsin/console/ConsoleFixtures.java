package dev.tocsin.console;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.Consent;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Resident;
import dev.tocsin.loudspeaker.Terminal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;

/**
 * A small district for console tests (codes start with 9009 so they stay apart from other
 * tests): one town with two villages, three residents (one opted out) and two terminals.
 */
final class ConsoleFixtures {

    static final String TOWN = "900900000001";
    static final String VILLAGE_A = "900900000011";
    static final String VILLAGE_B = "900900000012";

    private ConsoleFixtures() {}

    static void ensureDistrict(OptOutService optOut) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (Area.findByCode(TOWN).isPresent()) {
                return;
            }
            Instant now = Instant.parse("2026-01-10T08:00:00Z");
            Area town = area(TOWN, "茈湖口镇 (test)", AreaKind.TOWN, null, now);
            Area a = area(VILLAGE_A, "周家村 (test)", AreaKind.VILLAGE, town, now);
            Area b = area(VILLAGE_B, "李家村 (test)", AreaKind.VILLAGE, town, now);
            resident("+8613900900001", a, now);
            resident("+8613900900002", a, now);
            resident("+8613900900003", b, now);
            terminal("T-9009-A", a, now);
            terminal("T-9009-B", b, now);
        });
        QuarkusTransaction.requiringNew().run(() -> optOut.optOut("+8613900900003", "console", "test"));
    }

    /**
     * A village of its own (no parent) for tests that add residents or terminals, so the
     * district's exact counts stay as they are when the database is shared between runs.
     */
    static String ownVillage() {
        String code = String.format("9010%08d", System.nanoTime() % 100_000_000L);
        QuarkusTransaction.requiringNew()
                .run(() -> area(code, "独立村 (test)", AreaKind.VILLAGE, null, Instant.parse("2026-01-10T08:00:00Z")));
        return code;
    }

    static Area area(String code, String name, AreaKind kind, Area parent, Instant now) {
        Area a = new Area();
        a.code = code;
        a.name = name;
        a.kind = kind;
        a.createdAt = now;
        a.path = "/";
        a.persist();
        a.placeUnder(parent);
        return a;
    }

    static void resident(String phone, Area area, Instant now) {
        Resident r = new Resident();
        r.phone = phone;
        r.language = "zh-CN";
        r.consent = Consent.SUBSCRIBED;
        r.consentAt = now;
        r.consentChannel = "import";
        r.createdAt = now;
        r.updatedAt = now;
        r.areaIds.add(area.id);
        r.persist();
    }

    static void terminal(String code, Area area, Instant now) {
        Terminal t = new Terminal();
        t.code = code;
        t.name = code;
        t.areaId = area.id;
        t.zone = "Asia/Shanghai";
        t.volumePreset = 5;
        t.enabled = true;
        t.createdAt = now;
        t.persist();
    }
}
