package dev.tocsin.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Sends a programme in real time. Each packet has an absolute deadline (start + i * 20 ms) on
 * System.nanoTime, so a late wake-up is caught up on the next packet instead of adding drift.
 */
final class RtpSender {
    static final long PACKET_NANOS = 20_000_000L;
    /**
     * Silence sent after the programme. Many terminals decode only when a packet arrives, so the
     * last packets sit in their jitter buffer until more come: without this tail baresip lost
     * the final 100 ms. 500 ms covers the usual buffers.
     */
    static final int FLUSH_PACKETS = 25;

    /** packets counts the programme's packets, not the silent tail. */
    record Sent(int packets, Instant firstAt, boolean stopped) {}

    private RtpSender() {}

    static Sent stream(DatagramSocket socket, InetSocketAddress to, Codec codec, short[] pcm8k, BooleanSupplier stop)
            throws IOException {
        RtpPacketizer packetizer = new RtpPacketizer(codec);
        int count = RtpPacketizer.packetCount(pcm8k.length);
        long start = System.nanoTime();
        Instant firstAt = null;
        for (int i = 0; i < count + FLUSH_PACKETS; i++) {
            if (stop.getAsBoolean()) return new Sent(Math.min(i, count), firstAt, i < count);
            long deadline = start + i * PACKET_NANOS;
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            byte[] p = packetizer.packet(pcm8k, i);
            socket.send(new DatagramPacket(p, p.length, to));
            if (firstAt == null) firstAt = Instant.now();
        }
        // Let the last packet play out before the caller hangs up.
        long end = start + (count + FLUSH_PACKETS) * PACKET_NANOS;
        long wait;
        while ((wait = end - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
        return new Sent(count, firstAt, false);
    }
}
