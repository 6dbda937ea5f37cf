package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.speech.EngineStatus;
import dev.tocsin.audio.speech.EspeakWasmEngine;
import dev.tocsin.audio.speech.PhraseBank;
import dev.tocsin.audio.speech.PhraseBank.Piece;
import dev.tocsin.audio.speech.PhraseBank.Recorded;
import dev.tocsin.audio.speech.PhraseBank.Slots;
import dev.tocsin.audio.speech.SpeechEngine;
import dev.tocsin.audio.speech.VoiceSettings;
import dev.tocsin.compose.spoken.SpokenText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Slot programmes: numbers, dates, temperatures and phone numbers said from slot recordings. */
class SlotProgrammeTest {

    static final String COLD_WAVE = "1月20日至22日最低气温零下3℃，一定注意防寒，有事请拨打119。";

    private static final VoiceProfile MANDARIN =
            AudioTemplates.load(Path.of("audio-templates")).profile("mandarin").orElseThrow();

    /** Says every text as 0.1 s of low noise per character and keeps what it was asked. */
    private static final class CountingEngine implements SpeechEngine {
        final List<String> texts = new ArrayList<>();

        @Override
        public String id() {
            return EspeakWasmEngine.ID;
        }

        @Override
        public EngineStatus status() {
            return EngineStatus.available(id(), "test");
        }

        @Override
        public Pcm synthesize(String text, VoiceSettings voice) {
            texts.add(text);
            float[] s = new float[text.length() * ToneBank.RATE / 10];
            java.util.Random random = new java.util.Random(text.hashCode());
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (0.1 * random.nextGaussian());
            }
            return new Pcm(s, ToneBank.RATE);
        }
    }

    private static List<String> described(List<Piece> pieces) {
        return pieces.stream()
                .map(p -> p.getClass().getSimpleName() + ":" + p.text())
                .toList();
    }

    private static List<String> parts(Piece piece) {
        return ((Slots) piece).parts().stream().map(Recorded::text).toList();
    }

    @Test
    void coldWaveDatesTemperatureAndPhoneAreSaidWhollyFromSlotRecordings() {
        ProgrammeRenderer renderer =
                new ProgrammeRenderer(new CountingEngine(), ToneBank.of(ToneBank.SLOTS, List.of()), ToneBank.RATE);
        List<Piece> pieces = renderer.pieces(COLD_WAVE);
        assertThat(described(pieces))
                .containsExactly(
                        "Slots:一月二十日至二十二日", "ToSpeak:最低气温", "Slots:零下三摄氏度", "ToSpeak:，一定注意防寒，有事请拨打", "Slots:幺幺九");
        assertThat(parts(pieces.get(0))).containsExactly("一", "月", "二", "十", "日", "至", "二", "十", "二", "日");
        assertThat(parts(pieces.get(2))).containsExactly("零下", "三", "摄氏度");
        assertThat(parts(pieces.get(4))).containsExactly("幺", "幺", "九");
        // The pieces say exactly what an engine would say for the whole sentence.
        assertThat(pieces.stream().map(Piece::text).collect(Collectors.joining()) + "。")
                .isEqualTo(SpokenText.auto(COLD_WAVE));
    }

    @Test
    void slotsAreNeverCutOutOfOrdinaryWords() {
        PhraseBank bank = ToneBank.of(ToneBank.SLOTS, List.of());
        ProgrammeRenderer renderer = new ProgrammeRenderer(new CountingEngine(), bank, ToneBank.RATE);
        assertThat(described(renderer.pieces("一定要注意安全，一起做好防范。"))).containsExactly("ToSpeak:一定要注意安全，一起做好防范。");
        assertThat(described(bank.split("一定"))).containsExactly("ToSpeak:一定");
    }

    @Test
    void aStretchWithAnUnrecordedPartIsSynthesizedWhole() {
        List<String> noEight =
                ToneBank.SLOTS.stream().filter(s -> !s.equals("八")).toList();
        ProgrammeRenderer renderer =
                new ProgrammeRenderer(new CountingEngine(), ToneBank.of(noEight, List.of("最低气温")), ToneBank.RATE);
        // 零下 and 摄氏度 are recorded, 八 is not: the engine says the whole temperature.
        assertThat(described(renderer.pieces("最低气温零下8℃。"))).containsExactly("Recorded:最低气温", "ToSpeak:零下八摄氏度。");
        assertThat(described(renderer.pieces("最低气温零下3℃。"))).containsExactly("Recorded:最低气温", "Slots:零下三摄氏度");
    }

    @Test
    void aPhraseMayHoldAStretchWholeButNeverCutOne() {
        ProgrammeRenderer renderer = new ProgrammeRenderer(
                new CountingEngine(), ToneBank.of(ToneBank.SLOTS, List.of("请拨打幺幺九", "三摄氏度")), ToneBank.RATE);
        assertThat(described(renderer.pieces("有事请拨打119，最低气温零下3℃。")))
                .containsExactly("ToSpeak:有事", "Recorded:请拨打幺幺九", "ToSpeak:，最低气温", "Slots:零下三摄氏度");
    }

    @Test
    void renderingReportsRecordedAndSynthesizedSpeechAsHeard() {
        CountingEngine engine = new CountingEngine();
        PhraseBank bank = ToneBank.of(ToneBank.SLOTS, List.of());
        ProgrammeRenderer.Rendering r = new ProgrammeRenderer(engine, bank, ToneBank.RATE)
                .render(
                        COLD_WAVE,
                        "有事请拨打119。",
                        MANDARIN,
                        List.of(new ProgrammeTemplate.Body(), new ProgrammeTemplate.Repeat(2)));
        assertThat(r.synthesized()).containsExactly("最低气温", "一定注意防寒，有事请拨打", "有事请拨打");
        // Slot clips last a quarter second per character: dates (10), temperature (6), phone (3),
        // and the phone again in each of the two repetitions of the key instruction.
        double slots = 0.25 * (10 + 6 + 3) + 2 * 0.25 * 3;
        assertThat(r.recordedSeconds()).isCloseTo(slots, within(1e-6));
        double engineSeconds = 0.1 * ("最低气温".length() + "，一定注意防寒，有事请拨打".length() + 2 * "有事请拨打".length());
        assertThat(r.synthesizedSeconds()).isCloseTo(engineSeconds, within(0.01));
        assertThat(r.recordedShare()).isCloseTo(slots / (slots + engineSeconds), within(1e-6));
    }
}
