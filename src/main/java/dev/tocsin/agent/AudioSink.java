package dev.tocsin.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * Where a play's PCM goes: the sound card through Java Sound (ALSA on Linux), or, for tests and
 * dry runs, a WAV file per play. {@link #write} blocks for about as long as the audio lasts.
 */
interface AudioSink extends AutoCloseable {

    void write(byte[] pcm, int off, int len) throws IOException;

    /** Waits until what was written has been heard (or written). */
    void drain() throws IOException;

    /** Drops what is still buffered (a preempted play stops at once). */
    void stop();

    @Override
    void close() throws IOException;

    /** Opens a sink for one play per {@code TOCSIN_AGENT_AUDIO_DEVICE}. */
    static AudioSink open(String device, long playId, Mp3Pcm audio) throws IOException {
        AudioFormat format = new AudioFormat(audio.sampleRate(), 16, audio.channels(), true, false);
        if (device.startsWith("file:")) {
            return new WavFile(Path.of(device.substring("file:".length())).resolve("play-" + playId + ".wav"), format);
        }
        return new SoundCard(device, format);
    }

    /** Writes in real time (paced like a sound card), so a preemption cuts the file where a horn would stop. */
    final class WavFile implements AudioSink {
        private final RandomAccessFile out;
        private final AudioFormat format;
        private final long startNanos = System.nanoTime();
        private long bytes;

        WavFile(Path file, AudioFormat format) throws IOException {
            Files.createDirectories(file.getParent());
            this.out = new RandomAccessFile(file.toFile(), "rw");
            this.out.setLength(0);
            this.format = format;
            header(0);
        }

        @Override
        public void write(byte[] pcm, int off, int len) throws IOException {
            out.write(pcm, off, len);
            bytes += len;
            long dueNanos = (long) (bytes * 1e9 / (format.getSampleRate() * format.getFrameSize()));
            long ahead = dueNanos - (System.nanoTime() - startNanos);
            if (ahead > 0) {
                try {
                    Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void drain() {}

        @Override
        public void stop() {}

        @Override
        public void close() throws IOException {
            header(bytes);
            out.close();
        }

        private void header(long dataBytes) throws IOException {
            int rate = (int) format.getSampleRate();
            int channels = format.getChannels();
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
            h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
            h.putInt(rate)
                    .putInt(rate * channels * 2)
                    .putShort((short) (channels * 2))
                    .putShort((short) 16);
            h.put("data".getBytes()).putInt((int) dataBytes);
            out.seek(0);
            out.write(h.array());
            out.seek(44 + dataBytes);
        }
    }

    final class SoundCard implements AudioSink {
        private final SourceDataLine line;

        SoundCard(String device, AudioFormat format) throws IOException {
            try {
                line = "default".equals(device)
                        ? AudioSystem.getSourceDataLine(format)
                        : AudioSystem.getSourceDataLine(format, mixer(device));
                line.open(format, (int) format.getSampleRate() * format.getFrameSize() / 2);
                line.start();
            } catch (LineUnavailableException | IllegalArgumentException e) {
                throw new IOException("sound card '" + device + "' cannot play " + format + ": " + e.getMessage(), e);
            }
        }

        private static Mixer.Info mixer(String name) {
            for (Mixer.Info m : AudioSystem.getMixerInfo()) {
                if (m.getName().contains(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("no mixer named like '" + name + "'");
        }

        @Override
        public void write(byte[] pcm, int off, int len) {
            line.write(pcm, off, len);
        }

        @Override
        public void drain() {
            line.drain();
        }

        @Override
        public void stop() {
            line.stop();
            line.flush();
        }

        @Override
        public void close() {
            line.close();
        }
    }
}
