package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No Chinese engine at all (system espeak-ng absent, bundled one disabled): profiles say so up front. */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
@TestProfile(AudioEngineUnavailableTest.NoEspeak.class)
class AudioEngineUnavailableTest {

    public static class NoEspeak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tocsin.audio.espeak.command",
                    "/nonexistent/espeak-ng",
                    "tocsin.audio.espeak-wasm.enabled",
                    "false");
        }
    }

    @Test
    void dialectProfileIsListedUnavailableAndPreviewAnswers503() {
        admin().get("/api/audio/engines")
                .then()
                .statusCode(200)
                .body("engines.find { it.id == 'espeak-ng' }.available", equalTo(false))
                .body("profiles.find { it.id == 'xiang-yiyang' }.available", equalTo(false))
                .body("profiles.find { it.id == 'xiang-yiyang' }.detail", containsString("engine unavailable"))
                .body("profiles.find { it.id == 'en' }.available", equalTo(true));
        admin().contentType(ContentType.JSON)
                .body(Map.of("script", "冇事尽量少出门", "profile", "xiang-yiyang", "severity", "routine"))
                .post("/api/audio/preview")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("engine unavailable"))
                .body("detail", containsString("not installed"));
    }
}
