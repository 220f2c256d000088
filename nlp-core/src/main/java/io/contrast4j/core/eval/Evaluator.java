package io.contrast4j.core.eval;

import io.contrast4j.core.Embedder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores an {@link Embedder} on one evaluation set: the contract between training (dev evaluation,
 * early stopping, keeping the best model) and the evaluation harness. The sentence-transformers
 * counterpart is {@code SentenceEvaluator}. Implementations live in the {@code eval} module (STS,
 * SentEval transfer, discourse, bitext, held-out retrieval, word similarity); the trainer in
 * {@code sentence} sees only this interface, so neither module depends on the other.
 *
 * <p>Metrics are on the x100 scale where the literature uses it; higher is better for the
 * {@link #primaryMetric()}, which is what the trainer compares to keep the best model.
 */
public interface Evaluator {

    /** What the primary score is called in logs and summaries, e.g. {@code stsb_dev_spearman}. */
    String name();

    /** The key of {@link #evaluate}'s map that decides "better" (higher is better). */
    String primaryMetric();

    /** All metrics of one evaluation of {@code embedder}; contains {@link #primaryMetric()}. */
    Map<String, Double> evaluate(Embedder embedder);

    /** The primary metric of a result of {@link #evaluate}. */
    default double primaryScore(Map<String, Double> metrics) {
        Double v = metrics.get(primaryMetric());
        if (v == null) {
            throw new IllegalStateException("evaluator " + name() + " returned no " + primaryMetric() + " (has " + metrics.keySet() + ")");
        }
        return v;
    }

    /** What was evaluated and how (task, data files, sizes, settings), for provenance.json. */
    default Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluator", getClass().getSimpleName());
        m.put("name", name());
        m.put("primary_metric", primaryMetric());
        return m;
    }
}
