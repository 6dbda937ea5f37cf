package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.audio.speech.PhraseBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTemplatesTest {

    private static final Path SHIPPED = Path.of("audio-templates");

    @Test
    void shippedTemplatesLoadWithTheirProfilesProgrammeAndPhraseBank() {
        AudioTemplates t = AudioTemplates.load(SHIPPED);
        assertThat(t.profiles()).containsOnlyKeys("xiang-yiyang", "mandarin", "en");
        VoiceProfile xiang = t.profile("xiang-yiyang").orElseThrow();
        assertThat(xiang.engines()).containsExactly("espeak-ng");
        assertThat(xiang.settingsFor("espeak-ng").voice()).isEqualTo("cmn-latn-pinyin");
        assertThat(t.phraseBank(xiang).size()).isEqualTo(5);
        ProgrammeTemplate notice = t.programme("notice").orElseThrow();
        assertThat(notice.segments(Severity.ROUTINE).get(0)).isInstanceOf(ProgrammeTemplate.Tones.class);
        assertThat(notice.segments(Severity.URGENT).get(0)).isInstanceOf(ProgrammeTemplate.Clip.class);
        assertThat(notice.segments(Severity.URGENT)).contains(new ProgrammeTemplate.Repeat(3));
    }

    @Test
    void phraseBankUsesTheLongestRecordedPhraseAndSpeaksTheRest() {
        PhraseBank bank = AudioTemplates.load(SHIPPED).phraseBanks().get("xiang-yiyang");
        List<PhraseBank.Piece> pieces = bank.split("各位父老乡亲，今晚有冻雨，冇事尽量少出门");
        assertThat(pieces).extracting(PhraseBank.Piece::text)
                .containsExactly("各位父老乡亲", "，今晚有冻雨，", "冇事尽量少出门");
        assertThat(pieces.get(0)).isInstanceOf(PhraseBank.Recorded.class);
        assertThat(pieces.get(1)).isInstanceOf(PhraseBank.ToSpeak.class);
        assertThat(((PhraseBank.Recorded) pieces.get(2)).clip().durationSeconds()).isGreaterThan(1.0);
    }

    private static Path copyOfShipped(Path dir) throws IOException {
        try (var files = Files.walk(SHIPPED)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(SHIPPED.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dir;
    }

    @Test
    void programmeNamingAMissingChimeClipFailsStartUpWithTheFileName(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Files.delete(dir.resolve("chimes/urgent.wav"));
        assertThatThrownBy(() -> AudioTemplates.load(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notice.programme")
                .hasMessageContaining("chime clip file not found")
                .hasMessageContaining("urgent.wav");
    }

    @Test
    void phraseIndexNamingAMissingClipFailsWithTheFileName(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Files.delete(dir.resolve("phrases/xiang-yiyang/qing3-zhu4-yi4.wav"));
        assertThatThrownBy(() -> AudioTemplates.load(dir))
                .hasMessageContaining("index.tsv")
                .hasMessageContaining("qing3-zhu4-yi4.wav");
    }

    @Test
    void unknownSegmentIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Files.writeString(dir.resolve("programmes/bad.programme"), "[routine]\nbody\nsiren\n[urgent]\nbody\n");
        assertThatThrownBy(() -> AudioTemplates.load(dir))
                .hasMessageContaining("bad.programme:3")
                .hasMessageContaining("unknown segment 'siren'");
    }

    @Test
    void programmeWithoutUrgentVariantIsRejected(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Files.writeString(dir.resolve("programmes/short.programme"), "[routine]\nbody\n");
        assertThatThrownBy(() -> AudioTemplates.load(dir))
                .hasMessageContaining("short.programme")
                .hasMessageContaining("[urgent] missing");
    }

    @Test
    void voiceProfileWithOutOfRangeRateIsRejected(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Path en = dir.resolve("voices/en.properties");
        Files.writeString(en, Files.readString(en).replace("rate=135", "rate=9000"));
        assertThatThrownBy(() -> AudioTemplates.load(dir))
                .hasMessageContaining("en.properties")
                .hasMessageContaining("rate");
    }
}
