package io.contrast4j.sentence.train;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.core.stats.Correlation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real dev task for trainer tests (sentence does not depend on eval): adjacent sentences of the
 * addresses should be closer than far-apart ones; Spearman x100 of cosines against 5 / 0.
 */
final class AdjacencyEvaluator implements Evaluator {

    @Override
    public String name() {
        return "sotu_adjacency_spearman";
    }

    @Override
    public String primaryMetric() {
        return "spearman";
    }

    @Override
    public Map<String, Double> evaluate(Embedder embedder) {
        List<String> s = TestEncoders.allSentences();
        int n = 24;
        double[] gold = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < 12; i++) {
            float[][] near = embedder.embed(List.of(s.get(100 + i), s.get(101 + i)));
            float[][] far = embedder.embed(List.of(s.get(100 + i), s.get(600 + 7 * i)));
            predicted[2 * i] = cosine(near[0], near[1]);
            gold[2 * i] = 5;
            predicted[2 * i + 1] = cosine(far[0], far[1]);
            gold[2 * i + 1] = 0;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("spearman", 100 * Correlation.spearman(predicted, gold));
        return m;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(Math.max(na * nb, 1e-24));
    }
}
