package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.H2_ONLY)
class RtpPacketizerTest {

    static int u16(byte[] p, int at) {
        return ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
    }

    static int u32(byte[] p, int at) {
        return ((p[at] & 0xFF) << 24) | ((p[at + 1] & 0xFF) << 16) | ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
    }

    @Test
    void headerFieldsFollowRfc3550() {
        short[] pcm = ResamplerTest.tone(1000, 8000, 0.05, 8000); // 400 samples -> 3 packets
        assertEquals(3, RtpPacketizer.packetCount(pcm.length));
        RtpPacketizer p = new RtpPacketizer(Codec.PCMA, 0xCAFEBABE, 0xFFFE, 0xFFFFFF00);
        byte[][] packets = new byte[3][];
        for (int i = 0; i < 3; i++) packets[i] = p.packet(pcm, i);
        for (int i = 0; i < 3; i++) {
            byte[] b = packets[i];
            assertEquals(12 + 160, b.length);
            assertEquals(2, (b[0] & 0xFF) >> 6, "version");
            assertEquals(0, b[0] & 0x3F, "no padding, extension or CSRC");
            assertEquals(8, b[1] & 0x7F, "payload type PCMA");
            assertEquals(i == 0, (b[1] & 0x80) != 0, "marker only on the first packet");
            assertEquals((0xFFFE + i) & 0xFFFF, u16(b, 2), "sequence wraps at 16 bits");
            assertEquals(0xFFFFFF00 + 160 * i, u32(b, 4), "timestamp +160 a packet");
            assertEquals(0xCAFEBABE, u32(b, 8), "SSRC constant");
        }
        // Payload is the A-law of the samples; the tail of the last packet is silence.
        assertEquals(G711.alaw(pcm[170]), packets[1][12 + 10]);
        assertEquals(G711.alaw((short) 0), packets[2][12 + 159]);
        assertEquals(G711.alaw(pcm[399]), packets[2][12 + 79]);
    }

    @Test
    void randomStartValuesDiffer() {
        RtpPacketizer a = new RtpPacketizer(Codec.PCMU);
        RtpPacketizer b = new RtpPacketizer(Codec.PCMU);
        assertTrue(a.ssrc() != b.ssrc(), "two streams should not share an SSRC (1 in 2^32)");
        assertEquals(0, a.packet(new short[0], 0)[1] & 0x7F, "payload type PCMU");
    }
}
