package dev.tocsin.audio.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audio.master.MasteringChain;
import dev.tocsin.audio.master.MasteringSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsTest {

    private static final int RATE = 16000;

    /** Speech-like bursts, a pause of digital silence, more bursts. */
    private static Pcm programme(double pauseSeconds) {
        return Pcm.concat(
                RATE,
                List.of(
                        Signals.bursts(6, RATE, -3, 1),
                        Pcm.silence(pauseSeconds, RATE),
                        Signals.bursts(7, RATE, -3, 2)));
    }

    @Test
    void cutsOnceInTheLongPauseOnASubBlockBoundary() {
        Pcm pcm = programme(0.5);
        List<Pcm> parts = Parts.split(pcm);
        assertThat(parts).hasSize(2);
        int cut = parts.get(0).length();
        assertThat(cut % LoudnessMeter.step(RATE)).isZero();
        assertThat(cut).isGreaterThanOrEqualTo(6 * RATE + (int) (Parts.SETTLE_SECONDS * RATE));
        assertThat(cut).isLessThanOrEqualTo((int) (6.5 * RATE) - (int) (Parts.LEAD_IN_SECONDS * RATE));
        assertThat(Parts.join(parts).samples()).isEqualTo(pcm.samples());
    }

    @Test
    void shortPausesShortProgrammesAndLopsidedCutsStayWhole() {
        assertThat(Parts.split(programme(0.25))).hasSize(1);
        assertThat(Parts.split(Pcm.concat(
                        RATE,
                        List.of(
                                Signals.bursts(1.5, RATE, -3, 1),
                                Pcm.silence(0.6, RATE),
                                Signals.bursts(1.5, RATE, -3, 2)))))
                .hasSize(1);
        assertThat(Parts.split(Pcm.concat(
                        RATE,
                        List.of(
                                Signals.bursts(1, RATE, -3, 1),
                                Pcm.silence(0.6, RATE),
                                Signals.bursts(12, RATE, -3, 2)))))
                .hasSize(1);
    }

    @Test
    void loudnessOfThePartsIsTheLoudnessOfTheWhole() {
        Pcm pcm = programme(0.7);
        List<Pcm> parts = Parts.split(pcm);
        assertThat(parts).hasSize(2);
        assertThat(LoudnessMeter.integrated(parts))
                .isCloseTo(LoudnessMeter.integrated(pcm), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void limitingThePartsSideBySideMatchesLimitingTheWhole() {
        Pcm pcm = programme(0.7).gainDb(3);
        TruePeakLimiter limiter = new TruePeakLimiter(-1.5, 0.005, 0.08);
        Pcm whole = limiter.applyAtLoudness(pcm, -14);
        Pcm split = Parts.join(limiter.applyAtLoudness(Parts.split(pcm), -14));
        assertThat(split.length()).isEqualTo(whole.length());
        float worst = 0;
        for (int i = 0; i < whole.length(); i++) {
            worst = Math.max(worst, Math.abs(split.samples()[i] - whole.samples()[i]));
        }
        // The gain state restarts after the pause instead of being 250 ms into its release: inaudible.
        assertThat(worst).isLessThan(1e-6f);
        assertThat(LoudnessMeter.integrated(split)).isCloseTo(-14, org.assertj.core.data.Offset.offset(0.1));
        assertThat(TruePeak.dbtp(split)).isLessThanOrEqualTo(-1.5);
    }

    @Test
    void theMasteringChainCutsAndStillMeetsLoudnessAndCeiling() {
        MasteringSettings settings = new MasteringSettings(RATE, 150, 5000, -18, 3, -16, -1, 0.5, 0.02, 0.3, 0.5, 48);
        Pcm mastered = new MasteringChain(settings).master(programme(0.7));
        assertThat(LoudnessMeter.integrated(mastered)).isCloseTo(-16, org.assertj.core.data.Offset.offset(0.15));
        assertThat(TruePeak.dbtp(mastered)).isLessThanOrEqualTo(-1.5);
        assertThat(mastered.length()).isEqualTo(programme(0.7).length() + (int) Math.round(0.8 * RATE));
    }

    @Test
    void aFailingPartFailsTheCall() {
        List<Pcm> parts = Parts.split(programme(0.7));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Parts.each(parts, p -> {
                    if (p == parts.get(0)) {
                        throw new IllegalStateException("part one");
                    }
                    return p;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("part one");
    }
}
