package dev.tocsin.audio.speech;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.audio.AudioPlayer;
import com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory;
import dev.tocsin.audio.dsp.Pcm;
import dev.tocsin.compose.spoken.EnglishNormalizer;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;

/**
 * FreeTTS (English). A FreeTTS {@link Voice} carries mutable prosody and one output queue, so
 * it serves one utterance at a time: voices are allocated lazily into a bounded pool and
 * borrowed per request. Text is normalised first ({@link EnglishNormalizer}: "-3C" is "minus
 * three degrees Celsius", "119" is "one one nine"). Audio goes to an in-memory player, never to
 * a sound device.
 */
public final class FreeTtsEngine implements SpeechEngine {

    public static final String ID = "freetts";
    static final String VERSION = "freetts 1.2.2";
    /** See {@link #allocate}. */
    private static final Object ALLOCATION = new Object();

    private final int poolSize;
    private final Duration acquireTimeout;
    private final BlockingQueue<PooledVoice> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger allocated = new AtomicInteger();

    public FreeTtsEngine(int poolSize, Duration acquireTimeout) {
        this.poolSize = poolSize;
        this.acquireTimeout = acquireTimeout;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public EngineStatus status() {
        return EngineStatus.available(ID, VERSION + " (voices: kevin16, pool " + poolSize + ")");
    }

    @Override
    public Pcm synthesize(String text, VoiceSettings settings) {
        String speakable = input(text);
        if (speakable.isBlank()) {
            return new Pcm(new float[0], 16000);
        }
        PooledVoice pooled = borrow(settings.voice());
        try {
            Voice voice = pooled.voice;
            voice.setRate(settings.rateWpm());
            voice.setPitch((float) (pooled.defaultPitch * Math.pow(2, (settings.pitch() - 50) / 50.0)));
            voice.setPitchRange((float) (pooled.defaultRange * settings.pitchRange() / 50.0));
            MemoryPlayer player = new MemoryPlayer();
            voice.setAudioPlayer(player);
            if (!voice.speak(speakable)) {
                throw new SpeechException(SpeechException.Reason.FAILED, "FreeTTS could not speak the text");
            }
            player.close();
            return player.toPcm();
        } finally {
            idle.add(pooled);
        }
    }

    /** Exactly what FreeTTS is given for a text: normalised English it can read. */
    public static String input(String text) {
        return speakable(EnglishNormalizer.normalize(text));
    }

    /** Keeps what kevin16's English front end can read; everything else becomes a pause. */
    static String speakable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean latin = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            boolean punctuation = " .,;:!?'\"-()%&/".indexOf(c) >= 0;
            out.append(latin || punctuation ? (char) c : ' ');
        });
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private PooledVoice borrow(String name) {
        PooledVoice v = idle.poll();
        if (v != null) {
            return v;
        }
        if (allocated.incrementAndGet() <= poolSize) {
            try {
                return allocate(name);
            } catch (RuntimeException e) {
                allocated.decrementAndGet();
                throw e;
            }
        }
        allocated.decrementAndGet();
        try {
            v = idle.poll(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.FAILED, "interrupted waiting for a FreeTTS voice", e);
        }
        if (v == null) {
            throw new SpeechException(
                    SpeechException.Reason.TIMEOUT,
                    "all " + poolSize + " FreeTTS voices busy for " + acquireTimeout.toSeconds() + " s");
        }
        return v;
    }

    /**
     * Voices are allocated one at a time: FreeTTS loads its lexicon through shared state, and two
     * allocations at once failed inside LetterToSoundImpl (IndexOutOfBoundsException). It happens
     * once per pooled voice, so the lock costs nothing afterwards.
     */
    private static PooledVoice allocate(String name) {
        synchronized (ALLOCATION) {
            // Instantiating the directory avoids the freetts.voices system property lookup,
            // which depends on the class path layout and breaks in the packaged application.
            Voice voice = Arrays.stream(new KevinVoiceDirectory().getVoices())
                    .filter(v -> v.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new SpeechException(
                            SpeechException.Reason.UNAVAILABLE,
                            "FreeTTS has no voice '" + name + "' (available: kevin16)"));
            voice.allocate();
            return new PooledVoice(voice, voice.getPitch(), voice.getPitchRange());
        }
    }

    private record PooledVoice(Voice voice, float defaultPitch, float defaultRange) {}

    /** Collects the synthesized bytes; FreeTTS calls begin/write/end once per utterance chunk. */
    private static final class MemoryPlayer implements AudioPlayer {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);
        private float volume = 1;

        Pcm toPcm() {
            byte[] b = bytes.toByteArray();
            int frames = b.length / 2;
            float[] out = new float[frames];
            boolean big = format.isBigEndian();
            for (int i = 0; i < frames; i++) {
                int hi = big ? b[2 * i] : b[2 * i + 1];
                int lo = (big ? b[2 * i + 1] : b[2 * i]) & 0xFF;
                out[i] = (short) ((hi << 8) | lo) / 32768f;
            }
            return new Pcm(out, (int) format.getSampleRate());
        }

        @Override
        public void setAudioFormat(AudioFormat f) {
            format = f;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void reset() {}

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {}

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float v) {
            volume = v;
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {}

        @Override
        public void startFirstSampleTimer() {}

        @Override
        public boolean write(byte[] audio) {
            return write(audio, 0, audio.length);
        }

        @Override
        public boolean write(byte[] audio, int offset, int size) {
            bytes.write(audio, offset, size);
            return true;
        }

        @Override
        public void showMetrics() {}
    }
}
