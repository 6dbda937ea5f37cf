package dev.tocsin.console;

import static dev.tocsin.console.ConsoleFixtures.area;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tocsin.audience.AreaKind;
import dev.tocsin.audio.AudioCatalog;
import dev.tocsin.audio.AudioService;
import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.store.AudioFormat;
import dev.tocsin.audio.store.RenderedProgramme;
import dev.tocsin.broadcast.Broadcast;
import dev.tocsin.fanout.OccurrenceFirer;
import dev.tocsin.loudspeaker.TerminalSimulator;
import dev.tocsin.recording.RecordingFixtures;
import dev.tocsin.recording.VoiceRecording;
import dev.tocsin.security.Role;
import dev.tocsin.security.StaffService;
import dev.tocsin.testing.Staff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A local voice from the microphone to the horns, in a real Chromium whose fake microphone plays
 * synthesized Mandarin speech: an operator records a notice, hears the mastered result, saves it,
 * composes a broadcast that plays it; another person approves; a terminal downloads the
 * programme and it is the recording between the chimes.
 */
@org.junit.jupiter.api.Tag(dev.tocsin.testing.Tags.H2_ONLY)
@QuarkusTest
class ConsoleRecordingBrowserTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String OPERATOR = "rop-" + RUN;
    static final String APPROVER = "rap-" + RUN;
    static final String PASSWORD = "console-recording-password";
    static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    StaffService staff;

    @Inject
    OccurrenceFirer firer;

    @Inject
    AudioService audio;

    @Inject
    AudioCatalog catalog;

    @Inject
    Clock clock;

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

    /** Chromium with a fake microphone that plays synthesized Mandarin speech (16-bit PCM WAV, as it wants). */
    @BeforeEach
    void browserAndUsers() throws IOException {
        if (browser == null) {
            Path microphone = Path.of("target", "fake-microphone.wav").toAbsolutePath();
            Pcm speech = RecordingFixtures.speech(catalog, "各位村民请注意，今晚有寒潮，请关好门窗，烤火注意通风。");
            Files.write(microphone, Wav.write(Wav.quantise(speech.samples()), speech.sampleRate()));
            browser = Browser.start(
                    Duration.ofSeconds(60),
                    "--use-fake-ui-for-media-stream",
                    "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-audio-capture=" + microphone,
                    "--autoplay-policy=no-user-gesture-required");
        }
        browser.open(base, "/console/login");
        browser.driver.manage().deleteAllCookies();
        for (var e : Map.of(OPERATOR, Role.OPERATOR, APPROVER, Role.APPROVER).entrySet()) {
            if (staff.find(e.getKey()).isEmpty()) {
                staff.create("test", e.getKey(), PASSWORD, Set.of(e.getValue()), e.getKey());
            }
        }
    }

    @Test
    void aNoticeRecordedInTheBrowserIsWhatTheTerminalDownloads() throws Exception {
        String digits = String.format("%04d", new java.util.Random().nextInt(10_000));
        String village = "9092" + digits + "0001";
        QuarkusTransaction.requiringNew()
                .run(() -> area(village, "录音村 " + digits, AreaKind.VILLAGE, null, clock.instant()));
        String token = Staff.adminJson()
                .body(Map.of(
                        "code",
                        "T-REC-" + digits,
                        "name",
                        "Horn " + digits,
                        "area",
                        village,
                        "model",
                        "IP-BOX 2",
                        "zone",
                        "Asia/Shanghai",
                        "volumePreset",
                        80))
                .post("/api/terminals")
                .then()
                .statusCode(201)
                .extract()
                .path("token");

        browser.open(base, "/console/lang?to=zh-CN&back=/console/recordings");
        browser.signIn(base, OPERATOR, PASSWORD);
        browser.open(base, "/console/recordings");
        browser.shot("recordings-empty");

        // Record a few seconds from the (fake) microphone, then listen to the mastered result.
        String label = "寒潮提醒 " + RUN;
        browser.type("notice-label", label);
        recorder("record").click();
        browser.wait.until(d -> "recording".equals(state()));
        Thread.sleep(4000);
        browser.shot("recordings-recording");
        recorder("stop").click();
        browser.wait.until(d -> "mastered".equals(state()) || "error".equals(state()));
        assertThat(state()).as(errorShown()).isEqualTo("mastered");
        browser.wait.until(
                d -> Boolean.TRUE.equals(browser.js("var a = document.querySelector('#notice-recorder audio');"
                        + " return a.readyState >= 1 && isFinite(a.duration) && a.duration > 0;")));
        assertThat((String) browser.js("return document.querySelector('#notice-recorder audio').src;"))
                .startsWith("blob:");
        long shownMs = Long.parseLong((String) browser.js(
                "return document.querySelector('#notice-recorder [data-role=measured]').dataset.durationMs;"));
        assertThat(shownMs)
                .as("seconds of speech, the silence at the ends trimmed")
                .isGreaterThan(1000L);
        assertThat(browser.driver
                        .findElement(By.cssSelector("#notice-recorder [data-role=measured]"))
                        .getText())
                .contains("时长", "LUFS");
        browser.shotAt("recordings-mastered", "notice-recorder");

        recorder("save").click();
        browser.wait.until(ExpectedConditions.urlContains("done=saved"));
        WebElement row =
                browser.driver.findElement(By.xpath("//table[@id='notice-recordings']//tr[th='" + label + "']"));
        long recordingId = Long.parseLong(row.getAttribute("data-id"));
        VoiceRecording saved = QuarkusTransaction.requiringNew().call(() -> VoiceRecording.findById(recordingId));
        assertThat(saved.durationMs).isEqualTo(shownMs);
        assertThat(saved.recordedBy).isEqualTo(OPERATOR);
        browser.shot("recordings-saved");

        // Compose a notice whose loudspeaker audio is that recording.
        browser.open(base, "/console/compose?template=text");
        browser.type("text", "今晚有寒潮，请关好门窗，烤火注意通风。");
        browser.type("keyInstruction", "关好门窗。");
        WebElement sms = browser.driver.findElement(By.id("channel-sms"));
        if (sms.isSelected()) {
            sms.click();
        }
        browser.driver
                .findElement(By.cssSelector("li[data-code='" + village + "'] input[type=checkbox]"))
                .click();
        new Select(browser.driver.findElement(By.id("recordingId"))).selectByValue(Long.toString(recordingId));
        browser.shotAt("compose-with-recording", "recordingId");
        browser.driver.findElement(By.id("submit-broadcast")).click();
        browser.wait.until(ExpectedConditions.urlMatches("/console/broadcasts/\\d+\\?done=submitted"));
        long id = Long.parseLong(browser.driver.getCurrentUrl().replaceAll(".*/console/broadcasts/(\\d+).*", "$1"));
        assertThat(browser.driver.findElement(By.id("recording")).getText()).contains(label);
        browser.shotAt("broadcast-with-recording", "recording");
        browser.driver.findElement(By.id("logout")).click();

        browser.signIn(base, APPROVER, PASSWORD);
        browser.open(base, "/console/approvals");
        browser.wait
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("article[data-id='" + id + "'] button.approve")))
                .click();
        browser.wait.until(ExpectedConditions.urlContains("/console/broadcasts/" + id + "?done=approved"));
        browser.driver.findElement(By.id("logout")).click();

        // The horn's side: its queue offers the programme, the download is the recording between chimes.
        firer.fireDue(clock.instant(), "console-recording-test");
        TerminalSimulator horn = new TerminalSimulator(base.toString().replaceAll("/$", ""), token, 50);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            horn.poll(Duration.ZERO);
            return horn.queue() != null && !horn.queuedPlayIds().isEmpty();
        });
        long play = horn.queuedPlayIds().get(0);
        String key = horn.item(play).path("audio").path("key").asText();
        RenderedProgramme programme = audio.find(key).orElseThrow();
        assertThat(programme.profileId()).isEqualTo("recording");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Broadcast.<Broadcast>findById(id).recordingId))
                .isEqualTo(recordingId);
        // The horn gets the MP3 (its hash checked against the queue's); its WAV twin is measured here.
        byte[] downloaded = horn.download(play);
        assertThat(downloaded.length).isEqualTo(programme.mp3Bytes());
        assertThat(sha256(downloaded)).isEqualTo(programme.mp3Sha256());
        double seconds = Wav.read(audio.read(key, AudioFormat.WAV, 0, programme.wavBytes() - 1))
                .durationSeconds();
        // Routine chimes (0.35 + 0.5 s, 40 ms gaps), pauses 0.4 + 0.5 s, 0.3 + 0.5 s of lead and tail
        // silence around the recording (see BroadcastRecordingTest).
        double expected = saved.durationMs / 1000.0 + 0.35 + 0.04 + 0.5 + 0.04 + 0.4 + 0.5 + 0.3 + 0.5;
        assertThat(seconds).isBetween(expected - 0.05, expected + 0.05);
    }

    @Test
    void aPhraseIsRecordedFromAFileOnItsBankPageAndRefusalsAreShown() throws IOException {
        browser.open(base, "/console/lang?to=en&back=/console/recordings");
        browser.signIn(base, OPERATOR, PASSWORD);
        browser.open(base, "/console/recordings");
        browser.driver
                .findElement(By.cssSelector("#phrase-banks a[data-bank='xiang-yiyang']"))
                .click();
        browser.wait.until(ExpectedConditions.urlContains("/console/phrase-banks/xiang-yiyang"));
        browser.shot("phrase-bank");

        // A file that is no audio: the browser cannot decode it, and says so next to the recorder.
        Path junk = Files.writeString(Path.of("target", "not-audio.wav").toAbsolutePath(), "not audio at all");
        browser.driver.findElement(By.cssSelector("#new-entry [data-act=file]")).sendKeys(junk.toString());
        WebDriverWait wait = browser.wait;
        wait.until(d -> "error".equals(browser.js("return document.getElementById('new-entry').dataset.state;")));
        assertThat(browser.driver
                        .findElement(By.cssSelector("#new-entry [data-role=error]"))
                        .getText())
                .contains("cannot decode");

        // A real recording from a file, for a new slot: mastered, then saved with the service's field check.
        Path clip = Path.of("target", "fake-microphone.wav").toAbsolutePath();
        browser.driver.findElement(By.cssSelector("#new-entry [data-act=file]")).sendKeys(clip.toString());
        wait.until(d -> "mastered".equals(browser.js("return document.getElementById('new-entry').dataset.state;")));
        browser.driver.findElement(By.cssSelector("#new-entry [data-act=save]")).click();
        wait.until(d -> "error".equals(browser.js("return document.getElementById('new-entry').dataset.state;")));
        assertThat(browser.driver
                        .findElement(By.cssSelector("#new-entry [data-role=error]"))
                        .getText())
                .as("no text typed")
                .contains("phrase");
        browser.shotAt("phrase-bank-refused", "new-entry");

        String text = "村口集合" + RUN;
        browser.type("new-entry-phrase", text);
        new Select(browser.driver.findElement(By.id("new-entry-kind"))).selectByValue("slot");
        browser.driver.findElement(By.cssSelector("#new-entry [data-act=save]")).click();
        wait.until(ExpectedConditions.urlContains("done=saved"));
        WebElement row = browser.driver.findElement(By.cssSelector("tr[data-text='" + text + "']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("recorded");
        assertThat(row.getAttribute("data-kind")).isEqualTo("slot");
        assertThat(row.getText()).contains("recorded by " + OPERATOR).contains("version 1");
        browser.shot("phrase-bank-saved");
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static WebElement recorder(String act) {
        return browser.driver.findElement(By.cssSelector("#notice-recorder [data-act=" + act + "]"));
    }

    private static String state() {
        return (String) browser.js("return document.getElementById('notice-recorder').dataset.state || '';");
    }

    private static String errorShown() {
        return browser.driver
                .findElement(By.cssSelector("#notice-recorder [data-role=error]"))
                .getText();
    }
}
