package io.contrast4j.eval.word;

import static org.junit.jupiter.api.Assertions.*;

import io.contrast4j.data.AnalogyQuestion;
import io.contrast4j.data.WordPair;
import io.contrast4j.eval.TaskResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordEvaluationTest {

    // Unit-length axes: gender (x = male, y = female) and royalty (z).
    private final MapWordVectors vectors = new MapWordVectors()
            .put("man", 1, 0, 0)
            .put("woman", 0, 1, 0)
            .put("king", 0.7071f, 0, 0.7071f)
            .put("queen", 0, 0.7071f, 0.7071f)
            .put("apple", 0, 0, -1)
            .put("Man", 0, 0, -1); // a rarer capitalised variant: case folding must pick "man"

    @Test
    void analogiesBothObjectivesWithSectionsAndOov() {
        List<AnalogyQuestion> qs = List.of(
                new AnalogyQuestion("family", "man", "woman", "king", "queen"),
                new AnalogyQuestion("family", "MAN", "Woman", "King", "QUEEN"),   // folded to the same words
                new AnalogyQuestion("family", "man", "woman", "king", "princess"), // OOV
                new AnalogyQuestion("gram-x", "man", "king", "woman", "apple"));  // answer is queen: wrong
        TaskResult r = new AnalogyEvaluation(30_000, true).evaluate("toy", qs, vectors, n -> {});
        Map<String, Number> m = r.metrics();
        // cos-add scores of queen: cos(q,woman) - cos(q,man) + cos(q,king) = .707 - 0 + .5
        assertEquals(100 * 2.0 / 3, m.get("acc_3cosadd").doubleValue(), 1e-9);
        assertEquals(100 * 2.0 / 3, m.get("acc_3cosmul").doubleValue(), 1e-9);
        assertEquals(100.0, m.get("acc_semantic_3cosadd").doubleValue(), 1e-9);
        assertEquals(0.0, m.get("acc_syntactic_3cosadd").doubleValue(), 1e-9);
        assertEquals(1, m.get("oov_questions").intValue());
        assertEquals(3, m.get("asked").intValue());
        assertEquals(4, m.get("n").intValue());
        assertEquals(75.0, m.get("coverage").doubleValue(), 1e-9);

        // Restricting the vocabulary to the 3 most frequent words makes every question OOV.
        TaskResult small = new AnalogyEvaluation(3, true).evaluate("toy", qs, vectors, n -> {});
        assertEquals(0, small.metrics().get("asked").intValue());
        assertEquals(4, small.metrics().get("oov_questions").intValue());

        // Case-sensitive: the capitalised question no longer matches "man"... but "MAN" is simply OOV.
        TaskResult exact = new AnalogyEvaluation(30_000, false).evaluate("toy", qs, vectors, n -> {});
        assertEquals(2, exact.metrics().get("oov_questions").intValue());
    }

    @Test
    void wordSimilarityCountsOovPairs() {
        List<WordPair> pairs = List.of(
                new WordPair("king", "queen", 8),   // cos .5
                new WordPair("man", "king", 6),     // cos .707
                new WordPair("man", "apple", 1),    // cos 0
                new WordPair("WOMAN", "queen", 9),  // cos .707 (case folded)
                new WordPair("man", "unicorn", 3)); // OOV
        TaskResult r = new WordSimilarityEvaluation(true).evaluate("toy", pairs, vectors);
        // predicted [.5, .707, 0, .707] ranks [2, 3.5, 1, 3.5]; gold [8, 6, 1, 9] ranks [3, 2, 1, 4]
        // Spearman = Pearson of ranks: dx = [-.5, 1, -1.5, 1], dy = [.5, -.5, -1.5, 1.5] -> 3 / sqrt(4.5 * 5)
        assertEquals(100 * 3 / Math.sqrt(22.5), r.metrics().get("spearman").doubleValue(), 1e-6);
        assertEquals(80.0, r.metrics().get("coverage").doubleValue(), 1e-9);
        assertEquals(1, r.metrics().get("oov_pairs").intValue());
        assertEquals(5, r.metrics().get("n").intValue());
        assertEquals(List.of("man unicorn"), r.details().get("oov"));
        assertEquals(2, new WordSimilarityEvaluation(false).evaluate("toy", pairs, vectors).metrics().get("oov_pairs").intValue());
    }
}
