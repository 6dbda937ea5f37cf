package dev.tocsin.audio.speech;

/**
 * Engine-neutral prosody. {@code rateWpm} is words per minute as both FreeTTS and espeak-ng
 * understand it; {@code pitch} and {@code pitchRange} run 0..99 with 50 meaning the voice's
 * own default, mapped by each engine onto its scale.
 */
public record VoiceSettings(String voice, int rateWpm, int pitch, int pitchRange) {

    public VoiceSettings {
        if (voice == null || voice.isBlank()) {
            throw new IllegalArgumentException("voice is required");
        }
        if (rateWpm < 60 || rateWpm > 400) {
            throw new IllegalArgumentException("rate must be 60..400 words per minute: " + rateWpm);
        }
        if (pitch < 0 || pitch > 99 || pitchRange < 0 || pitchRange > 99) {
            throw new IllegalArgumentException("pitch and pitch range must be 0..99");
        }
    }
}
