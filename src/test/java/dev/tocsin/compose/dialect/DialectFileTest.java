package dev.tocsin.compose.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialectFileTest {

    private static final Path SHIPPED = Path.of("audio-templates/dialects");

    @Test
    void shippedXiangProfileSpeaksLikeTheSeed() {
        DialectProfile xiang = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        DialectProfile.Script s = xiang.script("天寒地冻路面滑，没事尽量少出门，出行时刻记安全。", "烤火记得开门窗，一氧化碳要严防。");
        assertThat(s.before()).startsWith("各位父老乡亲，天寒地冻路面滑，没事尽量少出门");
        assertThat(s.after())
                .isEqualTo(
                        "各位父老乡亲，天寒地冻路面滑，冇事尽量少出门，出行时刻记安全。" + "再讲一遍：烤火记得开门窗，一氧化碳要严防。烤火记得开门窗，一氧化碳要严防。" + "请大家相互转告，注意安全！");
        assertThat(s.rewrites()).containsExactly(new Rewrite(15, 15, "没事", "冇事"));
    }

    @Test
    void xiangScriptSaysTheRepeatIntroOnce() {
        DialectProfile xiang = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        String script = xiang.script("今天有冻雨。", "莫出门。").after();
        assertThat(script.split("再讲一遍", -1)).hasSize(2);
        assertThat(script).contains("再讲一遍：莫出门。莫出门。");
    }

    @Test
    void freeTextWithoutFinalPunctuationEndsItsSentenceBeforeTheClosing() {
        DialectProfile xiang = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        assertThat(xiang.script("今天有冻雨，没事莫出门", null).after()).isEqualTo("各位父老乡亲，今日有冻雨，冇事莫出门。请大家相互转告，注意安全！");
        assertThat(xiang.script("今天有冻雨，", "莫出门").after()).isEqualTo("各位父老乡亲，今日有冻雨。再讲一遍：莫出门。莫出门。请大家相互转告，注意安全！");
        DialectProfile en = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("en"))
                .findFirst()
                .orElseThrow();
        assertThat(en.script("Roads are icy", null).after())
                .isEqualTo(
                        "Attention please, residents. Roads are icy. Please pass this message on to your neighbours.");
    }

    @Test
    void greetingIsNotDoubledWhenTheTextAddressesTheListeners() {
        DialectProfile xiang = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        assertThat(xiang.script("新桥河镇的乡亲们，今天有冻雨。", null).after()).isEqualTo("新桥河镇的乡亲们，今日有冻雨。请大家相互转告，注意安全！");
        assertThat(xiang.script("今天有冻雨，乡亲们莫出门。", null).after()).startsWith("各位父老乡亲，");
        DialectProfile en = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("en"))
                .findFirst()
                .orElseThrow();
        assertThat(en.script("Residents of Xinqiaohe, roads are icy.", null).after())
                .isEqualTo("Residents of Xinqiaohe, roads are icy. Please pass this message on to your neighbours.");
    }

    @Test
    void openingIsNotRepeatedWhenTheTextAlreadyStartsWithIt() {
        DialectProfile xiang = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("xiang-yiyang"))
                .findFirst()
                .orElseThrow();
        assertThat(xiang.script("各位父老乡亲，今天冷。", null).after()).isEqualTo("各位父老乡亲，今日冷。请大家相互转告，注意安全！");
    }

    @Test
    void englishProfileJoinsPartsWithSpaces() {
        DialectProfile en = DialectRegistry.fromDirectory(SHIPPED).stream()
                .filter(p -> p.id().equals("en"))
                .findFirst()
                .orElseThrow();
        assertThat(en.script("Roads are icy.", "Stay at home.").after())
                .isEqualTo(
                        "Attention please, residents. Roads are icy. Once again: Stay at home. Please pass this message on to your neighbours.");
    }

    @Test
    void packagedIndexListsEveryShippedDialectFile() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(SHIPPED)) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".dialect"))
                    .sorted()
                    .toList();
        }
        assertThat(DialectRegistry.fromClasspath())
                .extracting(DialectProfile::source)
                .containsExactlyElementsOf(files.stream()
                        .map(f -> "classpath:audio-templates/dialects/" + f)
                        .toList());
    }

    @Test
    void missingDirectoryFallsBackToThePackagedCopies(@TempDir Path tmp) {
        assertThat(DialectRegistry.load(tmp.resolve("nowhere")))
                .extracting(DialectProfile::id)
                .containsExactly("en", "mandarin", "xiang-yiyang");
    }

    @Test
    void malformedFileNamesTheFileAndLine(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("bad.dialect"), "id = bad\nname = Bad\nlanguage = zh-CN\n[lexicon]\n没事 冇事\n");
        assertThatThrownBy(() -> DialectRegistry.load(tmp))
                .isInstanceOf(DialectFileException.class)
                .hasMessage(tmp.resolve("bad.dialect") + ":5: expected 'key = value'");
    }

    @Test
    void otherMistakesAreReportedPrecisely() {
        assertThatThrownBy(() -> DialectFile.parse("x.dialect", List.of("id = x1", "name = X", "language = fr")))
                .hasMessage("x.dialect: language 'fr' must be one of [zh-CN, en]");
        assertThatThrownBy(() -> DialectFile.parse(
                        "x.dialect", List.of("id = x1", "name = X", "language = en", "[phrasing]", "repeat-key = 9")))
                .hasMessage("x.dialect:5: repeat-key must be a number from 0 to 5");
        assertThatThrownBy(() -> DialectFile.parse(
                        "x.dialect", List.of("id = x1", "name = X", "language = en", "[lexicon]", "a = b", "a = c")))
                .hasMessage("x.dialect:6: lexicon word 'a' is listed twice");
        assertThatThrownBy(() -> DialectFile.parse("x.dialect", List.of("name = X", "language = en")))
                .hasMessage("x.dialect: missing 'id = ...' before the first section");
        assertThatThrownBy(() -> DialectFile.parse("x.dialect", List.of("id = x1", "[rules]")))
                .hasMessageStartingWith("x.dialect:2: unknown section [rules]");
    }
}
