package dev.tocsin.audio.speech;

import dev.tocsin.audio.codec.Wav;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.speech.wasm.EspeakWasm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * espeak-ng inside the JVM: the same synthesizer as {@link EspeakEngine}, compiled to WebAssembly
 * and bundled, so Mandarin is spoken on a machine with only a JDK. Input is exactly what the
 * system engine gets ({@link EspeakEngine#input}: the pronunciation step's toned pinyin for the
 * {@code cmn-latn-pinyin} voice). The module is compiled in the background from construction,
 * so the first notice does not pay for it in full; each utterance runs in a fresh instance.
 */
public final class EspeakWasmEngine implements SpeechEngine {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EspeakWasmEngine.class);

    public static final String ID = "espeak-wasm";

    private final CompletableFuture<EspeakWasm> runtime;
    private final long timeoutMillis;
    private final EngineStatus status;

    public EspeakWasmEngine(java.time.Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
        boolean bundled = EspeakWasmEngine.class.getResource(EspeakWasm.RESOURCE) != null;
        this.status = bundled
                ? EngineStatus.available(ID, EspeakWasm.VERSION)
                : EngineStatus.unavailable(ID, "bundled module " + EspeakWasm.RESOURCE + " missing from this build");
        this.runtime = bundled
                ? CompletableFuture.supplyAsync(EspeakWasmEngine::load)
                : CompletableFuture.failedFuture(new IllegalStateException(status.detail()));
        if (bundled && hugeMethodsInterpreted()) {
            LOG.warn("espeak-wasm speaks about 6x slower than it could: start the JVM with"
                    + " -XX:-DontCompileHugeMethods (its wave generator is above HotSpot's JIT size limit)");
        }
    }

    /** HotSpot leaves methods above 8,000 bytes of bytecode to its interpreter unless told not to. */
    static boolean hugeMethodsInterpreted() {
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory.getPlatformMXBean(
                            com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("DontCompileHugeMethods")
                    .getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
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
                    SpeechException.Reason.UNAVAILABLE, "espeak-wasm unavailable: " + status.detail());
        }
        String input = EspeakEngine.input(text, voice.voice());
        if (input.isBlank()) {
            return new Pcm(new float[0], 22050);
        }
        EspeakWasm espeak = runtime();
        EspeakWasm.Result result = espeak.run(List.of(
                "--stdout",
                "-v",
                voice.voice(),
                "-s",
                Integer.toString(voice.rateWpm()),
                "-p",
                Integer.toString(voice.pitch()),
                input));
        if (result.status() != 0 || result.stdout().length < 44) {
            throw new SpeechException(
                    SpeechException.Reason.FAILED,
                    "espeak-wasm exited with " + result.status() + ": "
                            + result.stderr().strip());
        }
        return Wav.read(result.stdout());
    }

    private EspeakWasm runtime() {
        try {
            return runtime.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SpeechException(
                    SpeechException.Reason.TIMEOUT, "espeak-wasm was not ready within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new SpeechException(
                    SpeechException.Reason.FAILED,
                    "espeak-wasm failed to load: " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.FAILED, "interrupted while espeak-wasm loaded", e);
        }
    }

    private static EspeakWasm load() {
        try {
            return EspeakWasm.load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
