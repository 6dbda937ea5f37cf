package dev.tocsin.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium for the console's browser tests, with the steps every test takes:
 * open a page, sign in, type into a field, save a screenshot. Started once per test class; the
 * class is skipped when /usr/bin/chromedriver is missing.
 */
final class Browser {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;

    private Browser(WebDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout);
    }

    static Browser start(Duration timeout, String... extraArguments) throws IOException {
        assumeTrue(
                Files.isExecutable(CHROMEDRIVER),
                "chromedriver not installed (apt-get install chromium chromium-driver)");
        Path profile = Files.createTempDirectory("tocsin-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1366,900",
                "--lang=en-US"));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(SHOTS);
        return new Browser(new ChromeDriver(service, options), timeout);
    }

    /**
     * Errors the page logged since the last call (script errors, Content-Security-Policy
     * violations). Error statuses of requests are left out: several pages answer 4xx on purpose.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    void quit() {
        driver.quit();
    }

    void open(URL base, String path) {
        driver.get(base.toString().replaceAll("/$", "") + path);
    }

    void signIn(URL base, String user, String password) {
        if (!driver.getCurrentUrl().contains("/console/login")) {
            open(base, "/console/login");
        }
        type("j_username", user);
        type("j_password", password);
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/console/login")));
    }

    void type(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        input.clear();
        input.sendKeys(value);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A screenshot of the top of the page, kept under target/screenshots for people to look at. */
    void shot(String name) {
        js("window.scrollTo(0, 0);");
        save(name);
    }

    /** A screenshot with the element {@code id} at the top of the window. */
    void shotAt(String name, String id) {
        js("document.getElementById(arguments[0]).scrollIntoView();", id);
        save(name);
    }

    private void save(String name) {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
