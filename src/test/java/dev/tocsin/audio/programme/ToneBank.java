package dev.tocsin.audio.programme;

import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.audio.dsp.Signals;
import dev.tocsin.audio.speech.PhraseBank;
import java.util.ArrayList;
import java.util.List;

/**
 * Phrase banks whose "recordings" are pure tones: a listener (or a test) tells them from any
 * speech engine's voice by the signal alone.
 */
final class ToneBank {

    static final int RATE = 16000;
    static final double TONE_HZ = 3000;

    /** Enough slots for the cold-wave sentence: its dates, temperature and phone number. */
    static final List<String> SLOTS =
            List.of("零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "幺", "零下", "摄氏度", "月", "日", "至");

    private ToneBank() {}

    static PhraseBank of(List<String> slots, List<String> phrases) {
        List<PhraseBank.Clip> clips = new ArrayList<>();
        slots.forEach(t -> clips.add(new PhraseBank.Clip(t, PhraseBank.Kind.SLOT, tone(t), "test:" + t)));
        phrases.forEach(t -> clips.add(new PhraseBank.Clip(t, PhraseBank.Kind.PHRASE, tone(t), "test:" + t)));
        return PhraseBank.empty("tones").withClips(clips, "tones");
    }

    /** A quarter second per character, as a syllable would last. */
    static Pcm tone(String text) {
        return Signals.sine(TONE_HZ, -6, 0.25 * text.length(), RATE).fade(0.01, 0.01);
    }
}
