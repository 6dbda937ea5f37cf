package dev.tocsin.audio;

import static dev.tocsin.testing.Staff.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.TruePeak;
import dev.tocsin.audio.speech.SpeechMeasures;
import dev.tocsin.testing.Ffmpeg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chinese loudspeaker audio from the JDK alone: both Chinese profiles are spoken by the bundled
 * engine, every notice template renders in both, without clicks, and the mastered audio meets
 * the loudness target by our meter and by ffmpeg's (where installed, as in CI). CI runs this class once more with espeak-ng hidden from the PATH
 * and {@code TOCSIN_EXPECT_NO_ESPEAK=1}, so "only a JDK" is checked, not assumed.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class ChineseVoicesJdkOnlyTest {

    /** Realistic values for every seed notice template. */
    private static final Map<String, Map<String, Object>> NOTICES = Map.of(
            "cold-wave",
            Map.of("area", "新桥河镇", "period", Map.of("from", "2027-01-20", "to", "2027-01-25"), "lowTemperature", -3),
            "charcoal-carbon-monoxide",
            Map.of("area", "长春镇"),
            "festival-fireworks",
            Map.of("period", "2027-02-06/2027-02-20", "noSaleZone", "城区禁售区域"),
            "fire-safety",
            Map.of("area", "桥北大市场"),
            "snow-load",
            Map.of("area", "迎风桥镇", "snowDepth", 15),
            "work-resumption",
            Map.of("area", "长春经开区", "startDate", "2027-02-24"),
            "all-clear",
            Map.of("area", "全区", "notice", "寒潮冻雨预警", "endDate", "2027-01-26", "endTime", "18:00"),
            "qingming-hill-fire",
            Map.of("area", "迎风桥镇", "period", "2027-04-03/2027-04-06"),
            "point-hazard-cordon",
            Map.of("place", "桥北大市场东门", "hazard", "雨棚有垮塌危险", "distance", 50, "safePlace", "市场北侧停车场"),
            "rainstorm-flash-flood",
            Map.of("area", "新桥河镇", "period", "2027-06-18/2027-06-20", "safePlace", "镇中心小学"));

    @Test
    void bothChineseProfilesAreSpokenByTheBundledEngine() {
        JsonPath engines = admin().get("/api/audio/engines")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(engines.getBoolean("engines.find { it.id == 'espeak-wasm' }.available"))
                .isTrue();
        for (String profile : List.of("mandarin", "xiang-yiyang")) {
            assertThat(engines.getBoolean("profiles.find { it.id == '" + profile + "' }.available"))
                    .as(profile)
                    .isTrue();
            assertThat(engines.getString("profiles.find { it.id == '" + profile + "' }.engine"))
                    .as(profile)
                    .isEqualTo("espeak-wasm");
        }
        if ("1".equals(System.getenv("TOCSIN_EXPECT_NO_ESPEAK"))) {
            assertThat(engines.getBoolean("engines.find { it.id == 'espeak-ng' }.available"))
                    .as("espeak-ng must be absent in this run")
                    .isFalse();
        }
    }

    @Test
    void everyNoticeTemplateRendersInBothChineseProfilesAtTheLoudnessTarget(@TempDir Path dir) throws Exception {
        for (Map.Entry<String, Map<String, Object>> notice : NOTICES.entrySet()) {
            for (String dialect : List.of("mandarin", "xiang-yiyang")) {
                String what = notice.getKey() + " in " + dialect;
                JsonPath p = admin().contentType(ContentType.JSON)
                        .body(Map.of(
                                "templateId",
                                notice.getKey(),
                                "variables",
                                notice.getValue(),
                                "language",
                                "zh-CN",
                                "dialect",
                                dialect))
                        .post("/api/audio/preview")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(p.getString("profile")).as(what).isEqualTo(dialect);
                assertThat(p.getString("engine")).as(what).startsWith("eSpeak NG 1.52");
                String url = p.getString("wavUrl");
                byte[] wav = given().get(url.substring(url.indexOf("/api/audio/")))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
                Pcm pcm = Wav.read(wav);
                assertThat(pcm.durationSeconds()).as(what).isGreaterThan(15);
                assertThat(SpeechMeasures.clicks(pcm, 0.2, 4))
                        .as(what + ": clicks")
                        .isEmpty();
                assertThat(LoudnessMeter.integrated(pcm))
                        .as(what + ": loudness")
                        .isBetween(-17.0, -15.0);
                assertThat(TruePeak.dbtp(pcm)).as(what + ": true peak").isLessThanOrEqualTo(-1.0);
                if (FFMPEG) {
                    Path file = dir.resolve(notice.getKey() + "-" + dialect + ".wav");
                    Files.write(file, wav);
                    double[] measured = Ffmpeg.loudnessAndTruePeak(file);
                    assertThat(measured[0])
                            .as(what + ": integrated loudness (ffmpeg)")
                            .isBetween(-17.0, -15.0);
                    assertThat(measured[1]).as(what + ": true peak (ffmpeg)").isLessThanOrEqualTo(-1.0);
                }
            }
        }
    }

    /** ffmpeg is installed by CI; the README's {@code ./mvnw test} needs only a JDK. */
    private static final boolean FFMPEG = ffmpegPresent();

    private static boolean ffmpegPresent() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
