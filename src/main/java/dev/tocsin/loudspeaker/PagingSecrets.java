package dev.tocsin.loudspeaker;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals SIP passwords for the database with AES-GCM under the configured key. The terminal code
 * is bound in as associated data, so a sealed value copied to another row does not open.
 */
@ApplicationScoped
public class PagingSecrets {

    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKeySpec> key;

    PagingSecrets(LoudspeakerConfig config) {
        this.key = config.pagingSecretKey().filter(k -> !k.isBlank()).map(PagingSecrets::parseKey);
    }

    /** Fails the start on a malformed key rather than on the first SIP endpoint. */
    void check(@Observes StartupEvent ignored) {
        key.isPresent();
    }

    static SecretKeySpec parseKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tocsin.loudspeaker.paging-secret-key is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new IllegalStateException(
                    "tocsin.loudspeaker.paging-secret-key must be 16, 24 or 32 bytes, got " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean available() {
        return key.isPresent();
    }

    public String seal(String terminalCode, String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, terminalCode, iv, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return VERSION + Base64.getEncoder().encodeToString(out);
    }

    public String open(String terminalCode, String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("unknown sealed secret format");
        }
        byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, terminalCode, iv, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, String terminalCode, byte[] iv, byte[] data) {
        SecretKeySpec k = key.orElseThrow(() -> new IllegalStateException("no paging secret key configured"));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, k, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(terminalCode.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            // A wrong key (rotated without re-entering passwords) or a tampered value.
            throw new IllegalStateException("the SIP password cannot be opened with the configured key", e);
        }
    }
}
