package dev.tocsin.audio.store;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 section 14). Terminals resume
 * interrupted downloads and browsers seek with it. Headers we do not serve as a range
 * (malformed, other units, several ranges) yield the whole file, which the RFC allows.
 */
public record ByteRange(long from, long to) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** The range lies wholly outside the file: answer 416. */
    public static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    public long length() {
        return to - from + 1;
    }

    public static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches()
                || (m.group(1).isEmpty() && m.group(2).isEmpty())
                || m.group(1).length() > 18
                || m.group(2).length() > 18) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long from = Long.parseLong(m.group(1));
        long to = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (to < from) {
            return Optional.empty();
        }
        if (from >= size) {
            throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(from, Math.min(to, size - 1)));
    }
}
