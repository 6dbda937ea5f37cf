package dev.tocsin.audio.master;

/**
 * Per-deployment mastering for horn loudspeakers. {@code codecHeadroomDb} keeps the limiter a
 * little under the ceiling because MP3 encoding adds inter-sample overshoot; the decoded MP3
 * must still respect {@code ceilingDbtp}.
 */
public record MasteringSettings(
        int sampleRate,
        double highPassHz,
        double lowPassHz,
        double compressorThresholdDb,
        double compressorRatio,
        double targetLufs,
        double ceilingDbtp,
        double codecHeadroomDb,
        double fadeSeconds,
        double leadSilenceSeconds,
        double tailSilenceSeconds,
        int mp3BitrateKbps) {

    public MasteringSettings {
        if (sampleRate != 16000 && sampleRate != 22050 && sampleRate != 24000) {
            throw new IllegalArgumentException(
                    "sample rate must be 16000, 22050 or 24000 (MP3 MPEG-2 rates): " + sampleRate);
        }
        if (targetLufs > -6 || targetLufs < -40) {
            throw new IllegalArgumentException("target loudness must be -40..-6 LUFS: " + targetLufs);
        }
        if (ceilingDbtp > 0 || ceilingDbtp < -12) {
            throw new IllegalArgumentException("true-peak ceiling must be -12..0 dBTP: " + ceilingDbtp);
        }
        if (lowPassHz >= sampleRate / 2.0 || highPassHz >= lowPassHz) {
            throw new IllegalArgumentException("need high-pass < low-pass < Nyquist: " + highPassHz + ", " + lowPassHz);
        }
    }

    /** Canonical text of every setting, part of the audio cache key. */
    public String canonical() {
        return toString();
    }
}
