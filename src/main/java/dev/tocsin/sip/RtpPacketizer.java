package dev.tocsin.sip;

import java.security.SecureRandom;

/**
 * Cuts 8 kHz PCM into RFC 3550 packets of 20 ms (160 samples); the last one is padded with
 * silence. Sequence number and timestamp start at random values as the RFC asks.
 */
final class RtpPacketizer {
    static final int SAMPLES_PER_PACKET = 160;
    static final int HEADER = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Codec codec;
    private final int ssrc;
    private int seq;
    private int timestamp;
    private boolean first = true;

    RtpPacketizer(Codec codec) {
        this(codec, RANDOM.nextInt(), RANDOM.nextInt(0x10000), RANDOM.nextInt());
    }

    RtpPacketizer(Codec codec, int ssrc, int initialSeq, int initialTimestamp) {
        this.codec = codec;
        this.ssrc = ssrc;
        this.seq = initialSeq & 0xFFFF;
        this.timestamp = initialTimestamp;
    }

    static int packetCount(int samples) {
        return (samples + SAMPLES_PER_PACKET - 1) / SAMPLES_PER_PACKET;
    }

    /** Packet number {@code index} of the programme (call in order). */
    byte[] packet(short[] pcm8k, int index) {
        byte[] p = new byte[HEADER + SAMPLES_PER_PACKET];
        p[0] = (byte) 0x80; // version 2, no padding, no extension, no CSRC
        // Marker on the first packet: the start of a talkspurt (RFC 3551 section 4.1).
        p[1] = (byte) ((first ? 0x80 : 0) | codec.payloadType);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (timestamp >>> 24);
        p[5] = (byte) (timestamp >>> 16);
        p[6] = (byte) (timestamp >>> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        int base = index * SAMPLES_PER_PACKET;
        for (int i = 0; i < SAMPLES_PER_PACKET; i++) {
            int s = base + i;
            p[HEADER + i] = codec.encode(s < pcm8k.length ? pcm8k[s] : 0);
        }
        first = false;
        seq = (seq + 1) & 0xFFFF;
        timestamp += SAMPLES_PER_PACKET;
        return p;
    }

    int ssrc() {
        return ssrc;
    }
}
