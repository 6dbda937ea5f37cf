package dev.tocsin.audience;

import static io.restassured.RestAssured.given;

import dev.tocsin.audience.AreaViews.NewArea;
import dev.tocsin.audience.ResidentViews.ResidentInput;
import dev.tocsin.audience.ResidentViews.ResidentView;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Builds test data through the real services. Every code, name and phone carries a random run
 * id, so tests never collide with each other or with earlier runs on a persistent MariaDB.
 */
@ApplicationScoped
public class AudienceFixtures {

    public static final String PASSWORD = "audience-test-password";
    public static final String OPERATOR = "operator-aud";
    public static final String APPROVER = "approver-aud";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StaffService staff;
    private final AreaService areas;
    private final ResidentService residents;

    AudienceFixtures(StaffService staff, AreaService areas, ResidentService residents) {
        this.staff = staff;
        this.areas = areas;
        this.residents = residents;
    }

    public static RequestSpecification operator() {
        return given().auth().preemptive().basic(OPERATOR, PASSWORD);
    }

    public static RequestSpecification approver() {
        return given().auth().preemptive().basic(APPROVER, PASSWORD);
    }

    public void ensureUsers() {
        if (staff.find(OPERATOR).isEmpty()) {
            staff.create("test", OPERATOR, PASSWORD, Set.of(Role.OPERATOR), "Operator");
        }
        if (staff.find(APPROVER).isEmpty()) {
            staff.create("test", APPROVER, PASSWORD, Set.of(Role.APPROVER), "Approver");
        }
    }

    /** A fresh run id: letters only, so it fits free codes and names. */
    public static String run() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append((char) ('A' + RANDOM.nextInt(26)));
        }
        return sb.toString();
    }

    /** A random Chinese mobile number in E.164. */
    public static String phone() {
        return "+86139" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    public String area(String code, String name, AreaKind kind, String parentCode) {
        return areas.create("test", new NewArea(code, name, kind, parentCode, null, null, null))
                .code();
    }

    public ResidentView resident(
            String phone, List<String> areaCodes, List<String> tags, String language, boolean test) {
        return residents.create(
                "test",
                new ResidentInput(
                        "Test " + phone.substring(phone.length() - 4), phone, language, areaCodes, tags, test, null));
    }

    public long terminal(String areaCode, boolean enabled, boolean test) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Terminal t = new Terminal();
            t.code = "T-" + run() + RANDOM.nextInt(1000);
            t.name = "Loudspeaker " + t.code;
            t.areaId = Area.findByCode(areaCode).orElseThrow().id;
            t.zone = "Asia/Shanghai";
            t.volumePreset = 80;
            t.enabled = enabled;
            t.testTerminal = test;
            t.createdAt = Instant.now();
            t.persist();
            return t.id;
        });
    }
}
