package io.contrast4j.sentence.train;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.stats.Correlation;
import io.contrast4j.data.ScoredPair;
import java.util.ArrayList;
import java.util.List;

/** Spearman x100 between gold scores and the cosine of the two sentences' embeddings (STS protocol). */
public final class StsDevEvaluator implements DevEvaluator {

    private final String name;
    private final List<ScoredPair> pairs;
    private final int batchSize;

    public StsDevEvaluator(String name, List<ScoredPair> pairs, int batchSize) {
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("STS dev set needs at least 2 pairs");
        }
        this.name = name;
        this.pairs = List.copyOf(pairs);
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double evaluate(Embedder embedder) {
        double[] gold = new double[pairs.size()];
        double[] predicted = new double[pairs.size()];
        for (int start = 0; start < pairs.size(); start += batchSize) {
            List<ScoredPair> chunk = pairs.subList(start, Math.min(pairs.size(), start + batchSize));
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            chunk.forEach(p -> { left.add(p.s1()); right.add(p.s2()); });
            float[][] a = embedder.embed(left);
            float[][] b = embedder.embed(right);
            for (int i = 0; i < chunk.size(); i++) {
                gold[start + i] = chunk.get(i).score();
                predicted[start + i] = cosine(a[i], b[i]);
            }
        }
        return 100 * Correlation.spearman(predicted, gold);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(Math.max(na * nb, 1e-24));
    }
}
