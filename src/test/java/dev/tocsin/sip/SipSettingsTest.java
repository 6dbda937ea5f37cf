package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SipSettingsTest {
    static final Duration S = Duration.ofSeconds(30);

    @Test
    void badSettingsAreRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> new SipSettings(70000, "127.0.0.1", 40000, 40999, S, S, "t"));
        assertThrows(IllegalArgumentException.class, () -> new SipSettings(5070, "127.0.0.1", 41000, 40000, S, S, "t"));
        assertThrows(IllegalArgumentException.class, () -> new SipSettings(5070, "127.0.0.1", 40000, 40000, S, S, "t"));
        assertThrows(IllegalArgumentException.class, () -> new SipSettings(5070, "127.0.0.1", 80, 40999, S, S, "t"));
        assertThrows(IllegalArgumentException.class, () -> new SipSettings(5070, " ", 40000, 40999, S, S, "t"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SipSettings(5070, "127.0.0.1", 40000, 40999, Duration.ZERO, S, "t"));
        new SipSettings(0, "127.0.0.1", 40000, 40999, S, S, "t");
    }

    @Test
    void targetNeverPrintsItsPassword() {
        SipTarget t = new SipTarget("sip:a@b", Optional.of("alice"), Optional.of("hunter2"));
        assertFalse(t.toString().contains("hunter2"), t.toString());
        assertTrue(t.toString().contains("alice"));
        SipTarget inUri = SipTarget.of("sip:alice:hunter2@10.0.0.7:5060;transport=udp");
        assertFalse(inUri.toString().contains("hunter2"), inUri.toString());
        assertTrue(inUri.toString().contains("sip:alice:***@10.0.0.7:5060"), inUri.toString());
        assertEquals("sip:bob@host", SipTarget.redacted("sip:bob@host"));
    }
}
