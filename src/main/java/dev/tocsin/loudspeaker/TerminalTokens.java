package dev.tocsin.loudspeaker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device tokens: 32 random bytes, base64url. Only a SHA-256 is stored; a plain hash is enough
 * for a 256-bit random secret (no dictionary to guess from) and lets a request find its
 * terminal by an indexed lookup instead of trying every stored hash.
 */
final class TerminalTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TerminalTokens() {}

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token of an {@code Authorization: Bearer} header; 401 when there is none. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DeviceService.unauthorized();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > 200) {
            throw DeviceService.unauthorized();
        }
        return token;
    }

    static String hash(String token) {
        return "sha256:" + sha256Hex(token);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String token, String storedHash) {
        return storedHash != null
                && MessageDigest.isEqual(
                        hash(token).getBytes(StandardCharsets.US_ASCII),
                        storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
