package dev.tocsin.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.speech.PhraseBank.Clip;
import dev.tocsin.audio.speech.PhraseBank.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entry kinds in index.tsv and recordings laid over a bank (the console's own recordings). */
class PhraseBankClipsTest {

    private static Pcm tone(double hz) {
        return Signals.sine(hz, -6, 0.3, 16000);
    }

    private static PhraseBank bank(Path dir, String index) throws Exception {
        Files.write(dir.resolve("a.wav"), Wav.write(tone(440)));
        Files.write(dir.resolve("b.wav"), Wav.write(tone(660)));
        Files.writeString(dir.resolve(PhraseBank.INDEX), index, StandardCharsets.UTF_8);
        return PhraseBank.load("t", dir);
    }

    @Test
    void aThirdColumnMarksSlotsAndOldTwoColumnFilesStayPhrases(@TempDir Path dir) throws Exception {
        PhraseBank bank = bank(dir, "# comment\n请注意\ta.wav\n三\tb.wav\tslot\n");
        assertThat(bank.clips())
                .extracting(c -> c.text() + " " + c.kind() + " " + c.source())
                .containsExactly("三 SLOT b.wav", "请注意 PHRASE a.wav");
        assertThat(bank.hasSlots()).isTrue();
        // A slot is never matched in free text; a phrase is.
        assertThat(bank.split("请注意三楼")).extracting(PhraseBank.Piece::text).containsExactly("请注意", "三楼");
    }

    @Test
    void anUnknownKindFailsNamingTheLine(@TempDir Path dir) {
        assertThatThrownBy(() -> bank(dir, "请注意\ta.wav\n三\tb.wav\tdigit\n"))
                .hasMessageContaining("index.tsv:2")
                .hasMessageContaining("'slot' or 'phrase'");
    }

    @Test
    void overridesReplaceOrAddEntriesAndChangeTheFingerprint(@TempDir Path dir) throws Exception {
        PhraseBank base = bank(dir, "请注意\ta.wav\n三\tb.wav\tslot\n");
        Clip recorded = new Clip("请注意", Kind.PHRASE, tone(880), "recording:7");
        Clip added = new Clip("四", Kind.SLOT, tone(990), "recording:8");
        PhraseBank over = base.withClips(List.of(recorded, added), "r7,r8");

        assertThat(over.clips())
                .extracting(c -> c.text() + " " + c.source())
                .containsExactly("三 b.wav", "四 recording:8", "请注意 recording:7");
        assertThat(((PhraseBank.Recorded) over.split("请注意").get(0)).clip()).isSameAs(recorded.audio());
        assertThat(base.clips()).hasSize(2);

        assertThat(over.fingerprint()).isNotEqualTo(base.fingerprint());
        assertThat(base.withClips(List.of(recorded, added), "r7,r8").fingerprint())
                .isEqualTo(over.fingerprint());
        // Another take under the same id and fingerprint still changes the bank's fingerprint.
        Clip retaken = new Clip("请注意", Kind.PHRASE, tone(870), "recording:7");
        assertThat(base.withClips(List.of(retaken, added), "r7,r8").fingerprint())
                .isNotEqualTo(over.fingerprint());
        assertThat(base.withClips(List.of(recorded), "r7").fingerprint()).isNotEqualTo(over.fingerprint());
        assertThat(base.withClips(List.of(), "none").fingerprint()).isNotEqualTo(base.fingerprint());
    }
}
