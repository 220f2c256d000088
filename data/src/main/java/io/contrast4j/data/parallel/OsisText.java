package io.contrast4j.data.parallel;

import io.contrast4j.data.corpora.TextCleaner;
import java.util.regex.Pattern;

/**
 * Plain text of one verse of SWORD OSIS markup as diatheke prints it ({@code -f osis}). Notes and
 * in-verse titles are dropped with their content; word elements that touch
 * ({@code <w>God</w><w>created</w>}, which the module's own plain renderer glues into
 * "Godcreated") are separated by a space; block elements become spaces; all other tags vanish
 * without a space, so that markup inside a word does not split it.
 */
public final class OsisText {
    private static final Pattern DROPPED = Pattern.compile(
            "(?s)<note\\b[^>]*>.*?</note>|<title\\b[^>]*>.*?</title>|<rdg\\b[^>]*>.*?</rdg>");
    private static final Pattern TOUCHING_WORDS = Pattern.compile("</w>(?=<w[\\s>])");
    private static final Pattern BLOCK_TAG = Pattern.compile(
            "</?(?:l|lg|p|lb|milestone|div|br|chapter|verse|list|item|table|row|cell)\\b[^>]*>");
    private static final Pattern ANY_TAG = Pattern.compile("<[^>]*>");

    private OsisText() {}

    public static String plain(String osis) {
        String s = DROPPED.matcher(osis).replaceAll(" ");
        s = TOUCHING_WORDS.matcher(s).replaceAll("</w> ");
        s = BLOCK_TAG.matcher(s).replaceAll(" ");
        s = ANY_TAG.matcher(s).replaceAll("");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
        return TextCleaner.clean(s);
    }
}
