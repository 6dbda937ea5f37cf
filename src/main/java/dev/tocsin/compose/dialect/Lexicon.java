package dev.tocsin.compose.dialect;

import dev.tocsin.compose.spoken.Segmenter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Mandarin-to-dialect rewriting by whole words, guarded so it can never change what a notice
 * means.
 *
 * <p>The text is cut into words by the {@link Segmenter}; a rule applies to a run of whole words
 * whose text is exactly the rule's word (longest first), never inside a word or across its
 * edge: 要不要, 不要紧, 非常时期, 口吃 stay as written. A rule may carry a context
 * ({@link Context#IMPERATIVE}: 不要 → 莫 only as "don't" before a verb or adjective;
 * {@link Context#DEGREE}: 很 → 蛮 only before an adjective or verb). Every candidate then passes
 * a guard, which refuses it when it
 * <ul>
 * <li>changes what the clause negates ({@link Negations}: kinds and scopes before and after);
 * <li>touches a digit or a Chinese numeral (phone numbers, quantities, dates);
 * <li>touches a place name (segmenter tag {@code ns} or the district's place-name dictionary);
 * <li>cuts into a protected word, or touches a locked phrase (the key instruction).
 * </ul>
 * Refusals are returned with the rewrites, so the approver sees both.
 */
public final class Lexicon {

    /** Where a rule may apply. */
    public enum Context {
        ANY,
        IMPERATIVE,
        DEGREE;

        static Context parse(String s) {
            return switch (s) {
                case "imperative" -> IMPERATIVE;
                case "degree" -> DEGREE;
                default ->
                    throw new IllegalArgumentException("unknown context '@" + s + "'; known: @imperative, @degree");
            };
        }
    }

    public record Rule(String to, Context context) {}

    /**
     * What the guard must leave alone besides the profile's protected words.
     *
     * @param placeNames the district's place names (kept whole, never rewritten)
     * @param locked phrases never rewritten, such as the key instruction
     */
    public record Protection(Collection<String> placeNames, Collection<String> locked) {
        public static final Protection NONE = new Protection(Set.of(), List.of());
    }

    public record Result(String text, List<Rewrite> rewrites, List<Refusal> refusals) {}

    private static final String CLAUSE_ENDS = "。！？；，、：,.!?;:\n\r";
    private static final String NUMERALS = "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿幺";

    private final Map<String, Rule> rules;
    private final Set<String> protectedWords;
    private final int longest;

    public Lexicon(Map<String, String> entries, Set<String> protectedWords) {
        this(toRules(entries), protectedWords, true);
    }

    private Lexicon(Map<String, Rule> rules, Set<String> protectedWords, boolean unused) {
        this.rules = Map.copyOf(rules);
        this.protectedWords = Set.copyOf(protectedWords);
        this.longest = rules.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    public static Lexicon of(Map<String, Rule> rules, Set<String> protectedWords) {
        return new Lexicon(rules, protectedWords, true);
    }

    private static Map<String, Rule> toRules(Map<String, String> entries) {
        Map<String, Rule> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, new Rule(v, Context.ANY)));
        return out;
    }

    public static Lexicon empty() {
        return new Lexicon(Map.of(), Set.of());
    }

    public int size() {
        return rules.size();
    }

    /** The replacement of a word, or null. */
    String replacement(String word) {
        Rule r = rules.get(word);
        return r == null ? null : r.to();
    }

    public Result rewrite(String text) {
        return rewrite(text, Protection.NONE);
    }

    public Result rewrite(String text, Protection protection) {
        StringBuilder out = new StringBuilder(text.length());
        List<Rewrite> rewrites = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        boolean[] locked = lockedCharacters(text, protection.locked());
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || CLAUSE_ENDS.indexOf(text.charAt(i)) >= 0) {
                if (i > start) {
                    clause(text, start, i, protection, locked, out, rewrites, refusals);
                }
                if (i < text.length()) {
                    out.append(text.charAt(i));
                }
                start = i + 1;
            }
        }
        return new Result(out.toString(), List.copyOf(rewrites), List.copyOf(refusals));
    }

    private record Applied(int start, int end, String from, String to) {}

    private void clause(
            String text,
            int from,
            int to,
            Protection protection,
            boolean[] locked,
            StringBuilder out,
            List<Rewrite> rewrites,
            List<Refusal> refusals) {
        String clause = text.substring(from, to);
        List<Segmenter.Word> words = Segmenter.words(clause, protection.placeNames());
        List<Negations.Negation> negations = null;
        List<Applied> applied = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String joined = "";
            int last = -1;
            for (int j = i;
                    j < words.size() && joined.length() + words.get(j).text().length() <= longest;
                    j++) {
                joined += words.get(j).text();
                if (rules.containsKey(joined)) {
                    last = j;
                }
            }
            if (last < 0) {
                i++;
                continue;
            }
            int s = words.get(i).start();
            int e = words.get(last).end();
            String word = clause.substring(s, e);
            Rule rule = rules.get(word);
            String reason = contextRefusal(rule.context(), word, words, i, last);
            if (reason == null) {
                reason = guardRefusal(clause, words, i, last, rule.to(), protection, locked, from);
            }
            if (reason == null) {
                if (negations == null) {
                    negations = Negations.of(clause);
                }
                List<Applied> tried = new ArrayList<>(applied);
                tried.add(new Applied(s, e, word, rule.to()));
                if (!sameNegations(negations, Negations.of(apply(clause, tried)))) {
                    reason = "would change what is negated (" + describe(negations) + ")";
                }
            }
            if (reason == null) {
                applied.add(new Applied(s, e, word, rule.to()));
                i = last + 1;
            } else {
                refusals.add(new Refusal(from + s, word, rule.to(), reason));
                i++;
            }
        }
        int cursor = 0;
        for (Applied a : applied) {
            out.append(clause, cursor, a.start());
            rewrites.add(new Rewrite(from + a.start(), out.length(), a.from(), a.to()));
            out.append(a.to());
            cursor = a.end();
        }
        out.append(clause.substring(cursor));
    }

    private static String apply(String clause, List<Applied> applied) {
        StringBuilder b = new StringBuilder();
        int cursor = 0;
        for (Applied a : applied) {
            b.append(clause, cursor, a.start()).append(a.to());
            cursor = a.end();
        }
        return b.append(clause.substring(cursor)).toString();
    }

    private static String contextRefusal(
            Context context, String word, List<Segmenter.Word> words, int first, int last) {
        Segmenter.Word before = first > 0 ? words.get(first - 1) : null;
        Segmenter.Word after = last + 1 < words.size() ? words.get(last + 1) : null;
        switch (context) {
            case ANY -> {
                return null;
            }
            case IMPERATIVE -> {
                // 要不要, 能不能: the word after 不 repeats the word before it; that is a question.
                if (before != null && word.length() > 1 && before.text().endsWith(word.substring(1, 2))) {
                    return "only as the imperative \"don't\"; here it is part of a question (" + before.text() + word
                            + ")";
                }
                if (after == null || !isPredicate(after)) {
                    return "only as the imperative \"don't\" before a verb or adjective";
                }
                return null;
            }
            case DEGREE -> {
                if (after == null || !isPredicate(after)) {
                    return "only as a degree word before an adjective or verb"
                            + (after == null ? "" : " (here before " + after.text() + ")");
                }
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static boolean isPredicate(Segmenter.Word w) {
        String n = w.nature();
        return n.startsWith("v") || n.startsWith("a") || n.equals("d") || n.equals("ad");
    }

    private String guardRefusal(
            String clause,
            List<Segmenter.Word> words,
            int first,
            int last,
            String to,
            Protection protection,
            boolean[] locked,
            int offset) {
        int s = words.get(first).start();
        int e = words.get(last).end();
        String from = clause.substring(s, e);
        if (!numerals(from).equals(numerals(to))) {
            return "numbers are never rewritten";
        }
        for (int k = first; k <= last; k++) {
            Segmenter.Word w = words.get(k);
            if (w.nature().startsWith("ns") || protection.placeNames().contains(w.text())) {
                return "place names are never rewritten (" + w.text() + ")";
            }
        }
        for (int k = s; k < e; k++) {
            if (locked[offset + k]) {
                return "the key instruction is kept as written";
            }
        }
        for (String p : protectedWords) {
            for (int at = clause.indexOf(p); at >= 0; at = clause.indexOf(p, at + 1)) {
                int pe = at + p.length();
                boolean overlaps = at < e && pe > s;
                boolean contains = s <= at && pe <= e;
                if (overlaps && !contains) {
                    return "protected word " + p + " is kept whole";
                }
            }
        }
        return null;
    }

    private static String numerals(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().filter(c -> NUMERALS.indexOf(c) >= 0).forEach(c -> b.append((char) c));
        return b.toString();
    }

    private boolean sameNegations(List<Negations.Negation> before, List<Negations.Negation> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int k = 0; k < before.size(); k++) {
            Negations.Negation b = before.get(k);
            Negations.Negation a = after.get(k);
            if (b.kind() != a.kind() || !sameScope(b.scope(), a.scope())) {
                return false;
            }
        }
        return true;
    }

    /** The same word, or its rewrite, or one word starting with the other (紧张 after 莫, 紧 after 不要紧). */
    private boolean sameScope(String before, String after) {
        if (before.isEmpty() || after.isEmpty()) {
            return before.isEmpty() && after.isEmpty();
        }
        String rewritten = Objects.requireNonNullElse(replacement(before), before);
        return before.startsWith(after)
                || after.startsWith(before)
                || rewritten.startsWith(after)
                || after.startsWith(rewritten);
    }

    private static String describe(List<Negations.Negation> negations) {
        if (negations.isEmpty()) {
            return "the clause has no negation";
        }
        return "the clause has "
                + String.join(
                        ", ",
                        negations.stream()
                                .map(n -> switch (n.kind()) {
                                    case PROHIBIT -> "\"don't\" on " + n.scope();
                                    case CANNOT -> "\"cannot\" on " + n.scope();
                                    case NOT_HAVE -> "\"not / no\" on " + n.scope();
                                    case NOT -> "\"not\" on " + n.scope();
                                    case QUESTION -> "the question " + n.scope() + "不" + n.scope();
                                })
                                .toList());
    }

    private static boolean[] lockedCharacters(String text, Collection<String> locked) {
        boolean[] marks = new boolean[text.length()];
        for (String phrase : locked) {
            if (phrase == null || phrase.isBlank()) {
                continue;
            }
            String p = phrase.strip();
            for (int at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) {
                for (int k = at; k < at + p.length(); k++) {
                    marks[k] = true;
                }
            }
        }
        return marks;
    }
}
