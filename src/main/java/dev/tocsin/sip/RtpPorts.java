package dev.tocsin.sip;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** Hands out RTP sockets on even ports of the configured range (RFC 3550: RTP even, RTCP odd). */
final class RtpPorts {
    private final int min;
    private final int max;
    private int next;

    RtpPorts(int min, int max) {
        this.min = min % 2 == 0 ? min : min + 1;
        this.max = max;
        this.next = this.min;
    }

    /** Binds the next free even port, trying the whole range once. */
    synchronized DatagramSocket open(InetAddress bind) throws SocketException {
        int slots = (max - min) / 2 + 1;
        for (int i = 0; i < slots; i++) {
            int port = next;
            next = next + 2 > max ? min : next + 2;
            DatagramSocket s = new DatagramSocket(null);
            try {
                s.bind(new InetSocketAddress(bind, port));
                return s;
            } catch (SocketException busy) {
                s.close();
            }
        }
        throw new SocketException("no free RTP port in " + min + "-" + max);
    }
}
