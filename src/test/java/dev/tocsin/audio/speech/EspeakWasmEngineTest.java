package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.programme.AudioTemplates;
import dev.tocsin.audio.programme.ProgrammeRenderer;
import dev.tocsin.audio.programme.ProgrammeTemplate;
import dev.tocsin.audio.programme.VoiceProfile;
import dev.tocsin.compose.spoken.ChineseNormalizer;
import dev.tocsin.compose.spoken.Readings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled espeak-ng (WebAssembly in the JVM): Chinese speech with nothing but a JDK. */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
class EspeakWasmEngineTest {

    static final EspeakWasmEngine ENGINE = new EspeakWasmEngine(Duration.ofSeconds(120));
    private static final AudioTemplates TEMPLATES = AudioTemplates.load(Path.of("audio-templates"));
    private static final String NOTICE =
            "今晚到明天有冻雨，气温零下3℃，路面结冰。请大家冇事尽量少出门，出行时刻记安全。" + "烤火记得开门窗，一氧化碳要严防。如有险情，请拨打求助电话12345。";

    @Test
    void mandarinIsSpokenInsideTheJvm() {
        assertThat(ENGINE.status().available()).isTrue();
        assertThat(ENGINE.status().version()).startsWith("eSpeak NG 1.52");
        Pcm speech = ENGINE.synthesize("各位父老乡亲，冇事尽量少出门。", new VoiceSettings("cmn-latn-pinyin", 175, 50, 50));
        assertThat(speech.sampleRate()).isEqualTo(22050);
        // Thirteen syllables and a comma's pause.
        assertThat(speech.durationSeconds()).isBetween(2.0, 6.0);
        assertThat(LoudnessMeter.integrated(speech)).isBetween(-40.0, -5.0);
    }

    @Test
    void unspeakableTextGivesNoAudioInsteadOfAnError() {
        assertThat(ENGINE.synthesize("😀☃", new VoiceSettings("cmn-latn-pinyin", 175, 50, 50))
                        .length())
                .isZero();
    }

    @Test
    void bothChineseProfilesSpeakAtANaturalRate() {
        // Syllables as the pronunciation step reads them (numbers and units as said).
        int syllables = Readings.of(ChineseNormalizer.normalize(NOTICE)).size();
        assertThat(syllables).isGreaterThan(60);
        for (String id : List.of("mandarin", "xiang-yiyang")) {
            VoiceProfile profile = TEMPLATES.profile(id).orElseThrow();
            assertThat(profile.engines()).first().isEqualTo(EspeakWasmEngine.ID);
            // An empty phrase bank: every syllable comes from the engine.
            Pcm body = new ProgrammeRenderer(ENGINE, PhraseBank.empty("none"), 16000)
                    .render(NOTICE, "", profile, List.of(new ProgrammeTemplate.Body()))
                    .audio();
            double rate = SpeechMeasures.syllablesPerSecond(body, syllables);
            assertThat(rate)
                    .as(
                            "%s: %d syllables in %.2f s less %.2f s of pauses",
                            id, syllables, body.durationSeconds(), SpeechMeasures.pauseSeconds(body))
                    .isBetween(3.5, 4.5);
        }
    }
}
