package io.contrast4j.eval.word;

import io.contrast4j.core.WordVectors;
import io.contrast4j.core.vector.VectorMath;
import io.contrast4j.data.WordPair;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.core.stats.Correlation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word similarity (WordSim-353, SimLex-999, any "word word score" file): Spearman (and Pearson)
 * between the cosine of the two word vectors and the human score, on the pairs whose two words are
 * both in the vocabulary (see {@link VocabularyLookup} for case handling). Out-of-vocabulary pairs are
 * never silently dropped: they are counted ({@code oov_pairs}), turned into {@code coverage} (% of
 * pairs scored) and listed under {@code details.oov}. {@code n} is the number of pairs in the file.
 */
public final class WordSimilarityEvaluation {
    private final boolean caseInsensitive;

    public WordSimilarityEvaluation(boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
    }

    public TaskResult evaluate(String task, List<WordPair> pairs, WordVectors vectors) {
        VocabularyLookup lookup = new VocabularyLookup(vectors, caseInsensitive ? vectors.vocabulary() : List.of(), caseInsensitive);
        List<Double> pred = new ArrayList<>(), gold = new ArrayList<>();
        List<String> oov = new ArrayList<>();
        for (WordPair p : pairs) {
            String a = lookup.find(p.w1()), b = lookup.find(p.w2());
            if (a == null || b == null) {
                oov.add(p.w1() + " " + p.w2());
                continue;
            }
            pred.add((double) VectorMath.cosine(vectors.vector(a), vectors.vector(b)));
            gold.add(p.score());
        }
        double[] x = pred.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = gold.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("spearman", x.length < 2 ? Double.NaN : 100 * Correlation.spearman(x, y));
        m.put("pearson", x.length < 2 ? Double.NaN : 100 * Correlation.pearson(x, y));
        m.put("coverage", pairs.isEmpty() ? 0.0 : 100.0 * x.length / pairs.size());
        m.put("oov_pairs", oov.size());
        m.put("n", pairs.size());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("case_insensitive", caseInsensitive);
        details.put("oov", oov);
        return new TaskResult(task, m, details, new TaskResult.Scatter(x, y, "cosine", "human score"));
    }
}
