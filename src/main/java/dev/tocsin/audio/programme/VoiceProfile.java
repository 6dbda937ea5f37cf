package dev.tocsin.audio.programme;

import dev.tocsin.audio.speech.VoiceSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one dialect style is spoken: engines in order of preference with the voice each uses,
 * prosody, pauses, how often the key instruction is repeated, the phrase bank with recorded
 * dialect phrases, and the spoken opening and closing lines.
 */
public record VoiceProfile(
        String id,
        String name,
        List<String> engines,
        Map<String, String> voices,
        int rateWpm,
        int pitch,
        int pitchRange,
        int sentencePauseMs,
        int repeatCount,
        Optional<String> phraseBank,
        String opening,
        String closing,
        String fingerprint) {

    public VoiceSettings settingsFor(String engineId) {
        return new VoiceSettings(voices.get(engineId), rateWpm, pitch, pitchRange);
    }
}
