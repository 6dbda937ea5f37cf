package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleLanguageTest {

    @Test
    void acceptLanguagePicksTheFirstLanguageTheConsoleSpeaks() {
        assertThat(ConsoleLanguage.fromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.8"))
                .contains(ConsoleLanguage.ZH_CN);
        assertThat(ConsoleLanguage.fromAcceptLanguage("fr-FR,en-GB;q=0.7,zh;q=0.5"))
                .contains(ConsoleLanguage.EN);
        assertThat(ConsoleLanguage.fromAcceptLanguage("de,fr")).isEmpty();
        assertThat(ConsoleLanguage.fromAcceptLanguage("en;q=0,zh-CN;q=0.5")).contains(ConsoleLanguage.ZH_CN);
    }

    @Test
    void malformedOrMissingHeaderChoosesNothing() {
        assertThat(ConsoleLanguage.fromAcceptLanguage(null)).isEmpty();
        assertThat(ConsoleLanguage.fromAcceptLanguage(";;;q=abc")).isEmpty();
    }
}
