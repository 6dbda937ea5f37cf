package dev.tocsin.sms;

import static io.restassured.RestAssured.given;

import dev.tocsin.audience.Consent;
import dev.tocsin.audience.Recipient;
import dev.tocsin.audience.Resident;
import dev.tocsin.sandbox.SandboxService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Residents and sandbox look-ups for the SMS tests; everything goes through the real components. */
final class SmsTestSupport {

    private SmsTestSupport() {}

    /** Differs per JVM, so a persistent test database (MariaDB) never sees the same numbers twice. */
    static final String RUN = String.format("%03d", new java.util.Random().nextInt(1000));

    /** The number prefix of the residents {@link #residents} creates for {@code prefix}. */
    static String run(String prefix) {
        return prefix + RUN;
    }

    /** Creates up to 10,000 residents numbered {@code prefix + RUN + 0000..} and returns them as recipients. */
    static List<Recipient> residents(String prefix, int count, String language) {
        List<Recipient> out = new ArrayList<>(count);
        String base = run(prefix);
        for (int from = 0; from < count; from += 500) {
            int start = from;
            int end = Math.min(count, from + 500);
            out.addAll(QuarkusTransaction.requiringNew().call(() -> {
                List<Recipient> chunk = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = start; i < end; i++) {
                    Resident r = new Resident();
                    r.name = "Resident " + i;
                    r.phone = base + String.format("%04d", i);
                    r.language = language;
                    r.consent = Consent.SUBSCRIBED;
                    r.consentAt = now;
                    r.consentChannel = "import";
                    r.createdAt = now;
                    r.updatedAt = now;
                    r.persist();
                    chunk.add(new Recipient(r.id, r.phone, r.language));
                }
                return chunk;
            }));
        }
        return out;
    }

    static String sandboxAuth() {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN)
                                .getBytes());
    }

    static SandboxService.Stats sandboxStats(String prefix) {
        return given().header("Authorization", sandboxAuth())
                .queryParam("to-prefix", prefix)
                .when()
                .get("/sandbox/twilio/stats")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .as(SandboxService.Stats.class);
    }

    static Map<String, Long> statesOf(long dispatchId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> m = new java.util.TreeMap<>();
            SmsDelivery.<SmsDelivery>list("dispatchId", dispatchId).forEach(d -> m.merge(d.state.id(), 1L, Long::sum));
            return m;
        });
    }

    static List<SmsDelivery> deliveries(long dispatchId) {
        return QuarkusTransaction.requiringNew().call(() -> SmsDelivery.<SmsDelivery>list("dispatchId", dispatchId));
    }

    static List<SmsAttempt> attempts(long deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> SmsAttempt.<SmsAttempt>list("deliveryId", deliveryId));
    }
}
