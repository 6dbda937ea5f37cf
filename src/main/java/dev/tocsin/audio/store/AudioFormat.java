package dev.tocsin.audio.store;

import java.util.Arrays;
import java.util.Optional;

/** Encodings a programme is stored in. */
public enum AudioFormat {
    MP3("mp3", "audio/mpeg"),
    WAV("wav", "audio/wav");

    private final String extension;
    private final String mediaType;

    AudioFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<AudioFormat> ofExtension(String ext) {
        return Arrays.stream(values()).filter(f -> f.extension.equals(ext)).findFirst();
    }
}
