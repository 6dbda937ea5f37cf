package dev.tocsin.recording;

import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.testing.Tags;
import dev.tocsin.testing.ToneShare;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slots recorded in the console's way (the API) are what the loudspeakers then say: a
 * cold-wave sentence's dates, temperature and telephone number come entirely from the staff's
 * recordings, and the recorded share the preview reports is the share heard in its audio. The
 * "recordings" are 3 kHz tones so the audio itself tells them from the synthetic voice.
 */
@Tag(Tags.H2_ONLY)
@QuarkusTest
class BankRecordingsTest {

    private static final double TONE_HZ = 3000;
    private static final List<String> SLOTS = List.of("一", "二", "三", "九", "十", "幺", "零下", "摄氏度", "月", "日", "至");
    private static final String SENTENCE = "1月20日至22日最低气温零下3℃，一定注意防寒，有事请拨打119。";

    /** What a staff member's take of a slot looks like to the service: half a second of room, the word, room. */
    private static byte[] take(String text) {
        int rate = 16_000;
        double seconds = 0.25 * text.length();
        float[] s = new float[(int) ((seconds + 1.0) * rate)];
        java.util.Random noise = new java.util.Random(text.hashCode());
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (noise.nextGaussian() * 0.0005);
        }
        int from = rate / 2;
        int n = (int) (seconds * rate);
        for (int i = 0; i < n; i++) {
            double fade = Math.min(1, Math.min(i, n - i) / (0.01 * rate));
            s[from + i] += (float) (0.1 * fade * Math.sin(2 * Math.PI * TONE_HZ * i / rate));
        }
        return Wav.write(Wav.quantise(s), rate);
    }

    @Test
    void recordedSlotsSpeakTheNumbersAndThePreviewReportsTheShareHeard() {
        for (String slot : SLOTS) {
            admin().contentType("audio/wav")
                    .body(take(slot))
                    .post("/api/recordings?kind=slot&bank=xiang-yiyang&phrase=" + slot)
                    .then()
                    .statusCode(201);
        }
        JsonPath preview = admin().contentType("application/json")
                .body("""
                        {"script":"%s","profile":"xiang-yiyang","severity":"routine","programme":"composed"}""".formatted(SENTENCE))
                .post("/api/audio/preview")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> synthesized = preview.getList("synthesized", String.class);
        // Only words are left to the voice: no date, temperature or number digit among them.
        assertThat(synthesized).isNotEmpty();
        assertThat(String.join("", synthesized))
                .doesNotContain("月", "日", "零下", "摄氏度", "幺", "二十", "三")
                .contains("最低气温", "一定注意防寒", "请拨打");

        byte[] wav = admin().get(preview.getString("wavUrl").replaceFirst("^https?://[^/]+", ""))
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        Pcm programme = Wav.read(wav);
        // The programme's 0.3 s lead and its chimes (0.93 s) are not speech; the body starts after a 0.4 s pause.
        int body = (int) (1.5 * programme.sampleRate());
        Pcm heard = new Pcm(
                java.util.Arrays.copyOfRange(programme.samples(), body, programme.length()), programme.sampleRate());
        ToneShare.Frames frames = ToneShare.measure(heard, TONE_HZ);
        double reported = preview.getDouble("recordedShare");
        System.out.printf(
                "recorded share: reported %.3f, measured %.3f (%d tone / %d other frames)%n",
                reported, frames.share(), frames.recorded(), frames.synthesized());
        assertThat(frames.recorded() * 0.02).as("seconds heard from recordings").isGreaterThan(2.0);
        assertThat(reported)
                .as("reported %.3f, measured %.3f", reported, frames.share())
                .isCloseTo(frames.share(), within(0.05));
    }
}
