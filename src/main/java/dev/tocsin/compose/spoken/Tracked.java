package dev.tocsin.compose.spoken;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text being rewritten rule by rule that remembers, for every stretch of the result, which
 * stretch of the original it came from. The text is a row of chunks: a chunk as written (its
 * text is the original's) or a replaced chunk (the original stretch and what it became, with
 * the kind of the rule). A replacement that touches a replaced chunk absorbs it whole, so
 * 2～4℃ is one change however many rules it took. Not thread-safe; one per normalisation.
 */
final class Tracked {

    /** The original's {@code sourceStart..sourceEnd} became the result's {@code spokenStart..spokenEnd}. */
    record Change(int sourceStart, int sourceEnd, int spokenStart, int spokenEnd, Highlight.Kind kind) {}

    /** {@code kind} null: as written, and then {@code text} is the original's {@code srcStart..srcEnd}. */
    private record Chunk(int srcStart, int srcEnd, String text, Highlight.Kind kind) {}

    private record Edit(int start, int end, String text) {}

    private final String source;
    private List<Chunk> chunks = new ArrayList<>();
    private String text;

    Tracked(String source) {
        this.source = source;
        this.text = source;
        if (!source.isEmpty()) {
            chunks.add(new Chunk(0, source.length(), source, null));
        }
    }

    String source() {
        return source;
    }

    String text() {
        return text;
    }

    /** Replaces every match of {@code p} in the current text by {@code f}'s answer, as {@link Matcher#replaceAll} would. */
    Tracked replace(Pattern p, Highlight.Kind kind, Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return this;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        List<Edit> edits = new ArrayList<>();
        int last = 0;
        do {
            String r = f.apply(m);
            out.append(text, last, m.start()).append(r);
            last = m.end();
            edits.add(new Edit(m.start(), m.end(), r));
        } while (m.find());
        out.append(text, last, text.length());
        // From the last edit back, so the earlier edits' positions still hold.
        for (int i = edits.size() - 1; i >= 0; i--) {
            apply(edits.get(i), kind);
        }
        text = out.toString();
        return this;
    }

    /** The replaced stretches, in order. */
    List<Change> changes() {
        List<Change> out = new ArrayList<>();
        int pos = 0;
        for (Chunk c : chunks) {
            if (c.kind() != null) {
                out.add(new Change(c.srcStart(), c.srcEnd(), pos, pos + c.text().length(), c.kind()));
            }
            pos += c.text().length();
        }
        return out;
    }

    /**
     * Where the original's {@code start..end} is in the result: exact inside text left as
     * written, widened to the whole of any replaced chunk it touches.
     */
    int[] spokenRange(int start, int end) {
        int from = -1;
        int to = -1;
        int pos = 0;
        for (Chunk c : chunks) {
            int len = c.text().length();
            if (from < 0 && c.srcEnd() > start) {
                from = c.kind() == null ? pos + Math.max(0, start - c.srcStart()) : pos;
            }
            if (c.srcStart() < end) {
                to = c.kind() == null ? pos + Math.min(len, end - c.srcStart()) : pos + len;
            }
            pos += len;
        }
        if (from < 0 || to < from) {
            return new int[] {pos, pos};
        }
        return new int[] {from, to};
    }

    private void apply(Edit e, Highlight.Kind kind) {
        String was = text.substring(e.start(), e.end());
        String r = e.text();
        if (was.equals(r)) {
            return;
        }
        // Only what changed: the cue kept in 电话：12345 is not part of the change.
        int a = e.start();
        int b = e.end();
        int shortest = Math.min(was.length(), r.length());
        int p = 0;
        while (p < shortest - 1 && was.charAt(p) == r.charAt(p)) {
            p++;
        }
        int s = 0;
        while (s < shortest - p - 1 && was.charAt(was.length() - 1 - s) == r.charAt(r.length() - 1 - s)) {
            s++;
        }
        a += p;
        b -= s;
        r = r.substring(p, r.length() - s);

        List<Chunk> before = new ArrayList<>();
        List<Chunk> after = new ArrayList<>();
        List<Chunk> touched = new ArrayList<>();
        int firstStart = -1;
        int lastStart = -1;
        int pos = 0;
        for (Chunk c : chunks) {
            int cs = pos;
            int ce = pos + c.text().length();
            pos = ce;
            boolean isBefore = c.text().isEmpty() ? cs <= a : ce <= a;
            boolean isAfter = cs >= b;
            if (isBefore) {
                before.add(c);
            } else if (isAfter) {
                after.add(c);
            } else {
                if (touched.isEmpty()) {
                    firstStart = cs;
                }
                touched.add(c);
                lastStart = cs;
            }
        }
        Chunk first = touched.get(0);
        Chunk last = touched.get(touched.size() - 1);
        StringBuilder merged = new StringBuilder();
        Chunk leading = null;
        Chunk trailing = null;
        int srcStart;
        int srcEnd;
        if (first.kind() == null) {
            int cut = a - firstStart;
            srcStart = first.srcStart() + cut;
            if (cut > 0) {
                leading = new Chunk(first.srcStart(), srcStart, first.text().substring(0, cut), null);
            }
        } else {
            srcStart = first.srcStart();
            merged.append(first.text(), 0, Math.max(0, a - firstStart));
        }
        merged.append(r);
        if (last.kind() == null) {
            int cut = b - lastStart;
            srcEnd = last.srcStart() + cut;
            if (cut < last.text().length()) {
                trailing = new Chunk(srcEnd, last.srcEnd(), last.text().substring(cut), null);
            }
        } else {
            srcEnd = last.srcEnd();
            merged.append(last.text().substring(Math.min(last.text().length(), b - lastStart)));
        }
        Highlight.Kind k = kind;
        if (kind == Highlight.Kind.NUMBER) {
            // A generic step (a range sign, a full-width digit) keeps the kind of what it joins.
            k = touched.stream()
                    .map(Chunk::kind)
                    .filter(x -> x != null && x != Highlight.Kind.NUMBER)
                    .findFirst()
                    .orElse(kind);
        }
        List<Chunk> out = new ArrayList<>(before.size() + after.size() + 3);
        out.addAll(before);
        if (leading != null) {
            out.add(leading);
        }
        out.add(new Chunk(srcStart, srcEnd, merged.toString(), k));
        if (trailing != null) {
            out.add(trailing);
        }
        out.addAll(after);
        chunks = out;
    }
}
