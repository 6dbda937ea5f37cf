package dev.tocsin.audio.speech;

import dev.tocsin.audio.dsp.Pcm;

/**
 * A text-to-speech engine. Implementations must be safe to call from several threads and must
 * never play to a sound device. Text an engine cannot pronounce is skipped, never an error.
 */
public interface SpeechEngine {

    /** Stable id used in voice profiles, e.g. {@code freetts}, {@code espeak-ng}. */
    String id();

    /** Whether the engine can be used now, with its version (part of every audio cache key). */
    EngineStatus status();

    /**
     * Synthesizes one utterance. Returns an empty signal when nothing in the text is speakable.
     *
     * @throws SpeechException when the engine is unavailable, times out or fails
     */
    Pcm synthesize(String text, VoiceSettings voice);
}
