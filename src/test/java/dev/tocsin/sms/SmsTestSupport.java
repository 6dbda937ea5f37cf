package dev.tocsin.sms;

import static io.restassured.RestAssured.given;

import dev.tocsin.audience.Consent;
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

    private SmsTestSupport() {
    }

    /** Creates {@code count} residents with numbers {@code prefix + 0..count-1} (padded) and returns them as recipients. */
    static List<Recipient> residents(String prefix, int count, String language) {
        List<Recipient> out = new ArrayList<>(count);
        int width = 14 - prefix.length() + 1;
        for (int from = 0; from < count; from += 500) {
            int start = from;
            int end = Math.min(count, from + 500);
            out.addAll(QuarkusTransaction.requiringNew().call(() -> {
                List<Recipient> chunk = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = start; i < end; i++) {
                    Resident r = new Resident();
                    r.name = "Resident " + i;
                    r.phone = prefix + String.format("%0" + width + "d", i);
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
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TwilioAccount.SANDBOX_ACCOUNT_SID + ":" + TwilioAccount.SANDBOX_AUTH_TOKEN).getBytes());
    }

    static SandboxService.Stats sandboxStats(String prefix) {
        return given().header("Authorization", sandboxAuth()).queryParam("to-prefix", prefix)
                .when().get("/sandbox/twilio/stats")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(SandboxService.Stats.class);
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
