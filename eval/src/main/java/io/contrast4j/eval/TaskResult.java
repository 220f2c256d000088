package io.contrast4j.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One task's scores: {@code metrics} are the numbers of the report's {@code tasks.<Task>} object
 * (x100 scale, plus {@code n}); {@code details} holds breakdowns (STS subsets, analogy sections,
 * chosen regularization) written under the report's {@code details}; {@code scatter} keeps the
 * predicted and gold values of a similarity task for the HTML plot (null otherwise).
 */
public record TaskResult(String task, Map<String, Number> metrics, Map<String, Object> details, Scatter scatter) {

    /** Predicted (cosine) against gold scores, for plotting. */
    public record Scatter(double[] predicted, double[] gold, String xLabel, String yLabel) {}

    public TaskResult {
        metrics = new LinkedHashMap<>(metrics);
        details = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
    }

    /** The task's headline number: spearman for similarity, acc for classification, 3cosadd accuracy for analogies, nDCG@10 for retrieval. */
    public double mainScore() {
        for (String key : new String[] {"spearman", "acc", "acc_3cosadd", "ndcg@10"}) {
            Number v = metrics.get(key);
            if (v != null) return v.doubleValue();
        }
        return Double.NaN;
    }
}
