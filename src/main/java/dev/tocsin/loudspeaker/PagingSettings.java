package dev.tocsin.loudspeaker;

import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a terminal is reached, as staff send it: {@code agent} (it polls the device API), {@code sip}
 * (Tocsin calls {@code uri}, with optional digest credentials) or {@code multicast} (Tocsin sends
 * RTP to {@code group}). A null password keeps the stored one; an empty one clears it.
 */
public record PagingSettings(
        String kind, String uri, String username, String password, String group, Integer ttl, String codec) {

    private static final Pattern SIP_URI = Pattern.compile(
            "sip:(?:[A-Za-z0-9._~!$&'()*+,=-]{1,64}@)?([A-Za-z0-9.-]{1,200}|\\[[0-9A-Fa-f:.]{2,45}])(?::(\\d{1,5}))?");
    private static final Pattern GROUP = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})");
    private static final List<String> CODECS = List.of("PCMU", "PCMA");

    /** What the API shows: never the password, only whether one is set. */
    public record View(
            String kind, String uri, String username, boolean passwordSet, String group, Integer ttl, String codec) {

        /** The SIP URI or the multicast group; null for a box that polls. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String where() {
            return uri != null ? uri : group;
        }
    }

    public static View view(Terminal t) {
        if (t.pagingKind == null) {
            return new View("agent", null, null, false, null, null, null);
        }
        return new View(
                t.pagingKind.id(),
                t.sipUri,
                t.sipUsername,
                t.sipPasswordSealed != null,
                t.multicastGroup,
                t.multicastTtl,
                t.pagingCodec);
    }

    /** Validates and writes these settings onto the terminal; nothing is written when any field is wrong. */
    void apply(Terminal t, PagingSecrets secrets) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        switch (k) {
            case "agent" -> clear(t);
            case "sip" -> applySip(t, secrets);
            case "multicast" -> applyMulticast(t);
            default -> throw ProblemException.badRequest("paging.kind", "must be one of agent, sip, multicast");
        }
    }

    private void applySip(Terminal t, PagingSecrets secrets) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String u = uri == null ? "" : uri.trim();
        Matcher m = SIP_URI.matcher(u);
        if (!m.matches()) {
            errors.add(new Problem.FieldError("paging.uri", "a SIP URI such as sip:speaker@192.0.2.10:5060"));
        } else if (m.group(2) != null && !validPort(m.group(2))) {
            errors.add(new Problem.FieldError("paging.uri", "port must be 1 to 65535"));
        }
        String user = username == null || username.isBlank() ? null : username.trim();
        if (user != null && (user.length() > 100 || !user.matches("[\\x21-\\x7E]+"))) {
            errors.add(new Problem.FieldError("paging.username", "at most 100 printable characters, no spaces"));
        }
        boolean newPassword = password != null && !password.isEmpty();
        if (newPassword && password.length() > 128) {
            errors.add(new Problem.FieldError("paging.password", "at most 128 characters"));
        }
        boolean keepsPassword = password == null && t.sipPasswordSealed != null;
        if ((newPassword || keepsPassword) && user == null) {
            errors.add(new Problem.FieldError("paging.username", "required with a password"));
        }
        if (newPassword && !secrets.available()) {
            errors.add(new Problem.FieldError(
                    "paging.password",
                    "this service has no key to store SIP passwords: set TOCSIN_LOUDSPEAKER_PAGING_SECRET_KEY"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        String sealed = newPassword ? secrets.seal(t.code, password) : keepsPassword ? t.sipPasswordSealed : null;
        clear(t);
        t.pagingKind = PagingKind.SIP;
        t.sipUri = u;
        t.sipUsername = user;
        t.sipPasswordSealed = sealed;
    }

    private void applyMulticast(Terminal t) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String g = group == null ? "" : group.trim();
        Matcher m = GROUP.matcher(g);
        if (!m.matches() || !multicast(m.group(1))) {
            errors.add(new Problem.FieldError(
                    "paging.group", "an IPv4 multicast address (224.0.0.0 to 239.255.255.255) and port"));
        } else if (!validPort(m.group(2)) || Integer.parseInt(m.group(2)) < 1024) {
            errors.add(new Problem.FieldError("paging.group", "port must be 1024 to 65535"));
        }
        int hops = ttl == null ? 1 : ttl;
        if (hops < 1 || hops > 255) {
            errors.add(new Problem.FieldError("paging.ttl", "1 to 255"));
        }
        String c = codec == null || codec.isBlank() ? "PCMU" : codec.trim().toUpperCase(Locale.ROOT);
        if (!CODECS.contains(c)) {
            errors.add(new Problem.FieldError("paging.codec", "must be PCMU or PCMA"));
        }
        if (password != null && !password.isEmpty()) {
            errors.add(new Problem.FieldError("paging.password", "a multicast group takes no password"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        clear(t);
        t.pagingKind = PagingKind.MULTICAST;
        t.multicastGroup = g;
        t.multicastTtl = hops;
        t.pagingCodec = c;
    }

    private static void clear(Terminal t) {
        t.pagingKind = null;
        t.sipUri = null;
        t.sipUsername = null;
        t.sipPasswordSealed = null;
        t.multicastGroup = null;
        t.multicastTtl = null;
        t.pagingCodec = null;
    }

    private static boolean validPort(String digits) {
        int p = Integer.parseInt(digits);
        return p >= 1 && p <= 65535;
    }

    private static boolean multicast(String dotted) {
        for (String part : dotted.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        try {
            return InetAddress.getByName(dotted).isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
