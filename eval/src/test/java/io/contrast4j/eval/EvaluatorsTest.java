package io.contrast4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.data.WordPair;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.eval.bitext.BitextEvaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task adapters report the task code's own numbers under the Evaluator contract. */
class EvaluatorsTest {

    @Test
    void bitextAdapterMatchesTheBitextTask() {
        List<TranslationPair> pairs = List.of(new TranslationPair("the red house", "The red house"),
                new TranslationPair("a small dog barks", "A small dog barks loudly"),
                new TranslationPair("stocks fell on monday", "Monday stocks fell"),
                new TranslationPair("rain in spain", "the rain falls in spain"));
        HashingBagOfWords words = new HashingBagOfWords(512);
        Evaluator e = Evaluators.bitext("toy", pairs);
        Map<String, Double> m = e.evaluate(words);
        TaskResult direct = BitextEvaluation.evaluate("toy", pairs, words);
        assertEquals(direct.mainScore(), e.primaryScore(m));
        direct.metrics().forEach((k, v) -> assertEquals(v.doubleValue(), m.get("toy." + k), k));
        assertTrue(e.provenance().containsKey("pairs"));
    }

    @Test
    void wordSimilarityEmbedsEachWord() {
        List<WordPair> pairs = List.of(new WordPair("cat", "cat", 10), new WordPair("cat", "dog", 3), new WordPair("car", "tree", 1));
        Evaluator e = Evaluators.wordSimilarity("toy", pairs);
        Map<String, Double> m = e.evaluate(new HashingBagOfWords(512));
        assertEquals(100.0, m.get("toy.coverage"));
        assertTrue(m.get("toy") > 0, m.toString());
        assertThrows(IllegalArgumentException.class, () -> Evaluators.wordSimilarity("x", List.of(pairs.get(0))));
    }
}
