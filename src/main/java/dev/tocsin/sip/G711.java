package dev.tocsin.sip;

/** ITU-T G.711 mu-law and A-law, the classic segment algorithms (as in Sun's g711.c). */
final class G711 {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private G711() {}

    static byte ulaw(short pcm) {
        int s = pcm;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) s = -s;
        if (s > CLIP) s = CLIP;
        s += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static short ulawDecode(byte code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
    }

    static byte alaw(short pcm) {
        int s = pcm;
        int mask;
        if (s >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            s = -s - 1;
        }
        if (s > 32767) s = 32767;
        int seg = 0;
        int limit = 0xFF;
        while (seg < 8 && s > limit) {
            seg++;
            limit = (limit << 1) | 1;
        }
        if (seg >= 8) return (byte) (0x7F ^ mask);
        int aval = seg << 4;
        aval |= seg < 2 ? (s >> 4) & 0x0F : (s >> (seg + 3)) & 0x0F;
        return (byte) (aval ^ mask);
    }

    static short alawDecode(byte code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) t += 8;
        else if (seg == 1) t += 0x108;
        else {
            t += 0x108;
            t <<= seg - 1;
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
