package io.contrast4j.data.parallel;

/** One translation pair: an English sentence and its translation (the TSV's source and target). */
public record TranslationPair(String source, String target) {
    public TranslationPair {
        if (source == null || target == null) throw new IllegalArgumentException("pair sides must not be null");
    }
}
