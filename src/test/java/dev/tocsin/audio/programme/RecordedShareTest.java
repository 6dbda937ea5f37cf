package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.master.MasteringSettings;
import dev.tocsin.audio.speech.EspeakWasmEngine;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.SpeechMeasures;
import dev.tocsin.testing.Tags;
import dev.tocsin.testing.ToneShare;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The recorded share a render reports is what a listener hears. The "recordings" are 3 kHz
 * tones, the rest is the bundled espeak-ng speaking Mandarin; the mastered programme is cut
 * into 20 ms frames, and a frame that is not silent counts as recorded when nearly all its
 * energy lies within 300 Hz of the tone (speech spreads its energy over the band).
 */
@Tag(Tags.H2_ONLY)
class RecordedShareTest {

    private static final VoiceProfile MANDARIN =
            AudioTemplates.load(Path.of("audio-templates")).profile("mandarin").orElseThrow();
    private static final MasteringSettings SETTINGS =
            new MasteringSettings(ToneBank.RATE, 150, 5000, -24, 3, -16, -1, 0.8, 0.01, 0.3, 0.5, 48);

    record Measured(int recorded, int synthesized) {
        double share() {
            return recorded / (double) (recorded + synthesized);
        }
    }

    @Test
    void reportedRecordedShareMatchesTheShareMeasuredInTheAudio() {
        EspeakWasmEngine engine = new EspeakWasmEngine(Duration.ofSeconds(120));
        PhraseBank bank = ToneBank.of(ToneBank.SLOTS, List.of("注意防寒"));
        ProgrammeRenderer.Rendering r = new ProgrammeRenderer(engine, bank, ToneBank.RATE)
                .render(
                        SlotProgrammeTest.COLD_WAVE + "今晚到明天有冻雨，路面结冰，请大家冇事尽量少出门。",
                        "有事请拨打119。",
                        MANDARIN,
                        List.of(new ProgrammeTemplate.Body(), new ProgrammeTemplate.Repeat(2)));
        Pcm mastered = new MasteringChain(SETTINGS).master(r.audio());
        Measured m = measure(mastered);

        // Both sources are heard for a good while, so the comparison means something.
        assertThat(m.recorded() * 0.02).isGreaterThan(4.0);
        assertThat(m.synthesized() * 0.02).isGreaterThan(4.0);
        assertThat(r.recordedShare())
                .as(
                        "reported %.3f, measured %.3f (%d recorded / %d synthesized frames)",
                        r.recordedShare(), m.share(), m.recorded(), m.synthesized())
                .isCloseTo(m.share(), within(0.05));
        // Joins between slots and speech are faded: no clicks.
        assertThat(SpeechMeasures.clicks(mastered, 0.01, 4)).isEmpty();
    }

    @Test
    void toneFramesAreToldFromSpeechFrames() {
        // The classifier itself: a tone is recorded, espeak's voice is not, silence is neither.
        EspeakWasmEngine engine = new EspeakWasmEngine(Duration.ofSeconds(120));
        Pcm speech = dev.tocsin.audio.dsp.Resampler.resample(
                engine.synthesize("今晚到明天有冻雨，路面结冰，请大家尽量少出门。", MANDARIN.settingsFor(EspeakWasmEngine.ID)), ToneBank.RATE);
        Measured voice = measure(speech.gain((float) (0.5 / speech.samplePeak())));
        assertThat(voice.recorded()).isLessThanOrEqualTo(voice.synthesized() / 50);
        Measured tone = measure(ToneBank.tone("三三三三"));
        assertThat(tone.synthesized()).isLessThanOrEqualTo(2);
        assertThat(tone.recorded()).isGreaterThanOrEqualTo(48);
        assertThat(measure(Pcm.silence(1, ToneBank.RATE))).isEqualTo(new Measured(0, 0));
    }

    private static Measured measure(Pcm pcm) {
        ToneShare.Frames f = ToneShare.measure(pcm, ToneBank.TONE_HZ);
        return new Measured(f.recorded(), f.synthesized());
    }
}
