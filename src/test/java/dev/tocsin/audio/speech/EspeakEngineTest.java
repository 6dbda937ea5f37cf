package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakEngineTest {

    private static final VoiceSettings PINYIN = new VoiceSettings("cmn-latn-pinyin", 140, 50, 50);

    private static EspeakEngine installed() {
        EspeakEngine engine = new EspeakEngine("espeak-ng", Duration.ofSeconds(20));
        assumeTrue(engine.status().available(), "espeak-ng not installed");
        return engine;
    }

    @Test
    void mandarinIsSpokenThroughPinyin() {
        EspeakEngine engine = installed();
        assertThat(engine.status().version()).contains("1.");
        Pcm speech = engine.synthesize("各位父老乡亲，冇事尽量少出门。", PINYIN);
        assertThat(speech.sampleRate()).isEqualTo(22050);
        // Thirteen syllables at 140 wpm last a few seconds.
        assertThat(speech.durationSeconds()).isBetween(2.0, 8.0);
        assertThat(LoudnessMeter.integrated(speech)).isBetween(-40.0, -5.0);
    }

    @Test
    void cantoneseVoiceReadsCharacters() {
        Pcm speech = installed().synthesize("请注意安全", new VoiceSettings("yue", 140, 50, 50));
        assertThat(speech.durationSeconds()).isBetween(0.8, 5.0);
    }

    @Test
    void unspeakableTextGivesNoAudioInsteadOfAnError() {
        assertThat(installed().synthesize("😀☃", PINYIN).length()).isZero();
    }

    @Test
    void missingEngineReportsUnavailableAndRefusesClearly() {
        EspeakEngine engine = new EspeakEngine("/nonexistent/espeak-ng", Duration.ofSeconds(5));
        assertThat(engine.status().available()).isFalse();
        assertThat(engine.status().detail()).contains("not installed");
        assertThatThrownBy(() -> engine.synthesize("注意", PINYIN))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("unavailable")
                .extracting(e -> ((SpeechException) e).reason())
                .isEqualTo(SpeechException.Reason.UNAVAILABLE);
    }

    @Test
    void hangingEngineIsKilledAfterTheTimeout(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("espeak-hangs");
        Files.writeString(
                fake,
                "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'eSpeak NG text-to-speech: 9.9'; exit 0; fi\nexec sleep 60\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        EspeakEngine engine = new EspeakEngine(fake.toString(), Duration.ofMillis(500));
        assertThat(engine.status().available()).isTrue();
        assertThatThrownBy(() -> engine.synthesize("注意", PINYIN))
                .isInstanceOf(SpeechException.class)
                .hasMessageContaining("did not finish within 500 ms")
                .extracting(e -> ((SpeechException) e).reason())
                .isEqualTo(SpeechException.Reason.TIMEOUT);
    }
}
