package dev.tocsin.audio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Loudspeaker audio: templates, script limits, engines and mastering (prefix tocsin.audio). */
@ConfigMapping(prefix = "tocsin.audio")
public interface AudioConfig {

    /** Folder with voices/, programmes/, phrases/ and chimes/ (validated at start-up). */
    @WithDefault("audio-templates")
    Path templatesDir();

    /**
     * When the folder does not exist, use the copy packaged in the application instead of
     * failing at start-up (so the service boots from any working directory).
     */
    @WithDefault("true")
    boolean templatesClasspathFallback();

    /** Longest script accepted, in characters (about eight minutes of Chinese speech). */
    @WithDefault("2000")
    int maxScriptChars();

    Mastering mastering();

    Freetts freetts();

    Espeak espeak();

    EspeakWasm espeakWasm();

    interface Mastering {
        /**
         * Output sample rate: 16000, 22050 or 24000 Hz (MP3 MPEG-2 rates). 16 kHz carries the
         * whole horn band (150 Hz - 5 kHz), is FreeTTS's native rate and is cheapest to encode.
         */
        @WithDefault("16000")
        int sampleRate();

        @WithDefault("-16")
        double targetLufs();

        @WithDefault("-1")
        double ceilingDbtp();

        /** Limiter margin under the ceiling for MP3 overshoot. */
        @WithDefault("0.8")
        double codecHeadroomDb();

        @WithDefault("150")
        double highPassHz();

        @WithDefault("5000")
        double lowPassHz();

        @WithDefault("-24")
        double compressorThresholdDb();

        @WithDefault("3")
        double compressorRatio();

        @WithDefault("0.01")
        double fadeSeconds();

        @WithDefault("0.3")
        double leadSilenceSeconds();

        @WithDefault("0.5")
        double tailSilenceSeconds();

        @WithDefault("48")
        int mp3BitrateKbps();
    }

    interface Freetts {
        /** Allocated voices (each about 10 MB); requests beyond wait for a free one. */
        @WithDefault("2")
        int poolSize();

        @WithDefault("30S")
        Duration acquireTimeout();
    }

    interface Espeak {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("espeak-ng")
        String command();

        /** Longest one utterance may take before the process is killed. */
        @WithDefault("20S")
        Duration timeout();
    }

    /** espeak-ng compiled to WebAssembly and bundled: Chinese speech with only a JDK. */
    interface EspeakWasm {
        @WithDefault("true")
        boolean enabled();

        /** Longest an utterance waits for the module to finish compiling after start-up. */
        @WithDefault("60S")
        Duration loadTimeout();
    }
}
