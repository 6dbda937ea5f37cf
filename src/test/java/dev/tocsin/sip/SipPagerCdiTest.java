package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.testing.Tags;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bean as the application gets it: config read, and no SIP port bound until a page. */
@QuarkusTest
@Tag(Tags.H2_ONLY)
class SipPagerCdiTest {
    @Inject
    SipPager pager;

    @Inject
    SipConfig config;

    @Test
    void defaultsAndLazyStart() {
        assertEquals(5070, config.localPort());
        assertEquals(40000, config.rtpPortMin());
        assertEquals(40999, config.rtpPortMax());
        assertEquals("127.0.0.1", config.advertisedHost());
        assertEquals(-1, pager.sipPort(), "the SIP stack starts on the first page only");
        PageResult r = pager.multicast(new InetSocketAddress("127.0.0.1", 5004), 0, "PCMU", new short[160], 8000);
        assertEquals(PageOutcome.FAILED, r.outcome());
        assertEquals(-1, pager.sipPort());
    }
}
