package dev.tocsin.audio.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alert.Urgency;
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
        assertThat(xiang.engines()).containsExactly("espeak-wasm", "espeak-ng");
        assertThat(xiang.settingsFor("espeak-ng").voice()).isEqualTo("cmn-latn-pinyin");
        // 5 phrases and 51 slots (numbers, units, place names, festivals).
        assertThat(t.phraseBank(xiang).clips())
                .filteredOn(c -> c.kind() == PhraseBank.Kind.PHRASE)
                .hasSize(5);
        assertThat(t.phraseBank(xiang).size()).isEqualTo(56);
        ProgrammeTemplate notice = t.programme("notice").orElseThrow();
        assertThat(notice.segments(Urgency.ROUTINE).get(0)).isInstanceOf(ProgrammeTemplate.Tones.class);
        assertThat(notice.segments(Urgency.URGENT).get(0)).isInstanceOf(ProgrammeTemplate.Clip.class);
        assertThat(notice.segments(Urgency.URGENT)).contains(new ProgrammeTemplate.Repeat(3));
    }

    @Test
    void phraseBankUsesTheLongestRecordedPhraseAndSpeaksTheRest() {
        PhraseBank bank = AudioTemplates.load(SHIPPED).phraseBanks().get("xiang-yiyang");
        List<PhraseBank.Piece> pieces = bank.split("各位父老乡亲，今晚有冻雨，冇事尽量少出门");
        assertThat(pieces).extracting(PhraseBank.Piece::text).containsExactly("各位父老乡亲", "，今晚有冻雨，", "冇事尽量少出门");
        assertThat(pieces.get(0)).isInstanceOf(PhraseBank.Recorded.class);
        assertThat(pieces.get(1)).isInstanceOf(PhraseBank.ToSpeak.class);
        assertThat(((PhraseBank.Recorded) pieces.get(2)).clip().durationSeconds())
                .isGreaterThan(1.0);
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
                // Both shipped programmes play that clip; the first one read is named, with its line.
                .hasMessageMatching("(?s).*/programmes/(notice|composed)\\.programme:\\d+: .*")
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

    @Test
    void missingFolderFallsBackToThePackagedCopy(@TempDir Path dir) {
        AudioTemplates packaged = AudioTemplates.load(dir.resolve("not-here"), true);
        AudioTemplates shipped = AudioTemplates.load(SHIPPED);
        assertThat(packaged.profiles()).isEqualTo(shipped.profiles());
        assertThat(packaged.programme("notice").orElseThrow().fingerprint())
                .isEqualTo(shipped.programme("notice").orElseThrow().fingerprint());
        assertThat(packaged.phraseBanks().get("xiang-yiyang").fingerprint())
                .isEqualTo(shipped.phraseBanks().get("xiang-yiyang").fingerprint());
    }

    @Test
    void missingFolderWithoutFallbackFailsStartUpNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> AudioTemplates.load(dir.resolve("not-here"), false))
                .hasMessageContaining("audio templates folder not found")
                .hasMessageContaining("not-here");
    }

    @Test
    void existingFolderWinsOverThePackagedCopy(@TempDir Path dir) throws IOException {
        copyOfShipped(dir);
        Files.writeString(
                dir.resolve("voices/en.properties"),
                Files.readString(dir.resolve("voices/en.properties")).replace("repeat-count=2", "repeat-count=4"));
        assertThat(AudioTemplates.load(dir, true).profile("en").orElseThrow().repeatCount())
                .isEqualTo(4);
    }

    @Test
    void packagedCopyLoadsFromInsideAJar(@TempDir Path dir) throws Exception {
        // What the packaged application sees: the templates as entries of the application jar.
        Path jar = dir.resolve("app.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(SHIPPED)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(
                        "audio-templates/" + SHIPPED.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (var loader =
                new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            assertThat(loader.getResource("audio-templates/README.md").getProtocol())
                    .isEqualTo("jar");
            AudioTemplates packaged = AudioTemplates.load(dir.resolve("not-here"), true);
            assertThat(packaged.profiles()).containsOnlyKeys("xiang-yiyang", "mandarin", "en");
            assertThat(packaged.phraseBanks().get("xiang-yiyang").fingerprint())
                    .isEqualTo(AudioTemplates.load(SHIPPED)
                            .phraseBanks()
                            .get("xiang-yiyang")
                            .fingerprint());
            assertThat(packaged.programme("notice")
                            .orElseThrow()
                            .segments(Urgency.URGENT)
                            .get(0))
                    .isInstanceOf(ProgrammeTemplate.Clip.class);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
