package dev.tocsin.recording;

import static dev.tocsin.testing.Staff.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.codec.Mp3;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Resampler;
import dev.tocsin.testing.Ffmpeg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recordings over the API: cleaned and mastered to the horn chain, measured by ffmpeg; refusals named. */
@QuarkusTest
class RecordingResourceTest {

    @Inject
    AudioCatalog catalog;

    @Inject
    RecordingService recordings;

    private static Pcm speech;

    @BeforeEach
    void speech() {
        if (speech == null) {
            speech = RecordingFixtures.speech(catalog, "各位村民请注意，今晚有寒潮，气温降到零下三度，出门注意防滑。");
        }
    }

    private static JsonPath saved(byte[] body, String type, String query) {
        return admin().contentType(type)
                .body(body)
                .post("/api/recordings?" + query)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static byte[] audio(String url) {
        return admin().get(url).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void aQuietNoisyPhoneRecordingIsTrimmedAndMasteredAsTheIssueMeasuresIt() throws Exception {
        // About -30 LUFS speech, room noise at -62 dBFS, one second of it before and after.
        Pcm noisy = RecordingFixtures.noisy(speech, -30, -62, 7);
        byte[] upload = RecordingFixtures.wav24Stereo(noisy);

        JsonPath r = saved(upload, "audio/wav", "kind=notice&label=寒潮夜间提醒（村主任录音）");
        assertThat(r.getString("kind")).isEqualTo("notice");
        assertThat(r.getString("recordedBy")).isEqualTo("admin");
        assertThat(r.getString("sourceFormat")).isEqualTo("wav");
        long sourceMs = r.getLong("sourceMs");
        long durationMs = r.getLong("durationMs");
        assertThat(sourceMs)
                .isBetween(
                        Math.round(noisy.durationSeconds() * 1000) - 1, Math.round(noisy.durationSeconds() * 1000) + 1);
        // Two seconds of room noise were around the speech; at most 0.15 s is kept at each end.
        assertThat(durationMs).isBetween(sourceMs - 2000, sourceMs - 1700);

        byte[] wav = audio(r.getString("wav"));
        Path file = Files.createTempFile("recording", ".wav");
        Files.write(file, wav);
        double[] loudness = Ffmpeg.loudnessAndTruePeak(file);
        assertThat(loudness[0]).as("integrated loudness").isBetween(-17.0, -15.0);
        assertThat(loudness[1]).as("true peak").isLessThanOrEqualTo(-1.0);
        Path source = Files.createTempFile("upload", ".wav");
        Files.write(source, upload);
        double[] before = Ffmpeg.edgeSilences(source, noisy.durationSeconds(), -40);
        assertThat(before[0])
                .as("the meter sees the upload's second of room noise")
                .isBetween(0.95, 1.1);
        assertThat(before[1]).isBetween(0.95, 1.1);
        double[] edges = Ffmpeg.edgeSilences(file, Wav.read(wav).durationSeconds(), -40);
        assertThat(edges[0]).as("silence before the first word").isLessThanOrEqualTo(0.15);
        assertThat(edges[1]).as("silence after the last word").isLessThanOrEqualTo(0.15);

        // What staff hear before saving is exactly what was saved.
        byte[] heard = admin().contentType("audio/wav")
                .body(upload)
                .post("/api/recordings/mastered")
                .then()
                .statusCode(200)
                .contentType("audio/wav")
                .header("X-Recording-Duration-Ms", String.valueOf(durationMs))
                .extract()
                .asByteArray();
        assertThat(heard).isEqualTo(wav);
    }

    @Test
    void flacAndMp3FromAPhoneAreAcceptedAndMasteredAlike() throws Exception {
        Pcm noisy = RecordingFixtures.noisy(speech, -28, -65, 11);
        byte[] flac = RecordingFixtures.flac(RecordingFixtures.wav24Stereo(noisy));
        JsonPath fromFlac = saved(flac, "audio/flac", "kind=notice&label=FLAC upload");
        assertThat(fromFlac.getString("sourceFormat")).isEqualTo("flac");
        assertThat(fromFlac.getDouble("loudnessLufs")).isBetween(-17.0, -15.0);

        Pcm at16k = Resampler.resample(noisy, 16_000);
        byte[] mp3 = Mp3.encode(at16k, 64);
        JsonPath fromMp3 = saved(mp3, "audio/mpeg", "kind=notice&label=MP3 upload");
        assertThat(fromMp3.getString("sourceFormat")).isEqualTo("mp3");
        assertThat(fromMp3.getDouble("loudnessLufs")).isBetween(-17.0, -15.0);
        assertThat(fromMp3.getDouble("truePeakDbtp")).isLessThanOrEqualTo(-1.0);
        // The same words from either file last about as long once trimmed.
        assertThat(Math.abs(fromMp3.getLong("durationMs") - fromFlac.getLong("durationMs")))
                .isLessThan(200);
    }

    @Test
    void whatCannotBeARecordingIsRefusedNamingTheProblem() {
        byte[] wav = RecordingFixtures.wav24Stereo(RecordingFixtures.noisy(speech, -30, -62, 3));
        admin().contentType("text/plain")
                .body("hello")
                .post("/api/recordings?kind=notice&label=x")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("audio/wav, audio/mpeg (MP3) or audio/flac"));
        admin().contentType("audio/ogg")
                .body(wav)
                .post("/api/recordings/mastered")
                .then()
                .statusCode(415)
                .body("detail", containsString("not audio/ogg"));
        // Declared WAV, but an MP3.
        admin().contentType("audio/wav")
                .body(Mp3.encode(Resampler.resample(speech, 16_000), 48))
                .post("/api/recordings/mastered")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("audio"))
                .body("errors[0].message", containsString("is mp3"));
        // Room noise only.
        admin().contentType("audio/wav")
                .body(Wav.write(
                        Wav.quantise(RecordingFixtures.noisy(Pcm.silence(0.01, 16_000), -30, -60, 5)
                                .samples()),
                        44_100))
                .post("/api/recordings/mastered")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("no speech"));
        admin().contentType("audio/wav")
                .body(Wav.write(new short[800], 16_000))
                .post("/api/recordings/mastered")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("at least 0.2 s"));
        admin().contentType("audio/wav")
                .body(new byte[6_000_001])
                .post("/api/recordings/mastered")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("the limit is 6000000 bytes"));
        admin().contentType("audio/wav")
                .body(wav)
                .post("/api/recordings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        admin().contentType("audio/wav")
                .body(wav)
                .post("/api/recordings?kind=notice")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("label"));
        admin().contentType("audio/wav")
                .body(wav)
                .post("/api/recordings?kind=phrase&bank=no-such-bank&phrase=请注意")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("bank"))
                .body("errors.message", hasItem(containsString("xiang-yiyang")));
        admin().contentType("audio/wav")
                .body(wav)
                .post("/api/recordings?kind=notice&label=x&phrase=请注意")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("phrase"));
    }

    @Test
    void aPhraseRecordedAgainIsANewVersionAndDeletingFallsBackToTheOlder() {
        byte[] first = RecordingFixtures.wav24Stereo(RecordingFixtures.noisy(speech, -30, -62, 21));
        byte[] second = RecordingFixtures.wav24Stereo(RecordingFixtures.noisy(speech, -26, -66, 22));
        String phrase = "请注意" + System.nanoTime() % 1000;
        String q = "kind=phrase&bank=xiang-yiyang&phrase=" + phrase;
        JsonPath v1 = saved(first, "audio/wav", q);
        JsonPath v2 = saved(second, "audio/wav", q);
        assertThat(v1.getInt("version")).isEqualTo(1);
        assertThat(v2.getInt("version")).isEqualTo(2);
        assertThat(v1.getString("label")).isEqualTo(phrase);
        assertThat(current(phrase)).isEqualTo(v2.getLong("id"));
        JsonPath bank = admin().get("/api/phrase-banks/xiang-yiyang")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(bank.getString("entries.find { it.text == '各位父老乡亲' }.packaged"))
                .endsWith(".wav");
        assertThat(bank.getString("entries.find { it.text == '摄氏度' }.kind")).isEqualTo("slot");
        assertThat(bank.getInt("entries.find { it.text == '" + phrase + "' }.recording.version"))
                .isEqualTo(2);
        assertThat(bank.getString("entries.find { it.text == '" + phrase + "' }.packaged"))
                .isNull();
        admin().get("/api/phrase-banks/nope").then().statusCode(404).contentType("application/problem+json");

        admin().delete("/api/recordings/" + v2.getLong("id"))
                .then()
                .statusCode(200)
                .body("deleted", equalTo(true))
                .body("deletedBy", equalTo("admin"));
        assertThat(current(phrase)).isEqualTo(v1.getLong("id"));
        admin().get("/api/recordings?kind=phrase&bank=xiang-yiyang")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(v2.getInt("id"))))
                .body("id", hasItem(v1.getInt("id")));
        admin().get("/api/audit?subject=recording:" + v2.getLong("id"))
                .then()
                .statusCode(200)
                .body("action", hasItem("recording.deleted"));
    }

    private long current(String phrase) {
        List<VoiceRecording> now = recordings.current("xiang-yiyang");
        return now.stream().filter(r -> r.phrase.equals(phrase)).findFirst().orElseThrow().id;
    }
}
