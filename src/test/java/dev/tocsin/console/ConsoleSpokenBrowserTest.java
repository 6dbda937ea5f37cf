package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.OptOutService;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The compose preview's spoken text in a real headless Chromium: the stretches to check are marked and listed. */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class ConsoleSpokenBrowserTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String OPERATOR = "bsp-" + RUN;
    static final String PASSWORD = "console-spoken-browser";
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    StaffService staff;

    @Inject
    OptOutService optOut;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start(Duration.ofSeconds(30));
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors())
                .as("browser console errors (script errors, CSP violations)")
                .isEmpty();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void operator() {
        ConsoleFixtures.ensureDistrict(optOut);
        if (staff.find(OPERATOR).isEmpty()) {
            staff.create("test", OPERATOR, PASSWORD, Set.of(Role.OPERATOR), OPERATOR);
        }
    }

    @Test
    void theComposePreviewMarksTheSpokenTextAndListsWhatWasWrittenAndHowItIsSaid() {
        browser.signIn(base, OPERATOR, PASSWORD);
        browser.open(base, "/console/compose?template=cold-wave");
        new Select(browser.driver.findElement(By.id("language"))).selectByValue("zh-CN");
        new Select(browser.driver.findElement(By.id("dialect"))).selectByValue("xiang-yiyang");
        browser.type("variables.area", "长春镇");
        browser.js(
                "var f = document.getElementById('variables.period.from'), t = document.getElementById('variables.period.to');"
                        + " f.value = '2030-01-20'; t.value = '2030-01-22';"
                        + " t.dispatchEvent(new Event('change', {bubbles: true}));");
        browser.type("variables.lowTemperature", "-3");
        browser.type("variables.hotline", "119");

        browser.wait.until(d -> d.findElement(By.id("spoken-text")).getText().contains("有困难请打幺幺九"));
        WebElement spoken = browser.driver.findElement(By.id("spoken-text"));
        assertThat(spoken.getText()).contains("长春镇有寒潮冻雨，最低气温零下三摄氏度", "冇事尽量少出门");
        WebElement temperature = spoken.findElement(By.cssSelector("mark[data-kind='temperature']"));
        assertThat(temperature.getText()).isEqualTo("零下三摄氏度");
        assertThat(temperature.getAttribute("title"))
                .isEqualTo("-3℃ → 零下三摄氏度 · ling2 xia4 san1 she4 shi4 du4 · temperature");
        // Visible: on screen, with a background of its own that the plain text around it does not have.
        assertThat(temperature.isDisplayed()).isTrue();
        assertThat(temperature.getSize().getWidth()).isPositive();
        String marked = temperature.getCssValue("background-color");
        assertThat(marked).isNotEqualTo(spoken.getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
        List<String> kinds = spoken.findElements(By.tagName("mark")).stream()
                .map(m -> m.getAttribute("data-kind"))
                .toList();
        assertThat(kinds).contains("date", "place-name", "temperature", "dialect", "polyphone", "phone");
        // Each kind in its own colour, the same in the list below.
        String place = spoken.findElement(By.cssSelector("mark[data-kind='place-name']"))
                .getCssValue("background-color");
        assertThat(place).isNotEqualTo(marked);
        List<String> legend = browser.driver.findElements(By.cssSelector("#spoken-legend li")).stream()
                .map(WebElement::getText)
                .toList();
        // (The browser asks for English: the console's words are English, the notice's Chinese.)
        assertThat(legend)
                .contains(
                        "-3℃ → 零下三摄氏度 ling2 xia4 san1 she4 shi4 du4 temperature",
                        "119 → 幺幺九 yao1 yao1 jiu3 phone number, digit by digit",
                        "长春镇 chang2 chun1 zhen4 place name (dictionary)",
                        "没事 → 冇事 mao3 shi4 dialect rewrite",
                        "尽量 jin3 liang4 reading in context");
        browser.shot("compose-spoken");
    }
}
