package dev.tocsin.compose.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mandarin-to-dialect word substitution by forward longest match.
 *
 * <p>At each position the longest entry wins, where entries are the lexicon's words and the
 * protected words (a protected word is copied unchanged; on equal length it wins). A lexicon
 * match is also refused when a protected word starts inside it and ends after it, so the
 * rewriter never cuts into a word it does not own: with 吃 → 呷 and 吃亏 protected, 吃亏 stays;
 * with 没事 → 冇事 and 事故 protected, 没事故 stays.
 */
public final class Lexicon {

    public record Result(String text, List<Rewrite> rewrites) {
    }

    private final Map<String, String> entries;
    private final Set<String> protectedWords;
    private final int longest;

    public Lexicon(Map<String, String> entries, Set<String> protectedWords) {
        this.entries = Map.copyOf(entries);
        this.protectedWords = Set.copyOf(protectedWords);
        int max = 0;
        for (String k : entries.keySet()) {
            max = Math.max(max, k.length());
        }
        for (String k : protectedWords) {
            max = Math.max(max, k.length());
        }
        this.longest = max;
    }

    public static Lexicon empty() {
        return new Lexicon(Map.of(), Set.of());
    }

    public int size() {
        return entries.size();
    }

    public Result rewrite(String text) {
        int n = text.length();
        // For every position, the end of the longest protected word starting there (or -1).
        int[] protectedEnd = new int[n];
        for (int i = 0; i < n; i++) {
            protectedEnd[i] = -1;
            for (int len = Math.min(longest, n - i); len >= 1; len--) {
                if (protectedWords.contains(text.substring(i, i + len))) {
                    protectedEnd[i] = i + len;
                    break;
                }
            }
        }
        StringBuilder out = new StringBuilder(n);
        List<Rewrite> rewrites = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int keepEnd = protectedEnd[i];
            int matchEnd = -1;
            for (int len = Math.min(longest, n - i); len >= 1; len--) {
                int end = i + len;
                if (end <= keepEnd) {
                    break;
                }
                if (entries.containsKey(text.substring(i, end)) && !crossedByProtected(protectedEnd, i, end)) {
                    matchEnd = end;
                    break;
                }
            }
            if (matchEnd > 0) {
                String from = text.substring(i, matchEnd);
                String to = entries.get(from);
                rewrites.add(new Rewrite(i, out.length(), from, to));
                out.append(to);
                i = matchEnd;
            } else if (keepEnd > 0) {
                out.append(text, i, keepEnd);
                i = keepEnd;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Result(out.toString(), List.copyOf(rewrites));
    }

    private static boolean crossedByProtected(int[] protectedEnd, int start, int end) {
        for (int p = start + 1; p < end; p++) {
            if (protectedEnd[p] > end) {
                return true;
            }
        }
        return false;
    }
}
