package dev.tocsin.broadcast;

import static dev.tocsin.broadcast.BroadcastFixtures.APPROVER;
import static dev.tocsin.broadcast.BroadcastFixtures.OPERATOR;
import static dev.tocsin.broadcast.BroadcastFixtures.as;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audience.AudienceFixtures;
import dev.tocsin.loudspeaker.Play;
import dev.tocsin.loudspeaker.PlayState;
import dev.tocsin.sms.DeliveryState;
import dev.tocsin.sms.SmsDelivery;
import dev.tocsin.sms.SmsDispatch;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A district of villages with residents and terminals, and the broadcast steps the lifecycle tests share. */
@ApplicationScoped
public class LifecycleScenario {

    private final AudienceFixtures audience;
    private final BroadcastFixtures staff;

    LifecycleScenario(AudienceFixtures audience, BroadcastFixtures staff) {
        this.audience = audience;
        this.staff = staff;
    }

    /** Villages of one town: their codes, the residents' phones and the terminals' ids. */
    public record District(List<String> areas, List<String> phones, List<Long> terminals) {}

    public District villages(int villages, int residentsEach, String language) {
        staff.ensureUsers();
        String run = AudienceFixtures.run();
        String prefix = "+86136" + String.format("%04d", new java.util.Random().nextInt(10_000));
        String town = audience.area("LT" + run, "Lifecycle town " + run, AreaKind.TOWN, null);
        List<String> codes = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<Long> terminals = new ArrayList<>();
        int n = 0;
        for (int v = 0; v < villages; v++) {
            String code = audience.area("LV" + v + run, "Lifecycle village " + v + run, AreaKind.VILLAGE, town);
            codes.add(code);
            for (int i = 0; i < residentsEach; i++) {
                String phone = prefix + String.format("%04d", n++);
                audience.resident(phone, List.of(code), List.of(), language, false);
                phones.add(phone);
            }
            terminals.add(audience.terminal(code, true, false));
        }
        return new District(codes, phones, terminals);
    }

    public void resident(String phone, String area, String language) {
        audience.resident(phone, List.of(area), List.of(), language, false);
    }

    /** A cold-wave notice in {@code language} on {@code channels} ("sms", "loudspeaker"). */
    public static String coldWave(List<String> areas, List<String> channels, String schedule, String language) {
        return coldWave(areas, channels, schedule, language, null);
    }

    /** The same spoken in {@code dialect} (a voice profile id such as xiang-yiyang), null for the language's own. */
    public static String coldWave(
            List<String> areas, List<String> channels, String schedule, String language, String dialect) {
        return """
                {"templateId":"cold-wave","language":"%s",%s"channels":%s,"priority":"routine","status":"actual",
                 "variables":{"area":"Xinqiao","period":{"from":"2027-01-20","to":"2027-01-25"},"lowTemperature":-3},
                 "audience":{"areaCodes":%s},"schedule":%s}""".formatted(
                        language,
                        dialect == null ? "" : "\"dialect\":\"" + dialect + "\",",
                        quoted(channels),
                        quoted(areas),
                        schedule);
    }

    static String quoted(List<String> values) {
        return values.stream().map(a -> "\"" + a + "\"").toList().toString();
    }

    public static long create(String body) {
        return as(OPERATOR)
                .body(body)
                .post("/api/broadcasts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("broadcast.id");
    }

    public static long submitted(String body) {
        long id = create(body);
        as(OPERATOR)
                .post("/api/broadcasts/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("pending_approval"));
        return id;
    }

    public static void approve(long id) {
        as(APPROVER)
                .post("/api/broadcasts/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("broadcast.status", equalTo("approved"));
    }

    public static String status(long id) {
        return as(OPERATOR)
                .get("/api/broadcasts/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("broadcast.status");
    }

    public static List<Occurrence> occurrences(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Occurrence.<Occurrence>list("broadcastId = ?1 order by dueAt, id", id));
    }

    public static Map<DeliveryState, Long> smsStates(String ref) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<DeliveryState, Long> m = new EnumMap<>(DeliveryState.class);
            SmsDispatch.findByExternalRef(ref)
                    .ifPresent(d -> SmsDelivery.<SmsDelivery>list("dispatchId", d.id)
                            .forEach(x -> m.merge(x.state, 1L, Long::sum)));
            return m;
        });
    }

    public static Map<PlayState, Long> playStates(String ref) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<PlayState, Long> m = new EnumMap<>(PlayState.class);
            Play.<Play>list("occurrenceRef", ref).forEach(p -> m.merge(p.state, 1L, Long::sum));
            return m;
        });
    }
}
