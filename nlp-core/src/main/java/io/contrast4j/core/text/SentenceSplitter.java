package io.contrast4j.core.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;

/**
 * Splits text into sentences with OpenNLP's pretrained English model (UD English-EWT, from the
 * Maven artifact {@code org.apache.opennlp:opennlp-models-sentdetect-en}).
 *
 * <p>Blank lines are hard paragraph boundaries: a sentence never spans one. Within a paragraph,
 * line breaks are treated as spaces by the model. Returned sentences are trimmed and never empty.
 *
 * <p>The model splits after many abbreviations ("at 5 p.m. | on Monday", "Prof. | Kim", "Jan. |
 * 1990"), so a boundary is undone when the sentence before it ends in a title ({@code Dr.},
 * {@code Prof.}, {@code St.}...), or in another abbreviation ({@code p.m.}, {@code e.g.},
 * {@code etc.}, {@code Jan.}...) and the next one starts with a lower-case letter or a digit.
 *
 * <p>Thread-safe: the model is shared and immutable; OpenNLP's {@link SentenceDetectorME} keeps
 * per-call state, so each thread gets its own.
 */
public final class SentenceSplitter {
    private static volatile SentenceSplitter english;

    /** Titles before a name: never the end of a sentence. */
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "mt", "sen", "rep",
            "gen", "col", "capt", "lt", "sgt", "rev", "hon", "gov", "pres", "fr", "messrs", "mme", "mlle");
    /** Abbreviations that end a sentence only when the next word is capitalized. */
    private static final Set<String> ABBREVIATIONS = Set.of("etc", "al", "approx", "vs", "no", "nos", "fig", "figs",
            "vol", "vols", "pp", "ed", "eds", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
            "sep", "sept", "oct", "nov", "dec", "est", "dept", "univ", "ca", "cf", "ch", "sec", "jr", "sr", "min", "max");
    /** Letter-period runs such as a.m., p.m., e.g., i.e., U.S. */
    private static final Pattern INITIALISM = Pattern.compile("(?:\\p{L}\\.){2,}");

    private final SentenceModel model;
    private final ThreadLocal<SentenceDetectorME> detector;

    public SentenceSplitter(SentenceModel model) {
        this.model = model;
        this.detector = ThreadLocal.withInitial(() -> new SentenceDetectorME(this.model));
    }

    /** The shared English splitter (the model loads once, on first use). */
    public static SentenceSplitter english() {
        SentenceSplitter s = english;
        if (s == null) {
            synchronized (SentenceSplitter.class) {
                s = english;
                if (s == null) {
                    byte[] bytes = OpenNlpModels.load("-sentence-", "en", "org.apache.opennlp:opennlp-models-sentdetect-en");
                    try {
                        s = new SentenceSplitter(new SentenceModel(new ByteArrayInputStream(bytes)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the OpenNLP English sentence model", e);
                    }
                    english = s;
                }
            }
        }
        return s;
    }

    /** The sentences of {@code text}, in order. */
    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (TextSpan span : spans(text)) {
            out.add(span.text());
        }
        return out;
    }

    /** Sentences with their character offsets into {@code text} (end exclusive, trimmed). */
    public List<TextSpan> spans(String text) {
        List<TextSpan> out = new ArrayList<>();
        SentenceDetectorME me = detector.get();
        int n = text.length();
        int start = 0;
        while (start < n) {
            int end = paragraphEnd(text, start);
            String paragraph = text.substring(start, end);
            if (!paragraph.isBlank()) {
                int first = out.size();
                for (Span span : me.sentPosDetect(paragraph)) {
                    addTrimmed(text, start + span.getStart(), start + span.getEnd(), out);
                }
                mergeAbbreviationSplits(text, out, first);
            }
            start = end;
        }
        return out;
    }

    /** End of the paragraph starting at {@code from}: just after the next blank line, or the text end. */
    private static int paragraphEnd(String text, int from) {
        int n = text.length();
        int i = text.indexOf('\n', from);
        while (i >= 0) {
            int j = i + 1;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
                j++;
            }
            if (j < n && text.charAt(j) == '\n') {
                while (j < n && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
                return j;
            }
            i = text.indexOf('\n', i + 1);
        }
        return n;
    }

    /** Joins sentences [from..] of out where the model split after an abbreviation (see class doc). */
    private static void mergeAbbreviationSplits(String text, List<TextSpan> out, int from) {
        int i = from;
        while (i + 1 < out.size()) {
            TextSpan left = out.get(i);
            TextSpan right = out.get(i + 1);
            if (splitAfterAbbreviation(left.text(), right.text())) {
                out.set(i, new TextSpan(left.start(), right.end(), text.substring(left.start(), right.end())));
                out.remove(i + 1);
            } else {
                i++;
            }
        }
    }

    static boolean splitAfterAbbreviation(String left, String right) {
        if (!left.endsWith(".") || right.isEmpty()) {
            return false;
        }
        int space = left.lastIndexOf(' ');
        String lastToken = left.substring(space + 1);
        String bare = lastToken.substring(0, lastToken.length() - 1).toLowerCase(Locale.ROOT);
        if (TITLES.contains(bare)) {
            return true;
        }
        boolean abbreviation = ABBREVIATIONS.contains(bare) || INITIALISM.matcher(lastToken).matches();
        int next = right.codePointAt(0);
        return abbreviation && (Character.isLowerCase(next) || Character.isDigit(next));
    }

    private static void addTrimmed(String text, int start, int end, List<TextSpan> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(new TextSpan(start, end, text.substring(start, end)));
        }
    }
}
