package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.speech.EngineStatus;
import dev.tocsin.audio.speech.EspeakEngine;
import dev.tocsin.audio.speech.FreeTtsEngine;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.audio.speech.VoiceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engines and the phrase bank receive when a programme is rendered: normalised,
 * disambiguated text for both Chinese profiles and English. The engine below records the exact
 * input the real engine derives (EspeakEngine.input, FreeTtsEngine.input) and returns silence.
 */
class EngineInputTest {

    private static final AudioTemplates TEMPLATES = AudioTemplates.load(Path.of("audio-templates"));

    /** Records what espeak-ng or FreeTTS would be given. */
    private static final class Recording implements SpeechEngine {
        final List<String> pieces = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        private final String id;

        Recording(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public EngineStatus status() {
            return EngineStatus.available(id, "recording");
        }

        @Override
        public Pcm synthesize(String text, VoiceSettings voice) {
            pieces.add(text);
            inputs.add(
                    id.equals(FreeTtsEngine.ID) ? FreeTtsEngine.input(text) : EspeakEngine.input(text, voice.voice()));
            return new Pcm(new float[0], 16000);
        }
    }

    private static Recording render(String profileId, String engineId, String script) {
        VoiceProfile profile = TEMPLATES.profile(profileId).orElseThrow();
        Recording engine = new Recording(engineId);
        new ProgrammeRenderer(engine, TEMPLATES.phraseBank(profile), 16000)
                .render(script, "", profile, List.of(new ProgrammeTemplate.Body()));
        return engine;
    }

    @Test
    void mandarinEspeakGetsNumbersAndReadingsAsSaid() {
        Recording r = render("mandarin", EspeakEngine.ID, "长春镇最低气温-3℃，求助电话12345。15:00解除。");
        assertThat(r.pieces).containsExactly("长春镇最低气温零下三摄氏度，求助电话幺二三四五。", "十五点解除。");
        assertThat(r.inputs)
                .containsExactly(
                        "chang2 chun1 zhen4 zui4 di1 qi4 wen1 ling2 xia4 san1 she4 shi4 du4 , qiu2 zhu4 dian4 hua4 yao1 er4 san1 si4 wu3 .",
                        "shi2 wu3 dian3 jie3 chu2 .");
    }

    @Test
    void xiangPhraseBankAndEspeakGetTheNormalisedText() {
        Recording r = render("xiang-yiyang", EspeakEngine.ID, "火警119，一氧化碳中毒。冇事尽量少出门。");
        // The recorded phrase and the number (from slot recordings) are played from the bank;
        // the rest reaches the engine normalised.
        assertThat(r.pieces).containsExactly("火警", "，一氧化碳中毒。");
        // 火警 is said huo2 jing3 (third tone before third tone), 一氧化碳 yi4 yang3 (一 before a third tone).
        assertThat(r.inputs).containsExactly("huo2 jing3", "yi4 yang3 hua4 tan4 zhong4 du2 .");
        PhraseBank bank = TEMPLATES.phraseBank(TEMPLATES.profile("xiang-yiyang").orElseThrow());
        assertThat(bank.split("冇事尽量少出门。")).first().isInstanceOf(PhraseBank.Recorded.class);
    }

    @Test
    void englishFreeTtsGetsMinusDegreesCelsiusAndDigitByDigitNumbers() {
        Recording r = render("en", FreeTtsEngine.ID, "Low of -3C tonight. Call 119 or 12345 after 15:00.");
        assertThat(r.pieces)
                .containsExactly(
                        "Low of minus three degrees Celsius tonight.",
                        "Call one one nine or one two three four five after three o'clock in the afternoon.");
        assertThat(r.inputs)
                .containsExactly(
                        "Low of minus three degrees Celsius tonight.",
                        "Call one one nine or one two three four five after three o'clock in the afternoon.");
    }
}
