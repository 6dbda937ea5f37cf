package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The bean as the application gets it: config read, and no SIP port bound until a page. */
@QuarkusTest
@Tag(Tags.H2_ONLY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipPagerCdiTest {
    @Inject
    SipPager pager;

    @Inject
    SipConfig config;

    @Test
    @Order(1)
    void defaultsAndLazyStart() {
        assertEquals(0, config.localPort(), "tests take any free port (5070 outside tests)");
        assertEquals(40000, config.rtpPortMin());
        assertEquals(40999, config.rtpPortMax());
        assertEquals("127.0.0.1", config.advertisedHost());
        assertEquals(-1, pager.sipPort(), "the SIP stack starts on the first page only");
        PageResult r = pager.multicast(new InetSocketAddress("127.0.0.1", 5004), 0, "PCMU", new short[160], 8000);
        assertEquals(PageOutcome.FAILED, r.outcome());
        assertEquals(-1, pager.sipPort());
    }

    /**
     * A page through the bean: JAIN-SIP loads its logger class by name, which must work from
     * Quarkus's class loader too. Binds a free port for the rest of the test run.
     */
    @Test
    @Order(2)
    void pagesThroughTheBean() throws Exception {
        try (TestUas uas = new TestUas(TestUas.Scenario.ANSWER)) {
            PageResult r = pager.page(SipTarget.of(uas.uri()), new short[1600], 8000);
            assertEquals(PageOutcome.COMPLETED, r.outcome(), r.reason());
            assertTrue(pager.sipPort() > 0, "bound to a real port");
            assertEquals(
                    10 + RtpSender.FLUSH_PACKETS,
                    uas.calls.values().iterator().next().sink.packets.size());
        }
    }
}
