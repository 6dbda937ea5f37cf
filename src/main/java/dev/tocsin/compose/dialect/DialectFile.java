package dev.tocsin.compose.dialect;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parser of dialect profile files (UTF-8, one per dialect, named {@code <id>.dialect}):
 *
 * <pre>
 * # comment
 * id = xiang-yiyang
 * name = 湘方言（益阳）
 * language = zh-CN
 *
 * [lexicon]
 * 没事 = 冇事
 * 不要 = 莫 @imperative
 *
 * [protected]
 * 吃亏
 *
 * [phrasing]
 * opening = 各位父老乡亲，
 * closing = 请大家相互转告！
 * repeat-key = 2
 * repeat-intro = 再讲一遍：
 * joiner = ""
 * addressed-by = 乡亲们, 父老乡亲, 各位
 * </pre>
 *
 * {@code addressed-by} lists the words by which a text greets its listeners itself; such a text
 * gets no opening. Words are separated by commas (ASCII or Chinese).
 *
 * A lexicon entry may end with a context ({@code @imperative}, {@code @degree}; see
 * {@link Lexicon.Context}). Values may be written in double quotes to keep leading or trailing spaces. Any mistake is
 * reported with the file and line.
 */
public final class DialectFile {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");
    private static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private DialectFile() {}

    public static DialectProfile parse(String file, List<String> lines) {
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, Lexicon.Rule> lexicon = new LinkedHashMap<>();
        Set<String> protectedWords = new LinkedHashSet<>();
        Map<String, String> phrasing = new LinkedHashMap<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new DialectFileException(file, lineNo, "section header must look like [lexicon]");
                }
                section = line.substring(1, line.length() - 1).strip();
                if (!Set.of("lexicon", "protected", "phrasing").contains(section)) {
                    throw new DialectFileException(
                            file,
                            lineNo,
                            "unknown section [" + section + "]; expected [lexicon], [protected] or [phrasing]");
                }
                continue;
            }
            if (section.equals("protected")) {
                if (line.contains("=") || line.contains(" ")) {
                    throw new DialectFileException(file, lineNo, "a protected word is one word per line, without '='");
                }
                if (!protectedWords.add(line)) {
                    throw new DialectFileException(file, lineNo, "protected word '" + line + "' is listed twice");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new DialectFileException(file, lineNo, "expected 'key = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = unquote(file, lineNo, line.substring(eq + 1).strip());
            switch (section) {
                case "" -> {
                    if (!Set.of("id", "name", "language").contains(key)) {
                        throw new DialectFileException(
                                file, lineNo, "unknown key '" + key + "'; expected id, name or language");
                    }
                    header.put(key, value);
                }
                case "lexicon" -> {
                    Lexicon.Context context = Lexicon.Context.ANY;
                    int at = value.lastIndexOf(" @");
                    if (at >= 0) {
                        try {
                            context = Lexicon.Context.parse(
                                    value.substring(at + 2).strip());
                        } catch (IllegalArgumentException e) {
                            throw new DialectFileException(file, lineNo, e.getMessage());
                        }
                        value = value.substring(0, at).strip();
                    }
                    if (value.isEmpty()) {
                        throw new DialectFileException(file, lineNo, "lexicon entry '" + key + "' has no replacement");
                    }
                    if (lexicon.putIfAbsent(key, new Lexicon.Rule(value, context)) != null) {
                        throw new DialectFileException(file, lineNo, "lexicon word '" + key + "' is listed twice");
                    }
                }
                default -> {
                    if (!Set.of("opening", "closing", "repeat-key", "repeat-intro", "joiner", "addressed-by")
                            .contains(key)) {
                        throw new DialectFileException(
                                file,
                                lineNo,
                                "unknown phrasing key '" + key
                                        + "'; expected opening, closing, repeat-key, repeat-intro, joiner or addressed-by");
                    }
                    phrasing.put(key, value);
                    if (key.equals("repeat-key") && !value.matches("[0-5]")) {
                        throw new DialectFileException(file, lineNo, "repeat-key must be a number from 0 to 5");
                    }
                }
            }
        }
        String id = required(file, header, "id");
        if (!ID.matcher(id).matches()) {
            throw new DialectFileException(file, 0, "id '" + id + "' must be 2-40 lowercase letters, digits or '-'");
        }
        String language = required(file, header, "language");
        if (!LANGUAGES.contains(language)) {
            throw new DialectFileException(file, 0, "language '" + language + "' must be one of " + LANGUAGES);
        }
        for (String word : protectedWords) {
            if (lexicon.containsKey(word)) {
                throw new DialectFileException(file, 0, "'" + word + "' is both in [lexicon] and [protected]");
            }
        }
        DialectProfile.Phrasing p = new DialectProfile.Phrasing(
                phrasing.getOrDefault("opening", ""),
                phrasing.getOrDefault("closing", ""),
                Integer.parseInt(phrasing.getOrDefault("repeat-key", "0")),
                phrasing.getOrDefault("repeat-intro", ""),
                phrasing.getOrDefault("joiner", ""),
                Arrays.stream(phrasing.getOrDefault("addressed-by", "").split("[,，]"))
                        .map(String::strip)
                        .filter(w -> !w.isEmpty())
                        .toList());
        return new DialectProfile(
                id, required(file, header, "name"), language, Lexicon.of(lexicon, protectedWords), p, file);
    }

    private static String required(String file, Map<String, String> header, String key) {
        String v = header.get(key);
        if (v == null || v.isEmpty()) {
            throw new DialectFileException(file, 0, "missing '" + key + " = ...' before the first section");
        }
        return v;
    }

    private static String unquote(String file, int lineNo, String value) {
        if (value.startsWith("\"")) {
            if (value.length() < 2 || !value.endsWith("\"")) {
                throw new DialectFileException(file, lineNo, "unterminated quoted value");
            }
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
