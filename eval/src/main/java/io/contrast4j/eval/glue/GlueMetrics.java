package io.contrast4j.eval.glue;

import io.contrast4j.core.stats.Correlation;
import io.contrast4j.data.glue.GlueTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GLUE's leaderboard metrics (Wang et al. 2019, Sec. 3): accuracy; F1 of the positive class "1"
 * (MRPC, QQP); Matthews correlation (CoLA); Pearson and Spearman correlation (STS-B). Scores are
 * x100 as on the leaderboard. The definitions match scikit-learn's, which GLUE's reference code
 * calls: F1 and MCC are 0 when their denominator is 0.
 */
public final class GlueMetrics {
    private GlueMetrics() {}

    /** The task's metrics for predictions against gold labels (class names, or STS-B scores as text). */
    public static Map<String, Double> score(GlueTask task, List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException("predicted: " + predicted.size() + " predictions for " + gold.size() + " gold labels");
        }
        if (gold.isEmpty()) throw new IllegalArgumentException("gold: no labelled examples to score");
        Map<String, Double> m = new LinkedHashMap<>();
        switch (task.metric()) {
            case ACCURACY -> m.put("acc", 100 * accuracy(gold, predicted));
            case ACCURACY_F1 -> {
                m.put("acc", 100 * accuracy(gold, predicted));
                m.put("f1", 100 * f1(gold, predicted, "1"));
            }
            case MCC -> m.put("mcc", 100 * matthews(gold, predicted, "1"));
            case PEARSON_SPEARMAN -> {
                double[] g = gold.stream().mapToDouble(Double::parseDouble).toArray();
                double[] p = predicted.stream().mapToDouble(Double::parseDouble).toArray();
                m.put("pearson", 100 * Correlation.pearson(p, g));
                m.put("spearman", 100 * Correlation.spearman(p, g));
            }
        }
        return m;
    }

    public static double accuracy(List<String> gold, List<String> predicted) {
        int right = 0;
        for (int i = 0; i < gold.size(); i++) if (gold.get(i).equals(predicted.get(i))) right++;
        return (double) right / gold.size();
    }

    /** F1 of {@code positive}: 2 tp / (2 tp + fp + fn). */
    public static double f1(List<String> gold, List<String> predicted, String positive) {
        long[] c = confusion(gold, predicted, positive);
        long tp = c[0], fp = c[1], fn = c[2];
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0 : 2.0 * tp / denominator;
    }

    /** Matthews correlation of a binary task: (tp tn - fp fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)). */
    public static double matthews(List<String> gold, List<String> predicted, String positive) {
        long[] c = confusion(gold, predicted, positive);
        double tp = c[0], fp = c[1], fn = c[2], tn = c[3];
        double denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return denominator == 0 ? 0 : (tp * tn - fp * fn) / denominator;
    }

    /** {tp, fp, fn, tn} with {@code positive} as the positive class. */
    private static long[] confusion(List<String> gold, List<String> predicted, String positive) {
        long tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < gold.size(); i++) {
            boolean g = gold.get(i).equals(positive), p = predicted.get(i).equals(positive);
            if (g && p) tp++;
            else if (!g && p) fp++;
            else if (g) fn++;
            else tn++;
        }
        return new long[] {tp, fp, fn, tn};
    }
}
