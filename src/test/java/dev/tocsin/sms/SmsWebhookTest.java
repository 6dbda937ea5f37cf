package dev.tocsin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.alert.Urgency;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Recipient;
import dev.tocsin.testing.TwilioWebhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmsWebhookTest {

    @Inject
    TwilioAccount account;

    @Inject
    SmsDispatchService dispatcher;

    @Inject
    OptOutService optOut;

    static String sdkSignature(String token, String url, Map<String, String> params) {
        return TwilioWebhooks.signature(token, url, params);
    }

    private io.restassured.response.Response post(String path, Map<String, String> params, String signature) {
        return TwilioWebhooks.post(path, params, signature);
    }

    /** Read in a fresh transaction: the test thread's request-scoped session would cache the first answer. */
    private boolean suppressed(String phone) {
        return QuarkusTransaction.requiringNew().call(() -> optOut.isSuppressed(phone));
    }

    private static long eventsFor(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> StatusEvent.count("key.sid", sid));
    }

    @Test
    void statusSignedLikeTheSdkIsAcceptedAndAForgedOneIsRefusedWithNothingRecorded() throws Exception {
        String sid = "SM" + "a".repeat(32);
        Map<String, String> params = new LinkedHashMap<>(Map.of(
                "MessageSid",
                sid,
                "MessageStatus",
                "delivered",
                "AccountSid",
                account.accountSid(),
                "To",
                "+8613800000000"));
        String url = account.callbackUrl(TwilioAccount.STATUS_PATH);

        post(TwilioAccount.STATUS_PATH, params, sdkSignature("not-the-token", url, params))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        post(TwilioAccount.STATUS_PATH, params, null).then().statusCode(403);
        assertThat(eventsFor(sid)).as("forged callbacks leave no trace").isZero();

        String good = sdkSignature(account.authToken(), url, params);
        post(TwilioAccount.STATUS_PATH, params, good).then().statusCode(204);
        post(TwilioAccount.STATUS_PATH, params, good).then().statusCode(204);
        assertThat(eventsFor(sid))
                .as("unknown SID kept once as an orphan receipt")
                .isEqualTo(1);

        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("MessageStatus", "failed");
        post(TwilioAccount.STATUS_PATH, tampered, good).then().statusCode(403);
    }

    @Test
    void malformedStatusWithAValidSignatureIsABadRequestNamingTheField() throws Exception {
        Map<String, String> params = Map.of("MessageSid", "not-a-sid", "MessageStatus", "delivered");
        String sig = sdkSignature(account.authToken(), account.callbackUrl(TwilioAccount.STATUS_PATH), params);
        post(TwilioAccount.STATUS_PATH, params, sig).then().statusCode(400).body("field", equalTo("MessageSid"));
    }

    @Test
    void aLateSentReceiptNeverOverwritesDelivered() throws Exception {
        List<Recipient> one = SmsTestSupport.residents("+8613504", 1, "zh-CN");
        long dispatchId = dispatcher
                .dispatch(
                        SmsDispatchRequest.of(
                                null, "Snow load on canopies: clear them today.", Urgency.URGENT, "operator"),
                        one.stream())
                .dispatchId();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> SmsTestSupport.deliveries(dispatchId).get(0).state == DeliveryState.DELIVERED);
        String sid = SmsTestSupport.deliveries(dispatchId).get(0).twilioSid;

        for (String late : List.of("sent", "undelivered")) {
            Map<String, String> params = Map.of("MessageSid", sid, "MessageStatus", late);
            post(
                            TwilioAccount.STATUS_PATH,
                            params,
                            sdkSignature(account.authToken(), account.callbackUrl(TwilioAccount.STATUS_PATH), params))
                    .then()
                    .statusCode(204);
        }
        assertThat(SmsTestSupport.deliveries(dispatchId).get(0).state).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void residentTextingStopIsOptedOutAndStartOptsBackIn() throws Exception {
        String phone = "+8613505000001";
        String url = account.callbackUrl(TwilioAccount.INBOUND_PATH);
        Map<String, String> stop = Map.of("From", phone, "To", TwilioAccount.SANDBOX_FROM_NUMBER, "Body", "退订");
        post(TwilioAccount.INBOUND_PATH, stop, sdkSignature(account.authToken(), url, stop))
                .then()
                .statusCode(200)
                .contentType(containsString("xml"))
                .body(containsString("<Response><Message><Body>您已退订"))
                .body(containsString("紧急预警也不再发送"), org.hamcrest.Matchers.not(containsString("仍会发送")));
        assertThat(suppressed(phone)).isTrue();

        Map<String, String> start = Map.of("From", phone, "To", TwilioAccount.SANDBOX_FROM_NUMBER, "Body", "start");
        post(TwilioAccount.INBOUND_PATH, start, sdkSignature(account.authToken(), url, start))
                .then()
                .statusCode(200)
                .body(containsString("subscribed to notices again"));
        assertThat(suppressed(phone)).isFalse();

        Map<String, String> forged = Map.of("From", phone, "Body", "STOP");
        post(TwilioAccount.INBOUND_PATH, forged, "bm90IGEgc2lnbmF0dXJl").then().statusCode(403);
        assertThat(suppressed(phone)).isFalse();
    }

    @Test
    void stopConfirmationSaysWhetherUrgentWarningsStillArrive() {
        assertThat(InboundService.stopConfirmation(true, false))
                .contains("紧急预警也不再发送")
                .doesNotContain("仍会发送");
        assertThat(InboundService.stopConfirmation(false, false)).contains("urgent warnings included");
        assertThat(InboundService.stopConfirmation(true, true)).contains("紧急预警仍会发送");
        assertThat(InboundService.stopConfirmation(false, true)).contains("urgent warnings are still sent");
    }
}
