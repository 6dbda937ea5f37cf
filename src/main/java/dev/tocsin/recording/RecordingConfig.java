package dev.tocsin.recording;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of staff recordings (tocsin.recordings.*). */
@ConfigMapping(prefix = "tocsin.recordings")
public interface RecordingConfig {

    /** Largest upload accepted, in bytes (a 5-minute 48 kHz stereo 16-bit WAV is about 58 MB; use MP3 or FLAC). */
    @WithDefault("25000000")
    long maxBytes();

    /** Longest recording, before trimming. */
    @WithDefault("300")
    int maxSeconds();

    /** Shortest recording: a phrase-bank digit is about this long. */
    @WithDefault("0.2")
    double minSeconds();
}
