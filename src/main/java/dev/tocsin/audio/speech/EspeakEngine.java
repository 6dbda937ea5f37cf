package dev.tocsin.audio.speech;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.compose.spoken.SpokenText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * espeak-ng as an external process: detected once at start-up ({@code --version}), then one
 * process per utterance with the text on stdin, the WAV written to a temporary file and a hard
 * timeout. Mandarin goes through {@link MandarinPinyin} and the {@code cmn-latn-pinyin} voice;
 * other voices (e.g. {@code yue}) get the normalised text ({@link SpokenText}) with unspeakable
 * symbols removed.
 */
public final class EspeakEngine implements SpeechEngine {

    public static final String ID = "espeak-ng";
    static final String PINYIN_VOICE = "cmn-latn-pinyin";

    private final String command;
    private final Duration timeout;
    private final EngineStatus status;

    public EspeakEngine(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
        this.status = detect(command, timeout);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EngineStatus status() {
        return status;
    }

    @Override
    public Pcm synthesize(String text, VoiceSettings voice) {
        if (!status.available()) {
            throw new SpeechException(
                    SpeechException.Reason.UNAVAILABLE, "espeak-ng engine unavailable: " + status.detail());
        }
        String input = input(text, voice.voice());
        if (input.isBlank()) {
            return new Pcm(new float[0], 22050);
        }
        Path wav = null;
        Path err = null;
        try {
            wav = Files.createTempFile("tocsin-espeak", ".wav");
            err = Files.createTempFile("tocsin-espeak", ".err");
            Process p = new ProcessBuilder(
                            command,
                            "-v",
                            voice.voice(),
                            "-s",
                            Integer.toString(voice.rateWpm()),
                            "-p",
                            Integer.toString(voice.pitch()),
                            "-w",
                            wav.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile())
                    .start();
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException brokenPipe) {
                // The process exited before reading its input; its exit code and stderr tell why.
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SpeechException(
                        SpeechException.Reason.TIMEOUT,
                        "espeak-ng did not finish within " + timeout.toMillis() + " ms");
            }
            if (p.exitValue() != 0) {
                throw new SpeechException(
                        SpeechException.Reason.FAILED,
                        "espeak-ng exited with " + p.exitValue() + ": "
                                + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Wav.read(Files.readAllBytes(wav));
        } catch (IOException | IllegalArgumentException e) {
            throw new SpeechException(SpeechException.Reason.FAILED, "espeak-ng failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.FAILED, "interrupted while espeak-ng was speaking", e);
        } finally {
            deleteQuietly(wav);
            deleteQuietly(err);
        }
    }

    /** Exactly what espeak-ng is given for a text and voice: pinyin as said, or the normalised text. */
    public static String input(String text, String voice) {
        return PINYIN_VOICE.equals(voice)
                ? Arrays.stream(MandarinPinyin.toPinyin(text).split(" "))
                        .map(EspeakEngine::sayable)
                        .collect(Collectors.joining(" "))
                : withoutSymbols(SpokenText.auto(text));
    }

    private static final Pattern IONG = Pattern.compile("([jqx])iong([1-5])([,.]?)");
    private static final Map<String, String> PALATAL = Map.of("j", "tS;", "q", "tS;h", "x", "S;");
    private static final Map<String, String> TONE = Map.of("1", "55", "2", "35", "3", "214", "4", "51", "5", "11");

    /**
     * One toned pinyin syllable as espeak-ng can say it. Its pinyin rules (1.51, 1.52) lack
     * jiong/qiong/xiong (窘 穷 兄 胸...) and spell them out in English; those go in as phonemes.
     */
    static String sayable(String syllable) {
        Matcher m = IONG.matcher(syllable);
        if (!m.matches()) {
            return syllable;
        }
        return "[[" + PALATAL.get(m.group(1)) + "j'ong" + TONE.get(m.group(2)) + "]]" + m.group(3);
    }

    /** Keeps letters, digits, punctuation and spaces; drops emoji and other symbols. */
    static String withoutSymbols(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .filter(c -> Character.isLetterOrDigit(c)
                        || Character.isWhitespace(c)
                        || Character.getType(c) == Character.OTHER_PUNCTUATION
                        || Character.getType(c) == Character.DASH_PUNCTUATION)
                .forEach(out::appendCodePoint);
        return out.toString().trim();
    }

    private static EngineStatus detect(String command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(List.of(command, "--version"))
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(Math.min(timeout.toMillis(), 5000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return EngineStatus.unavailable(ID, "'" + command + " --version' did not answer in time");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !out.contains("eSpeak")) {
                return EngineStatus.unavailable(ID, "'" + command + " --version' failed: " + out);
            }
            // "eSpeak NG text-to-speech: 1.51  Data at: ..." -> "eSpeak NG text-to-speech: 1.51"
            int data = out.indexOf("Data at");
            return EngineStatus.available(ID, (data > 0 ? out.substring(0, data) : out).strip());
        } catch (IOException e) {
            return EngineStatus.unavailable(ID, "'" + command + "' not installed (apt-get install espeak-ng)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EngineStatus.unavailable(ID, "interrupted during detection");
        }
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless.
            }
        }
    }
}
