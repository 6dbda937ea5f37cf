package dev.tocsin.duty;

import dev.tocsin.platform.TocsinConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The answer link in a 叫应 SMS: {@code <public-url>/duty/a/<entry>-<person>-<mac>}, the mac an
 * HMAC-SHA256 of entry and person under {@code tocsin.duty.link-secret}, cut to 128 bits (22
 * characters) to keep the SMS short. One-time because the entry takes one answer.
 */
@ApplicationScoped
public class DutyLinks {

    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,18})-([0-9]{1,18})-([A-Za-z0-9_-]{22})");

    /** What a link names, once its mac checked out. */
    record Target(long entryId, long personId) {}

    private final Optional<byte[]> secret;
    private final String base;

    DutyLinks(DutyPolicy policy, TocsinConfig tocsin) {
        this.secret = policy.linkSecret().map(s -> s.getBytes(StandardCharsets.UTF_8));
        String url = tocsin.publicUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The link for this person on this entry; empty when no secret is configured. */
    Optional<String> link(long entryId, long personId) {
        return secret.map(k -> base + "/duty/a/" + entryId + "-" + personId + "-" + mac(k, entryId, personId));
    }

    /** The entry and person a token names, if its mac is right. */
    Optional<Target> verify(String token) {
        if (secret.isEmpty() || token == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long entry = Long.parseLong(m.group(1));
        long person = Long.parseLong(m.group(2));
        byte[] expected = mac(secret.get(), entry, person).getBytes(StandardCharsets.US_ASCII);
        byte[] given = m.group(3).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(new Target(entry, person)) : Optional.empty();
    }

    private static String mac(byte[] key, long entryId, long personId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(("duty-answer:" + entryId + ":" + personId).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(full).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
