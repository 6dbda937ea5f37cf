package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.Tags;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.H2_ONLY)
class SdpTest {

    @Test
    void offerHasBothG711TypesPtimeAndSendrecv() {
        String o = Sdp.offer("192.0.2.10", 40002, 42);
        assertTrue(o.contains("c=IN IP4 192.0.2.10\r\n"), o);
        assertTrue(o.contains("m=audio 40002 RTP/AVP 0 8\r\n"), o);
        assertTrue(o.contains("a=rtpmap:0 PCMU/8000\r\n"), o);
        assertTrue(o.contains("a=rtpmap:8 PCMA/8000\r\n"), o);
        assertTrue(o.contains("a=ptime:20\r\n"), o);
        assertTrue(o.contains("a=sendrecv\r\n"), o);
        Sdp.Answer self = Sdp.parseAnswer(o);
        assertEquals(Optional.of(Codec.PCMU), self.codec());
    }

    @Test
    void baresipStyleAnswerChoosingPcma() {
        String a = "v=0\r\no=- 1 2 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
                + "m=audio 10002 RTP/AVP 8 101\r\nb=AS:80\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        Sdp.Answer ans = Sdp.parseAnswer(a);
        assertEquals("10.0.0.5", ans.host());
        assertEquals(10002, ans.port());
        assertEquals(Optional.of(Codec.PCMA), ans.codec());
    }

    @Test
    void mediaLevelAddressWinsAndPcmuIsPreferred() {
        String a = "v=0\no=- 1 2 IN IP4 1.1.1.1\ns=-\nc=IN IP4 1.1.1.1\nt=0 0\n"
                + "m=video 5000 RTP/AVP 96\nc=IN IP4 3.3.3.3\n"
                + "m=audio 6000 RTP/AVP 8 0\nc=IN IP4 2.2.2.2\n";
        Sdp.Answer ans = Sdp.parseAnswer(a);
        assertEquals("2.2.2.2", ans.host());
        assertEquals(6000, ans.port());
        assertEquals(Optional.of(Codec.PCMU), ans.codec());
    }

    @Test
    void unusableAnswers() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.parseAnswer("v=0\r\nc=IN IP4 1.2.3.4\r\n"));
        assertThrows(
                IllegalArgumentException.class,
                () -> Sdp.parseAnswer("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n"));
        Sdp.Answer g722 = Sdp.parseAnswer("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 9\r\n");
        assertTrue(g722.codec().isEmpty());
    }
}
