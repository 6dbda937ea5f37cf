package dev.tocsin.sip;

import java.util.Objects;
import java.util.Optional;

/** A SIP terminal to page; credentials answer a 401/407 digest challenge. */
public record SipTarget(String uri, Optional<String> username, Optional<String> password) {

    public SipTarget {
        Objects.requireNonNull(uri, "uri");
        username = username == null ? Optional.empty() : username;
        password = password == null ? Optional.empty() : password;
    }

    public static SipTarget of(String uri) {
        return new SipTarget(uri, Optional.empty(), Optional.empty());
    }

    /** The URI without a password written into it (sip:user:secret@host, allowed by RFC 3261). */
    static String redacted(String uri) {
        return uri == null ? null : uri.replaceFirst("^(sips?:[^:@;]*):[^@]*@", "$1:***@");
    }

    @Override
    public String toString() {
        // Never the password: targets end up in logs and audit records.
        return "SipTarget[uri=" + redacted(uri) + ", username=" + username.orElse("") + ", password="
                + (password.isPresent() ? "***" : "") + "]";
    }
}
