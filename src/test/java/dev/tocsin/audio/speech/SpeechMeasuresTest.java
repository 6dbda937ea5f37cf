package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.audio.dsp.Pcm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measures used on rendered speech find what they claim to find. */
class SpeechMeasuresTest {

    private static Pcm tone(double seconds, double phase) {
        float[] s = new float[(int) (seconds * 16000)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16000.0 + phase));
        }
        return new Pcm(s, 16000);
    }

    @Test
    void aJoinWithoutCrossfadeIsAClickAndAFadedOneIsNot() {
        // Two tones half a cycle apart joined where the first is at its peak: a jump of about 1.0.
        Pcm a = tone(0.2 + 1 / 880.0, 0);
        Pcm b = tone(0.2, Math.PI / 2 + Math.PI);
        Pcm hard = Pcm.concat(16000, List.of(a, b));
        assertThat(SpeechMeasures.clicks(hard, 0.2, 4)).containsExactly(a.length());
        Pcm faded = Pcm.concat(16000, List.of(a.fade(0, 0.005), b.fade(0.005, 0)));
        assertThat(SpeechMeasures.clicks(faded, 0.2, 4)).isEmpty();
    }

    @Test
    void pausesAreSilencesOfAtLeast120Milliseconds() {
        Pcm speech = Pcm.concat(
                16000, List.of(tone(1, 0), Pcm.silence(0.5, 16000), tone(1, 0), Pcm.silence(0.05, 16000), tone(1, 0)));
        assertThat(SpeechMeasures.pauseSeconds(speech)).isCloseTo(0.5, within(0.02));
        assertThat(SpeechMeasures.syllablesPerSecond(speech, 12)).isCloseTo(12 / 3.05, within(0.05));
    }
}
