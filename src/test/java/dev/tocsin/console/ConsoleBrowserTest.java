package dev.tocsin.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.audience.Area;
import dev.tocsin.audience.OptOutService;
import dev.tocsin.audience.Resident;
import dev.tocsin.audience.Suppression;
import dev.tocsin.loudspeaker.Terminal;
import dev.tocsin.security.StaffUser;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium + chromium-driver). Skipped only
 * when /usr/bin/chromedriver is missing. Screenshots of each page go to target/screenshots.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class ConsoleBrowserTest {

    /** Persistent databases (MariaDB) keep users between runs: names made in a run are unique. */
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    static final String OPERATOR = "op-" + RUN;

    static Browser browser;
    static WebDriver driver;
    static WebDriverWait wait;

    @TestHTTPResource("/")
    URL base;

    @Inject
    OptOutService optOut;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start(Duration.ofSeconds(20));
        driver = browser.driver;
        wait = browser.wait;
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
    void freshBrowserState() {
        ConsoleFixtures.ensureDistrict(optOut);
        open("/console/login");
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");
        driver.manage().window().setSize(new Dimension(1366, 900));
    }

    @Test
    void adminSignsInAndTheDashboardShowsTheRealCounts() {
        open("/console/users");
        assertThat(driver.getCurrentUrl())
                .as("anonymous visitor is sent to the login page")
                .contains("/console/login");
        shot("login");
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console");
        long[] expected = QuarkusTransaction.requiringNew().call(() ->
                new long[] {Area.count(), Resident.count(), Suppression.count(), Terminal.count(), StaffUser.count()});
        assertThat(text("count-areas")).isEqualTo(String.valueOf(expected[0]));
        assertThat(text("count-residents")).isEqualTo(String.valueOf(expected[1]));
        assertThat(text("count-opted-out")).isEqualTo(String.valueOf(expected[2]));
        assertThat(text("count-terminals")).isEqualTo(String.valueOf(expected[3]));
        assertThat(text("count-users")).isEqualTo(String.valueOf(expected[4]));
        assertThat(expected[0]).isGreaterThanOrEqualTo(3);
        assertThat(navLabels()).contains("Dashboard", "Areas", "Audit log", "Users");
        shot("dashboard");
    }

    @Test
    void areaTreeCountsResidentsAndTerminalsOfEachSubtree() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/areas");
        WebElement town = driver.findElement(By.cssSelector("tr[data-code='" + ConsoleFixtures.TOWN + "']"));
        assertThat(town.findElement(By.className("residents")).getText()).isEqualTo("3");
        assertThat(town.findElement(By.className("terminals")).getText()).isEqualTo("2");
        WebElement village = driver.findElement(By.cssSelector("tr[data-code='" + ConsoleFixtures.VILLAGE_A + "']"));
        assertThat(village.findElement(By.className("residents")).getText()).isEqualTo("2");
        assertThat(village.findElement(By.className("terminals")).getText()).isEqualTo("1");
        shot("areas");
    }

    @Test
    void adminCreatesAnOperatorWhoCannotOpenTheUsersPage() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/users");
        type("username", OPERATOR);
        type("displayName", "Operator Nine");
        type("password", "short");
        driver.findElement(By.id("create-user")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(error.getText()).contains("10-200 characters");
        assertThat(driver.findElement(By.id("password")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(OPERATOR);
        shot("users-field-errors");

        type("password", "operator-nine-password");
        WebElement create = driver.findElement(By.id("create-user"));
        // A double click: the second one must not create anything or show a conflict.
        ((JavascriptExecutor) driver).executeScript("arguments[0].click(); arguments[0].click();", create);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(text("notice")).contains(OPERATOR);
        assertThat(driver.findElements(By.cssSelector("tr[data-user='" + OPERATOR + "']")))
                .hasSize(1);
        long audits = QuarkusTransaction.requiringNew()
                .call(() -> dev.tocsin.audit.AuditEvent.count(
                        "action = ?1 and subject = ?2", "user.create", "user:" + OPERATOR));
        assertThat(audits).as("user created exactly once").isEqualTo(1);
        shot("users");

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-notice")));
        assertThat(text("login-notice")).contains("signed out");

        signIn(OPERATOR, "operator-nine-password");
        open("/console");
        assertThat(navLabels()).contains("Dashboard", "Areas").doesNotContain("Users", "Audit log");
        open("/console/users");
        assertThat(driver.findElement(By.tagName("h1")).getText())
                .contains("Not allowed")
                .contains("403");
        shot("forbidden");
    }

    @Test
    void languageSwitchShowsChineseLabels() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/audit");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Audit log");
        driver.findElement(By.cssSelector(".langs a[lang='zh-CN']")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "审计日志"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/audit");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(navLabels()).contains("概览", "区域", "审计日志", "用户");
        assertThat(driver.findElement(By.cssSelector("label[for='actor']")).getText())
                .isEqualTo("操作人");
        shot("audit-zh");
        driver.findElement(By.cssSelector(".langs a[lang='en']")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Audit log"));
    }

    @Test
    void auditLogFiltersByActorAndRejectsABadDateOnTheField() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/audit?actor=test");
        List<WebElement> rows = driver.findElements(By.cssSelector("#audit tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows)
                .allSatisfy(
                        r -> assertThat(r.findElements(By.tagName("td")).get(1).getText())
                                .isEqualTo("test"));
        assertThat(driver.getPageSource()).contains("consent.opt-out");
        shot("audit");
        open("/console/audit?from=31.01.2026");
        assertThat(text("from-error")).contains("must be a date");
        assertThat(driver.findElement(By.id("from")).getAttribute("aria-invalid"))
                .isEqualTo("true");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefused() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/users");
        type("username", "csrf-" + RUN);
        type("password", "long-enough-password");
        ((JavascriptExecutor) driver).executeScript("document.querySelector('#new-user input[name=_csrf]').remove();");
        driver.findElement(By.id("create-user")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Form refused"));
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> StaffUser.findByUsername("csrf-" + RUN).isPresent()))
                .isFalse();
        shot("csrf-refused");
    }

    @Test
    void theBrowserEnforcesTheConsolesContentSecurityPolicyAndTheLogShowsViolations() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/areas");
        assertThat(browser.consoleErrors()).isEmpty();
        Object ran = ((JavascriptExecutor) driver)
                .executeScript("window.injected = false; var s = document.createElement('script');"
                        + " s.textContent = 'window.injected = true;'; document.body.appendChild(s);"
                        + " return window.injected;");
        assertThat(ran).as("an injected inline script does not run").isEqualTo(false);
        assertThat(browser.consoleErrors())
                .as("the refusal is in the browser log")
                .anyMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void anExpiredSessionKeepsTheDraftOfTheUserForm() {
        signIn("admin", Staff.ADMIN_PASSWORD);
        open("/console/users");
        type("username", "draft-" + RUN);
        type("displayName", "Kept Draft");
        driver.findElement(By.id("role-approver")).click();
        // The session ends on the server (as after the idle timeout); the browser keeps its cookie.
        QuarkusTransaction.requiringNew().run(() -> ConsoleSession.delete("username", "admin"));
        type("password", "draft-user-password");
        driver.findElement(By.id("create-user")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
        assertThat(text("login-notice")).contains("kept in this browser");
        signIn("admin", Staff.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlContains("/console/users"));
        assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo("draft-" + RUN);
        assertThat(driver.findElement(By.id("displayName")).getAttribute("value"))
                .isEqualTo("Kept Draft");
        assertThat(driver.findElement(By.id("role-approver")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("password")).getAttribute("value"))
                .as("passwords are never kept")
                .isEmpty();
        assertThat(driver.findElement(By.cssSelector("[data-draft-notice]")).isDisplayed())
                .isTrue();
        driver.manage().window().setSize(new Dimension(820, 1180));
        shot("users-tablet-draft");
    }

    private void signIn(String user, String password) {
        browser.signIn(base, user, password);
    }

    private void open(String path) {
        browser.open(base, path);
    }

    private void type(String id, String value) {
        browser.type(id, value);
    }

    private String text(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))
                .getText();
    }

    private List<String> navLabels() {
        return driver.findElements(By.cssSelector("nav.nav a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
