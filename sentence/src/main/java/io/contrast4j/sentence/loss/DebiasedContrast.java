package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import io.contrast4j.sentence.model.GraphScalars;

/**
 * The debiased contrastive objective of Chuang et al. 2020 ("Debiased Contrastive Learning",
 * NeurIPS 2020, Sec. 4): "negatives" drawn from the data contain positives with probability tau+
 * (the class prior), which biases InfoNCE. The negative term is replaced by the estimator
 *
 * <pre>g = max( (1 / (1 - tau+)) * (mean_neg exp(s_neg / t) - tau+ * exp(s_pos / t)), exp(-1 / t) )</pre>
 *
 * and the loss of a query is {@code -log( exp(s_pos/t) / (exp(s_pos/t) + N g) )}, N the number of
 * negatives (one positive per query, M = 1). The floor {@code exp(-1/t)} is the smallest value
 * {@code exp(cos/t)} can take. At tau+ = 0 (and above the floor) it is InfoNCE exactly.
 *
 * <p>Computed from the logits {@code s/t} shifted by their (detached) row maximum, so that neither
 * {@code exp} overflows at small temperatures; the shift cancels exactly.
 */
public final class DebiasedContrast {

    private DebiasedContrast() {}

    /**
     * @param logits [B, C] similarities divided by the temperature; masked entries very negative
     * @param positiveMask [B, C] 1 at each row's positive, 0 elsewhere
     * @param negatives N, negatives per row (masked entries are not counted)
     * @param temperature t
     * @param tauPlus class prior tau+ in [0, 1)
     * @return scalar mean loss
     */
    public static NDArray loss(NDArray logits, NDArray positiveMask, long negatives, float temperature, float tauPlus) {
        check(tauPlus);
        NDArray shift = logits.max(new int[] {1}, true).stopGradient();
        NDArray shifted = logits.sub(shift);
        NDArray e = shifted.exp();
        NDArray positiveShifted = shifted.mul(positiveMask).sum(new int[] {1}, true); // s_pos/t - m
        NDArray positiveExp = e.mul(positiveMask).sum(new int[] {1}, true);
        NDArray negativeMean = GraphScalars.div(e.mul(positiveMask.neg().add(1f)).sum(new int[] {1}, true), negatives);
        NDArray floor = shift.neg().sub(1f / temperature).exp(); // exp(-1/t) in shifted units
        NDArray g = GraphScalars.div(negativeMean.sub(GraphScalars.mul(positiveExp, tauPlus)), 1f - tauPlus).maximum(floor);
        NDArray perRow = positiveExp.add(GraphScalars.mul(g, negatives)).log().sub(positiveShifted);
        return perRow.mean();
    }

    static void check(float tauPlus) {
        if (!(tauPlus >= 0f && tauPlus < 1f)) {
            throw new IllegalArgumentException("debiased contrast: tau+ must be in [0, 1), got " + tauPlus);
        }
    }
}
