package io.contrast4j.data.corpora;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Cleaning shared by the corpus sources: Unicode NFC, control and format characters dropped, every
 * run of white space (tabs and line breaks included) made one space, so that a document fits on
 * one line of a one-document-per-line file.
 */
public final class TextCleaner {
    /**
     * Frequent English function words: a text is taken as English when they make up at least
     * {@link #ENGLISH_THRESHOLD} of its words. On the Europarl sample (11 languages) the share is
     * bimodal (English lines 0.3-0.5, all others under 0.1), so the threshold is not delicate.
     */
    private static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of(
            "the", "of", "and", "to", "in", "is", "that", "for", "it", "on", "be", "this", "with", "as",
            "are", "we", "have", "not", "by", "which", "at", "an", "will", "from", "has", "our", "would",
            "been", "was", "but", "or", "all", "they", "there", "their", "should", "these", "can", "also",
            "must", "more", "its", "very");
    static final double ENGLISH_THRESHOLD = 0.2;

    private TextCleaner() {}

    /** NFC, no control/format characters, white space collapsed to single spaces, trimmed. */
    public static String clean(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE || cp == 0xFFFD) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Number of white-space separated words (what {@code wc -w} counts). */
    public static long countWords(String text) {
        long n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean ws = Character.isWhitespace(text.charAt(i));
            if (!ws && !in) n++;
            in = !ws;
        }
        return n;
    }

    /** Whether a text reads as English, by the share of frequent English function words. */
    public static boolean looksEnglish(String text) {
        int words = 0, function = 0;
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (w.isEmpty()) continue;
            words++;
            if (ENGLISH_FUNCTION_WORDS.contains(w)) function++;
        }
        return words > 0 && function >= ENGLISH_THRESHOLD * words;
    }
}
