package io.contrast4j.word2vec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokenization word vectors are trained and used with: lower-cased (Locale.ROOT), words are
 * maximal runs of letters and digits, an apostrophe inside a word keeps it whole ({@code don't}),
 * everything else (punctuation, symbols, hyphens) separates words and is dropped. It is what
 * {@code contrast4j word2vec tokenize} writes for training and what the sentence embedders apply to
 * their input, so the two always agree; word-similarity and analogy sets are single lower-case
 * words, which this matches.
 */
public final class WordTokenizer {
    private WordTokenizer() {}

    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        tokenize(text, sb, out);
        return out;
    }

    /** Appends the tokens of {@code text} separated by single spaces to {@code line} (no newline). */
    public static void appendTokenized(String text, StringBuilder line) {
        int n = text.length();
        int i = 0;
        boolean first = line.length() == 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            if (!first) line.append(' ');
            first = false;
            i = appendWord(text, i, line);
        }
    }

    private static void tokenize(String text, StringBuilder sb, List<String> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            sb.setLength(0);
            i = appendWord(text, i, sb);
            out.add(sb.toString());
        }
    }

    /** Appends the lower-cased word starting at {@code i}; returns the index after it. */
    private static int appendWord(String text, int i, StringBuilder sb) {
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                sb.appendCodePoint(Character.toLowerCase(cp));
                i += Character.charCount(cp);
            } else if ((cp == '\'' || cp == '\u2019') && i + 1 < n && Character.isLetter(text.codePointAt(i + 1))) {
                sb.append('\'');
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Lower-cases one word the same way (for queries such as neighbours and analogies). */
    public static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
