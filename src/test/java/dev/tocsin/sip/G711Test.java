package dev.tocsin.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.H2_ONLY)
class G711Test {

    @Test
    void muLawTablePoints() {
        assertEquals((byte) 0xFF, G711.ulaw((short) 0));
        assertEquals((byte) 0x80, G711.ulaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.ulaw(Short.MIN_VALUE));
        assertEquals((byte) 0x7F, G711.ulaw((short) -1));
        // G.711 table 2a: decision values and the outputs of the outermost codes.
        assertEquals(0, G711.ulawDecode((byte) 0xFF));
        assertEquals(32124, G711.ulawDecode((byte) 0x80));
        assertEquals(-32124, G711.ulawDecode((byte) 0x00));
        assertEquals(8, G711.ulawDecode((byte) 0xFE));
        assertEquals((byte) 0xFE, G711.ulaw((short) 8));
    }

    @Test
    void aLawTablePoints() {
        assertEquals((byte) 0xD5, G711.alaw((short) 0));
        assertEquals((byte) 0xAA, G711.alaw(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, G711.alaw(Short.MIN_VALUE));
        assertEquals(8, G711.alawDecode((byte) 0xD5));
        assertEquals(-8, G711.alawDecode((byte) 0x55));
        assertEquals(32256, G711.alawDecode((byte) 0xAA));
        assertEquals(-32256, G711.alawDecode((byte) 0x2A));
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            if (c != 0x7F) assertEquals(code, G711.ulaw(G711.ulawDecode(code)), "mu-law code " + c);
            assertEquals(code, G711.alaw(G711.alawDecode(code)), "A-law code " + c);
        }
    }

    @Test
    void roundTripErrorStaysWithinHalfAStep() {
        int worstU = 0;
        int worstA = 0;
        for (int x = -32000; x <= 32000; x++) {
            int eu = Math.abs(x - G711.ulawDecode(G711.ulaw((short) x)));
            int ea = Math.abs(x - G711.alawDecode(G711.alaw((short) x)));
            // Steps double per segment: half a step is at most 1/32 of the value plus the bottom step.
            assertTrue(eu <= 4 + Math.abs(x) / 32 + 2, "mu-law error " + eu + " at " + x);
            assertTrue(ea <= 8 + Math.abs(x) / 32 + 2, "A-law error " + ea + " at " + x);
            worstU = Math.max(worstU, eu);
            worstA = Math.max(worstA, ea);
        }
        assertTrue(worstU > 0 && worstA > 0, "a codec that loses nothing is not G.711");
        System.out.printf("G.711 worst round-trip error up to |x|=32000: mu-law %d, A-law %d%n", worstU, worstA);
    }
}
