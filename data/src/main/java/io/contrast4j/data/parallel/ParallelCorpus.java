package io.contrast4j.data.parallel;

import io.contrast4j.data.corpora.TextCleaner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cleans, deduplicates and splits raw translation pairs: both sides through {@link TextCleaner}
 * (NFC, one line, single spaces); pairs with an empty side, an untranslated target (equal to the
 * source) or a side over {@link #MAX_CHARS} characters dropped; one pair per English sentence (the
 * first); then the fixed {@link HeldOutSplit}.
 */
public final class ParallelCorpus {
    /** Longer "sentences" are paragraphs or run-ons that a 256-token encoder would truncate anyway. */
    public static final int MAX_CHARS = 1000;

    /** The split and what was dropped on the way. */
    public record Split(List<TranslationPair> train, List<TranslationPair> heldOut, int raw, int empty,
            int untranslated, int tooLong, int duplicates) {
        public Map<String, Object> counts() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("raw_pairs", raw);
            m.put("dropped_empty", empty);
            m.put("dropped_untranslated", untranslated);
            m.put("dropped_too_long", tooLong);
            m.put("dropped_duplicate_source", duplicates);
            m.put("train_pairs", train.size());
            m.put("heldout_pairs", heldOut.size());
            return m;
        }
    }

    private ParallelCorpus() {}

    public static Split clean(List<TranslationPair> raw) {
        List<TranslationPair> train = new ArrayList<>();
        List<TranslationPair> heldOut = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int empty = 0, untranslated = 0, tooLong = 0, duplicates = 0;
        for (TranslationPair p : raw) {
            String s = TextCleaner.clean(p.source());
            String t = TextCleaner.clean(p.target());
            if (s.isEmpty() || t.isEmpty()) {
                empty++;
            } else if (s.equals(t)) {
                untranslated++;
            } else if (s.length() > MAX_CHARS || t.length() > MAX_CHARS) {
                tooLong++;
            } else if (!seen.add(s)) {
                duplicates++;
            } else {
                (HeldOutSplit.isHeldOut(s) ? heldOut : train).add(new TranslationPair(s, t));
            }
        }
        return new Split(train, heldOut, raw.size(), empty, untranslated, tooLong, duplicates);
    }

    /** The held-out file that goes with a training file: {@code X.tsv -> X.heldout.tsv}. */
    public static Path heldOutFile(Path trainFile) {
        String name = trainFile.getFileName().toString();
        String stem = name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name;
        return trainFile.resolveSibling(stem + ".heldout.tsv");
    }

    /** Writes the training pairs to {@code out} and the held-out pairs beside it. */
    public static void write(Split split, Path out) throws IOException {
        ParallelTsv.write(out, split.train());
        ParallelTsv.write(heldOutFile(out), split.heldOut());
    }

    /** The source for a language code: fr, de (npm), es (Debian SWORD). */
    public static ParallelSource source(String language) {
        return switch (language) {
            case "fr", "de" -> new NpmTranslationSource(language);
            case "es" -> new SwordBibleSource();
            default -> throw new IllegalArgumentException("no parallel source for '" + language + "' (fr, de, es)");
        };
    }
}
