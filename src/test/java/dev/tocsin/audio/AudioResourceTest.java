package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.tocsin.audio.codec.Mp3Decoding;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.TruePeak;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class AudioResourceTest {

    private static final String ENGLISH = "Freezing rain is expected tonight. Stay at home unless you must go out.";

    @Inject
    MeterRegistry registry;

    private static RequestSpecification staff() {
        return admin();
    }

    private static JsonPath preview(Map<String, Object> body) {
        return staff().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/audio/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/api/audio/"));
    }

    @Test
    void previewRendersMasteredMp3AndWavThatDecodeToTheTargetLoudness() throws Exception {
        JsonPath p = preview(Map.of("script", ENGLISH, "profile", "en", "severity", "routine"));
        assertThat(p.getString("key")).matches("[0-9a-f]{64}");
        assertThat(p.getString("engine")).startsWith("freetts");
        assertThat(p.getInt("sampleRate")).isEqualTo(16000);
        assertThat(p.getDouble("integratedLufs")).isCloseTo(-16, within(1.0));
        assertThat(p.getDouble("truePeakDbtp")).isLessThanOrEqualTo(-1.0);

        byte[] mp3 = given().get(path(p.getString("mp3Url")))
                .then()
                .statusCode(200)
                .contentType("audio/mpeg")
                .header("Content-Length", String.valueOf(p.getLong("mp3Bytes")))
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", startsWith("\""))
                .extract()
                .asByteArray();
        Pcm decoded = Mp3Decoding.decode(mp3);
        assertThat(decoded.sampleRate()).isEqualTo(16000);
        assertThat(decoded.durationSeconds()).isCloseTo(p.getDouble("durationSeconds"), within(0.15));
        assertThat(LoudnessMeter.integrated(decoded)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(decoded)).isLessThanOrEqualTo(-1.0);

        byte[] wavBytes = given().get(path(p.getString("wavUrl")))
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .extract()
                .asByteArray();
        assertThat((long) wavBytes.length).isEqualTo(p.getLong("wavBytes"));
        Pcm wav = Wav.read(wavBytes);
        assertThat(wav.durationSeconds()).isCloseTo(p.getDouble("durationSeconds"), within(0.001));
        assertThat(LoudnessMeter.integrated(wav)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(wav)).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void sameInputIsServedFromTheStoreUnderTheSameKey() {
        Map<String, Object> body =
                Map.of("script", "Open a window when you heat with charcoal.", "profile", "en", "severity", "routine");
        JsonPath first = preview(body);
        JsonPath second = preview(body);
        assertThat(second.getString("key")).isEqualTo(first.getString("key"));
        assertThat(second.getBoolean("cached")).isTrue();
        JsonPath urgent = preview(
                Map.of("script", "Open a window when you heat with charcoal.", "profile", "en", "severity", "urgent"));
        assertThat(urgent.getString("key")).isNotEqualTo(first.getString("key"));
        assertThat(urgent.getDouble("durationSeconds")).isGreaterThan(first.getDouble("durationSeconds") + 3);
    }

    @Test
    void rangeRequestsResumeDownloadsAndSeek() {
        JsonPath p = preview(Map.of(
                "script", "Snow may break weak canopies. Clear them early.", "profile", "en", "severity", "routine"));
        String url = path(p.getString("mp3Url"));
        long size = p.getLong("mp3Bytes");
        byte[] full = given().get(url).asByteArray();

        Response part = given().header("Range", "bytes=100-60199").get(url);
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-60199/" + size);
        assertThat(part.header("Content-Length")).isEqualTo("60100");
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(full, 100, 60200));

        byte[] tail = given().header("Range", "bytes=-500")
                .get(url)
                .then()
                .statusCode(206)
                .extract()
                .asByteArray();
        assertThat(tail).isEqualTo(Arrays.copyOfRange(full, full.length - 500, full.length));
        byte[] open = given().header("Range", "bytes=" + (size - 10) + "-")
                .get(url)
                .then()
                .statusCode(206)
                .extract()
                .asByteArray();
        assertThat(open).hasSize(10);

        given().header("Range", "bytes=" + size + "-")
                .get(url)
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + size)
                .contentType("application/problem+json")
                .body("field", org.hamcrest.Matchers.equalTo("Range"));
        String etag = given().get(url).header("ETag");
        given().header("If-None-Match", etag).get(url).then().statusCode(304);
    }

    @Test
    void audioFilesArePublicButPreviewNeedsStaff() {
        given().contentType(ContentType.JSON)
                .body(Map.of("script", ENGLISH, "profile", "en", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(401);
        given().get("/api/audio/" + "0".repeat(64) + ".mp3")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/audio/not-a-key.mp3").then().statusCode(404);
    }

    @Test
    void badInputIsRejectedWithTheFieldNamed() {
        staff().contentType(ContentType.JSON)
                .body(Map.of("script", "  ", "profile", "en", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("script"));
        staff().contentType(ContentType.JSON)
                .body(Map.of("script", "x".repeat(20_000), "profile", "en", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("script"))
                .body("detail", org.hamcrest.Matchers.containsString("limit is 2000"));
        staff().contentType(ContentType.JSON)
                .body(Map.of("script", ENGLISH, "profile", "klingon", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("profile"));
        staff().contentType(ContentType.JSON)
                .body(Map.of("script", ENGLISH, "profile", "en", "severity", "apocalyptic"))
                .post("/api/audio/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("severity"));
        staff().contentType(ContentType.JSON)
                .body(Map.of("script", ENGLISH, "profile", "en", "severity", "routine", "programme", "missing"))
                .post("/api/audio/preview")
                .then()
                .statusCode(400)
                .body("field", equalTo("programme"));
    }

    @Test
    void unspeakableCharactersAreSkippedNotFatal() {
        JsonPath p = preview(
                Map.of("script", "Stay warm ☃ 😀 and check on neighbours. ✓", "profile", "en", "severity", "routine"));
        assertThat(p.getDouble("durationSeconds")).isGreaterThan(5);
    }

    @Test
    void engineListingShowsEnginesAndProfiles() {
        staff().get("/api/audio/engines")
                .then()
                .statusCode(200)
                .body("engines.id", hasItem("freetts"))
                .body("engines.find { it.id == 'freetts' }.available", equalTo(true))
                .body("profiles.id", hasItem("xiang-yiyang"))
                .body("profiles.find { it.id == 'en' }.engine", equalTo("freetts"));
    }

    @Test
    void concurrentRequestsForOneKeyRenderOnce() throws Exception {
        double before = registry.counter("tocsin.audio.renders").count();
        Map<String, Object> body = Map.of(
                "script",
                "Fireworks are banned in the market square this year.",
                "profile",
                "en",
                "severity",
                "urgent");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                keys.add(pool.submit(() -> preview(body).getString("key")));
            }
            String first = keys.get(0).get();
            for (Future<String> k : keys) {
                assertThat(k.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.counter("tocsin.audio.renders").count() - before).isEqualTo(1.0);
    }

    @Test
    void dialectProfileRendersWithEspeakAndThePhraseBank() throws Exception {
        JsonPath p = preview(Map.of(
                "script",
                "各位父老乡亲，今晚有冻雨，路面结冰。冇事尽量少出门。",
                "profile",
                "xiang-yiyang",
                "severity",
                "urgent",
                "keyInstruction",
                "冇事尽量少出门"));
        assertThat(p.getString("engine")).startsWith("eSpeak NG");
        Pcm decoded =
                Mp3Decoding.decode(given().get(path(p.getString("mp3Url"))).asByteArray());
        assertThat(decoded.durationSeconds()).isGreaterThan(15);
        assertThat(LoudnessMeter.integrated(decoded)).isCloseTo(-16, within(1.0));
        assertThat(TruePeak.dbtp(decoded)).isLessThanOrEqualTo(-1.0);
    }

    @Test
    void previewSaysHowMuchWasRecordedAndWhatToRecordNext() {
        Map<String, Object> body =
                Map.of("script", "1月20日最低气温零下3℃，请拨打119。", "profile", "xiang-yiyang", "severity", "routine");
        JsonPath p = preview(body);
        // The opening is recorded, the date, temperature and phone number come from the demo
        // bank's slots; the engine says the words between them and the closing.
        assertThat(p.getList("synthesized", String.class)).containsExactly("最低气温", "请拨打", "以上广播，请大家相互转告");
        assertThat(p.getDouble("recordedShare")).isBetween(0.3, 0.9);
        JsonPath again = preview(body);
        assertThat(again.getBoolean("cached")).isTrue();
        assertThat(again.getDouble("recordedShare")).isEqualTo(p.getDouble("recordedShare"));
        assertThat(again.getList("synthesized", String.class)).isEqualTo(p.getList("synthesized", String.class));
    }
}
