package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.audio.dsp.LoudnessMeter;
import dev.tocsin.audio.dsp.Pcm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FreeTtsEngineTest {

    private static final VoiceSettings KEVIN = new VoiceSettings("kevin16", 150, 50, 50);
    private final FreeTtsEngine engine = new FreeTtsEngine(2, Duration.ofSeconds(30));

    @Test
    void kevinSpeaksEnglishIntoMemoryAt16kHz() {
        Pcm speech = engine.synthesize("Attention please. Roads are icy tonight. Stay at home if you can.", KEVIN);
        assertThat(speech.sampleRate()).isEqualTo(16000);
        assertThat(speech.durationSeconds()).isBetween(2.5, 8.0);
        assertThat(LoudnessMeter.integrated(speech)).isBetween(-35.0, -5.0);
    }

    @Test
    void slowerRateGivesLongerSpeech() {
        String text = "Open a window when you heat with charcoal.";
        double normal = engine.synthesize(text, KEVIN).durationSeconds();
        double slow = engine.synthesize(text, new VoiceSettings("kevin16", 100, 50, 50))
                .durationSeconds();
        assertThat(slow).isGreaterThan(normal * 1.2);
    }

    @Test
    void charactersTheVoiceCannotSpeakAreSkipped() {
        Pcm mixed = engine.synthesize("Hello 你好 😀 world", KEVIN);
        Pcm plain = engine.synthesize("Hello world", KEVIN);
        assertThat(mixed.durationSeconds()).isCloseTo(plain.durationSeconds(), within(0.05));
        assertThat(engine.synthesize("你好 😀", KEVIN).length()).isZero();
    }

    @Test
    void pooledVoicesServeConcurrentRequestsWithIdenticalAudio() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Pcm>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> engine.synthesize("Freezing rain is expected in the morning.", KEVIN)));
            }
            float[] first = results.get(0).get().samples();
            for (Future<Pcm> r : results) {
                assertThat(r.get().samples()).containsExactly(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
