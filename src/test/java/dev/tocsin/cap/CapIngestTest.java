package dev.tocsin.cap;

import static dev.tocsin.testing.Staff.admin;
import static dev.tocsin.testing.Staff.adminBasicCredentials;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.tocsin.platform.AdjustableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** POST /api/cap/ingest: hardening, signatures, duplicates, references and real-world samples. */
@QuarkusTest
class CapIngestTest {

    @Inject
    Clock clock;

    @Inject
    AdjustableClock adjustable;

    @AfterEach
    void resetClock() {
        adjustable.reset();
    }

    private void at(String instant) {
        adjustable.reset();
        adjustable.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    private static ValidatableResponse post(String xml) {
        return post(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse post(byte[] xml) {
        return admin().contentType("application/cap+xml")
                .body(xml)
                .post("/api/cap/ingest")
                .then();
    }

    private static long received() {
        return QuarkusTransaction.requiringNew().call(() -> CapReceived.count());
    }

    private String alert() {
        return CapSamples.coldWave(
                CapSamples.SENDER,
                CapSamples.id(),
                clock.instant(),
                "000000000000",
                CapSamples.polygon(28.6, 112.3, 0.5, 200));
    }

    @Test
    void aValidAlertIsStoredVerbatimOnceAndTheSecondPostIsAnIdempotent200() {
        String xml = alert();
        long id = post(xml)
                .statusCode(201)
                .body("duplicate", equalTo(false))
                .body("msgType", equalTo("Alert"))
                .body("signature", equalTo("unsigned"))
                .body("sender", equalTo(CapSamples.SENDER))
                .extract()
                .jsonPath()
                .getLong("id");
        post(xml).statusCode(200).body("duplicate", equalTo(true)).body("id", equalTo((int) id));
        String stored = admin().get("/api/cap/received/" + id + "/xml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(stored).isEqualTo(xml);
        given().contentType("application/cap+xml")
                .body(xml)
                .post("/api/cap/ingest")
                .then()
                .statusCode(401);
    }

    @Test
    void notXmlWrongNamespaceSchemaInvalidAndBillionLaughsAreRefusedPreciselyAndNothingIsStored() {
        long before = received();
        post("this is not XML")
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("type", equalTo("urn:tocsin:cap:not-xml"))
                .body("field", equalTo("document"));
        post("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.1\"><identifier>x</identifier></alert>")
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:namespace"))
                .body("detail", containsString("cap:1.1"));
        String noSender = alert().replaceFirst("<sender>[^<]*</sender>", "");
        post(noSender)
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:schema"))
                .body("detail", containsString("line"));
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol4;</identifier></alert>""";
        post(laughs).statusCode(400).body("type", equalTo("urn:tocsin:cap:doctype"));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>""";
        post(xxe).statusCode(400).body("type", equalTo("urn:tocsin:cap:doctype"));
        // The collected "invalid" Seychelles sample is the XSD itself: not an alert at all.
        post(CapSamples.resource("sc-invalid-schema.xml"))
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:namespace"));
        post(CapSamples.resource("tg-invalid-schema.xml"))
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:schema"));
        post(new byte[0]).statusCode(400);
        assertThat(received()).isEqualTo(before);
    }

    @Test
    void oversizedDocumentsAre413BothAnnouncedAndStreamed() throws Exception {
        // 3 MB: over the CAP limit (2 MB), read and refused by the ingest endpoint.
        byte[] three = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(three, (byte) ' ');
        post(three)
                .statusCode(413)
                .contentType(containsString("problem+json"))
                .body("type", equalTo("urn:tocsin:cap:too-large"));
        // 50 MB, streamed: refused from its Content-Length before the body is read.
        assertThat(fiftyMegabytes()).isEqualTo(413);
    }

    private static int fiftyMegabytes() throws java.io.IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net
                .URI
                .create("http://localhost:" + io.restassured.RestAssured.port + "/api/cap/ingest")
                .toURL()
                .openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/cap+xml");
        c.setRequestProperty(
                "Authorization",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(adminBasicCredentials().getBytes(StandardCharsets.UTF_8)));
        long size = 50L * 1024 * 1024;
        c.setFixedLengthStreamingMode(size);
        byte[] chunk = new byte[64 * 1024];
        try (java.io.OutputStream out = c.getOutputStream()) {
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (java.io.IOException e) {
            // The server answers and closes before the body is sent: expected.
        }
        return c.getResponseCode();
    }

    @Test
    void anExpiredAlertIsRefused() {
        String old = CapSamples.coldWave(
                CapSamples.SENDER, CapSamples.id(), clock.instant().minus(Duration.ofDays(3)), "000000000000", null);
        post(old).statusCode(422).body("type", equalTo("urn:tocsin:cap:expired"));
    }

    @Test
    void anUpdateOrCancelOfAnUnknownAlertIsRefusedAndOfAKnownOneIsLinked() {
        Instant now = clock.instant();
        String cancelUnknown = CapSamples.cancel(
                CapSamples.SENDER,
                CapSamples.id(),
                now,
                CapSamples.SENDER + ",never-received," + CapSamples.time(now.minusSeconds(600)));
        post(cancelUnknown)
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:unknown-reference"))
                .body("detail", containsString("never-received"));
        String identifier = CapSamples.id();
        Instant sent = now.minusSeconds(60);
        long original = post(CapSamples.coldWave(CapSamples.SENDER, identifier, sent, "000000000000", null))
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        String cancel = CapSamples.cancel(
                CapSamples.SENDER,
                CapSamples.id(),
                now,
                CapSamples.SENDER + "," + identifier + "," + CapSamples.time(sent));
        post(cancel).statusCode(201).body("msgType", equalTo("Cancel")).body("referencedIds[0]", equalTo((int)
                original));
    }

    @Test
    void signedAlertsVerifyTamperedOrUntrustedOnesAreRefusedAndAStrictSourceNeedsASignature() throws Exception {
        String signed = TestSigner.sign(alert(), TestSigner.TRUSTED);
        post(signed).statusCode(201).body("signature", startsWith("verified: CN=Tocsin test-signer"));

        String tampered = TestSigner.sign(alert(), TestSigner.TRUSTED)
                .replace("<severity>Severe</severity>", "<severity>Extreme</severity>");
        post(tampered)
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:signature"))
                .body("detail", containsString("changed after signing"));

        post(TestSigner.sign(alert(), TestSigner.UNTRUSTED))
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:signature"))
                .body("detail", containsString("not trusted"));

        String strictSender = "https://strict.example/cap";
        String unsigned = CapSamples.coldWave(strictSender, CapSamples.id(), clock.instant(), "000000000000", null);
        post(unsigned).statusCode(422).body("type", equalTo("urn:tocsin:cap:unsigned"));
        post(TestSigner.sign(unsigned, TestSigner.TRUSTED)).statusCode(201).body("source", equalTo("strict"));
    }

    @Test
    void realNationalWeatherServiceAlertsAreAcceptedAtTheirTimeAndResignedOnesVerify() throws Exception {
        // The samples were issued in May-July 2024: move the clock to each one's time so it is current.
        at("2024-05-19T14:00:00Z");
        // Their own signatures do not verify (the files were re-indented after signing): refused as such.
        post(CapSamples.resource("sc-valid.xml")).statusCode(422).body("type", equalTo("urn:tocsin:cap:signature"));
        post(TestSigner.unsigned(CapSamples.resource("sc-valid.xml")))
                .statusCode(201)
                .body("signature", equalTo("unsigned"))
                .body("sender", equalTo("info@meteo.gov.sc"));
        at("2024-06-06T16:00:00Z");
        post(TestSigner.unsigned(CapSamples.resource("tg-valid.xml")))
                .statusCode(201)
                .body("signature", equalTo("unsigned"));
        at("2024-07-02T21:00:00Z");
        // Burkina Faso: ~880 kB, a country-wide polygon, re-signed by a trusted key.
        String bf = TestSigner.sign(TestSigner.unsigned(CapSamples.resource("bf-valid.xml")), TestSigner.TRUSTED);
        assertThat(bf.length()).isGreaterThan(800_000);
        post(bf).statusCode(201)
                .body("signature", startsWith("verified"))
                .body("event", equalTo("Thunderstorms/Squall lines"));
        post(CapSamples.resource("bf-invalid-schema.xml"))
                .statusCode(422)
                .body("type", equalTo("urn:tocsin:cap:schema"));
    }
}
