package io.contrast4j.eval.word;

import io.contrast4j.core.WordVectors;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a test word in a vector vocabulary. Case handling follows gensim's {@code case_insensitive=True}
 * (the default of its evaluate_word_pairs / evaluate_word_analogies): an exact match is taken when
 * present, otherwise the word is matched case-insensitively to the most frequent vocabulary entry
 * with that spelling (vocabulary order is frequency order in word2vec/GloVe files). With
 * case-insensitivity off, only exact matches count.
 */
final class VocabularyLookup {
    private final WordVectors vectors;
    private final boolean caseInsensitive;
    private final Map<String, String> byFoldedCase = new HashMap<>();

    VocabularyLookup(WordVectors vectors, List<String> vocabulary, boolean caseInsensitive) {
        this.vectors = vectors;
        this.caseInsensitive = caseInsensitive;
        if (caseInsensitive) {
            for (String w : vocabulary) byFoldedCase.putIfAbsent(fold(w), w); // first = most frequent
        }
    }

    /** The vocabulary entry to use for {@code word}, or null when it is out of vocabulary. */
    String find(String word) {
        if (vectors.contains(word)) return word;
        return caseInsensitive ? byFoldedCase.get(fold(word)) : null;
    }

    static String fold(String w) {
        return w.toLowerCase(Locale.ROOT);
    }
}
