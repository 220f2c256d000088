package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.sentence.model.GraphScalars;
import io.contrast4j.sentence.model.Pooling;

/**
 * InfoNCE with in-batch negatives (van den Oord et al. 2018; Chen et al. 2020 call the
 * cosine/temperature form NT-Xent). Row i of {@code anchors} has row i of {@code positives} as its
 * positive; every other positive in the batch is a negative.
 *
 * <p>Options, each matching a published objective:
 *
 * <ul>
 *   <li>{@code temperature}: logits are cosine / tau (SimCSE uses 0.05, Gao et al. 2021, Sec. 3).
 *   <li>{@code symmetric}: also score positives against anchors and average the two directions.
 *   <li>{@code viewNegatives}: the other anchors are negatives too, as in SimCLR's NT-Xent over 2N
 *       views (the loss DeCLUTR trains with, 2(N-1) negatives per anchor).
 *   <li>hard negatives {@code [B, H, d]}: H extra negatives for each anchor (its own only).
 *   <li>shared negatives {@code [Q, d]}: negatives for every anchor, e.g. a MoCo queue or
 *       embeddings gathered from other devices; no gradient is expected through them.
 *   <li>{@code tauPlus} > 0: the debiased objective of Chuang et al. 2020 ({@link DebiasedContrast})
 *       over the same logits, correcting for false negatives with class prior tau+; 0 (default) is
 *       plain InfoNCE.
 * </ul>
 *
 * Inputs need not be normalized: the loss L2-normalizes them. Returns a scalar (mean over anchors).
 */
public final class InfoNceLoss {

    /** Added to logits that must not count (an example against itself); exp() underflows to 0. */
    private static final float MASKED = -1e4f;

    private final float temperature;
    private final boolean symmetric;
    private final boolean viewNegatives;
    private final float tauPlus;

    public InfoNceLoss(float temperature, boolean symmetric, boolean viewNegatives) {
        this(temperature, symmetric, viewNegatives, 0f);
    }

    /** @param tauPlus class prior of the debiased objective (Chuang et al. 2020); 0 is plain InfoNCE */
    public InfoNceLoss(float temperature, boolean symmetric, boolean viewNegatives, float tauPlus) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        DebiasedContrast.check(tauPlus);
        this.temperature = temperature;
        this.symmetric = symmetric;
        this.viewNegatives = viewNegatives;
        this.tauPlus = tauPlus;
    }

    /** SimCSE's loss: one direction, positives of other rows as negatives, tau = 0.05. */
    public static InfoNceLoss simcse() {
        return new InfoNceLoss(0.05f, false, false);
    }

    /** NT-Xent over both views (DeCLUTR's loss), tau = 0.05 as in DeCLUTR's configs. */
    public static InfoNceLoss ntXent() {
        return new InfoNceLoss(0.05f, true, true);
    }

    public float temperature() {
        return temperature;
    }

    public boolean symmetric() {
        return symmetric;
    }

    public boolean viewNegatives() {
        return viewNegatives;
    }

    /** The debiased objective's class prior; 0 when off. */
    public float tauPlus() {
        return tauPlus;
    }

    public NDArray compute(NDArray anchors, NDArray positives) {
        return compute(anchors, positives, null, null);
    }

    /**
     * @param anchors [B, d]
     * @param positives [B, d]
     * @param hardNegatives [B, H, d] or null
     * @param sharedNegatives [Q, d] or null
     */
    public NDArray compute(NDArray anchors, NDArray positives, NDArray hardNegatives, NDArray sharedNegatives) {
        if (!anchors.getShape().equals(positives.getShape()) || anchors.getShape().dimension() != 2) {
            throw new IllegalArgumentException("anchors and positives must both be [B, d], got "
                    + anchors.getShape() + " and " + positives.getShape());
        }
        NDArray a = Pooling.l2Normalize(anchors);
        NDArray p = Pooling.l2Normalize(positives);
        NDArray hn = hardNegatives == null ? null : Pooling.l2Normalize(hardNegatives);
        NDArray sn = sharedNegatives == null ? null : Pooling.l2Normalize(sharedNegatives);
        NDArray loss = direction(a, p, hn, sn);
        if (symmetric) {
            // The reverse direction: positives as queries; hard negatives belong to anchors only.
            loss = GraphScalars.div(loss.add(direction(p, a, null, sn)), 2f);
        }
        return loss;
    }

    private NDArray direction(NDArray q, NDArray k, NDArray hardNegatives, NDArray sharedNegatives) {
        long b = q.getShape().get(0);
        NDList blocks = new NDList();
        blocks.add(q.matMul(k.transpose())); // [B, B], the diagonal holds the positives
        if (viewNegatives) {
            NDArray self = q.matMul(q.transpose());
            NDArray eye = q.getManager().eye((int) b).toType(self.getDataType(), false);
            blocks.add(self.add(eye.mul(MASKED * temperature)));
        }
        if (hardNegatives != null) {
            // [B, 1, d] x [B, d, H] -> [B, 1, H] -> [B, H]
            NDArray scores = q.expandDims(1).batchMatMul(hardNegatives.transpose(0, 2, 1));
            blocks.add(scores.reshape(new Shape(b, hardNegatives.getShape().get(1))));
        }
        if (sharedNegatives != null) {
            blocks.add(q.matMul(sharedNegatives.transpose()));
        }
        NDArray logits = GraphScalars.div(blocks.size() == 1 ? blocks.get(0) : NDArrays.concat(blocks, 1), temperature);
        if (tauPlus > 0f) {
            long columns = logits.getShape().get(1);
            NDArray positives = q.getManager().eye((int) b).toType(logits.getDataType(), false);
            if (columns > b) {
                positives = positives.concat(q.getManager().zeros(new Shape(b, columns - b), logits.getDataType()), 1);
            }
            long negatives = columns - 1 - (viewNegatives ? 1 : 0); // the masked self-similarity is no negative
            return DebiasedContrast.loss(logits, positives, negatives, temperature, tauPlus);
        }
        NDArray logProb = logits.logSoftmax(1);
        NDArray eye = q.getManager().eye((int) b).toType(logProb.getDataType(), false);
        NDArray positiveLogProb = logProb.get(":, :" + b).mul(eye).sum(new int[] {1});
        return positiveLogProb.mean().neg();
    }
}
