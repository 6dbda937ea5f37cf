package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tocsin.testing.Tags;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** multicast() to 239.255.42.99 on the loopback interface, received by a member of the group. */
@Tag(Tags.H2_ONLY)
class MulticastTest {
    static final InetAddress GROUP = address("239.255.42.99");

    static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void groupMemberReceivesTheProgrammeInPcma() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        MulticastSocket member = new MulticastSocket(0);
        try (member) {
            try {
                member.joinGroup(new InetSocketAddress(GROUP, 0), lo);
            } catch (IOException e) {
                if (System.getenv("CI") != null) fail("cannot join a multicast group on lo", e);
                Assumptions.assumeTrue(false, "no multicast on the loopback interface: " + e);
            }
            member.setSoTimeout(2000);
            int port = member.getLocalPort();
            SipPager pager = new SipPager(
                    new SipSettings(0, "127.0.0.1", 44000, 44999, Duration.ofSeconds(5), Duration.ofSeconds(2), "t"));
            short[] pcm = SipPagerTest.programme(1.0);
            // TTL 0: the packets never leave this host, whatever the routes say.
            CompletableFuture<PageResult> sending = CompletableFuture.supplyAsync(
                    () -> pager.multicast(new InetSocketAddress(GROUP, port), 0, "PCMA", pcm, 16000));
            List<byte[]> got = new ArrayList<>();
            byte[] buf = new byte[2048];
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    member.receive(p);
                    got.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                }
            } catch (SocketTimeoutException done) {
                // the stream is over
            }
            PageResult r = sending.get();
            System.out.println("multicast: " + r + ", received " + got.size());
            assertEquals(PageOutcome.COMPLETED, r.outcome(), r.reason());
            assertEquals("PCMA", r.codec());
            short[] expected = Resampler.resample(pcm, 16000, 8000);
            int packets = RtpPacketizer.packetCount(expected.length);
            assertEquals(packets, r.packetsSent());
            if (got.isEmpty()) {
                if (System.getenv("CI") != null) fail("no multicast packet arrived on lo");
                Assumptions.assumeTrue(false, "multicast on lo does not loop back on this machine");
            }
            assertEquals(packets + RtpSender.FLUSH_PACKETS, got.size());
            short[] decoded = SipPagerTest.decode(got, Codec.PCMA);
            double c = SipPagerTest.correlation(expected, decoded, expected.length);
            System.out.printf("multicast decoded vs sent: correlation %.5f%n", c);
            assertTrue(c > 0.999, "correlation " + c);
        }
    }

    @Test
    void refusesAUnicastAddressAndAnUnknownCodec() {
        SipPager pager = new SipPager(
                new SipSettings(0, "127.0.0.1", 44000, 44999, Duration.ofSeconds(5), Duration.ofSeconds(2), "t"));
        short[] pcm = new short[160];
        assertEquals(
                PageOutcome.FAILED,
                pager.multicast(new InetSocketAddress("127.0.0.1", 5004), 0, "PCMU", pcm, 8000)
                        .outcome());
        assertEquals(
                PageOutcome.FAILED,
                pager.multicast(new InetSocketAddress(GROUP, 5004), 0, "G722", pcm, 8000)
                        .outcome());
    }
}
