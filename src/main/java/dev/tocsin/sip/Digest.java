package dev.tocsin.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** RFC 2617 MD5 digest response, with or without qop=auth. */
final class Digest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Digest() {}

    static String response(
            String user,
            String realm,
            String password,
            String method,
            String uri,
            String nonce,
            String qop,
            String nc,
            String cnonce) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        if (qop == null) return md5(ha1 + ":" + nonce + ":" + ha2);
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static String cnonce() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String md5(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
