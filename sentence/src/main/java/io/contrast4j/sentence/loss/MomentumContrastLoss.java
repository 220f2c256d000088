package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.sentence.model.GraphScalars;
import io.contrast4j.sentence.model.Pooling;

/**
 * MoCo's InfoNCE (He et al. 2020, Sec. 3.1, Eq. 1, and Algorithm 1): for query q_i and its key
 * k_i (from the momentum encoder), logits are {@code [q_i . k_i, q_i . queue_1 .. q_i . queue_K] / tau}
 * and the loss is the cross-entropy with the positive in column 0, averaged over the batch.
 * Embeddings are L2-normalized here, so the dot products are cosines.
 *
 * <p>Keys and queue entries come from the key encoder and carry no gradient: this loss detaches
 * them ({@code stopGradient}) so that only the query encoder learns, whatever the caller passes.
 *
 * <p>{@code inBatchKeys} also counts the other keys of the batch as negatives (as in MoCo v3, Chen
 * et al. 2021); it keeps the loss informative while the queue is still empty or short, which is
 * the regime of a run of a few hundred steps. Off, this is exactly MoCo v1/v2's loss.
 *
 * <p>Extra per-query negatives {@code [B, E, d]} (MoCHi's synthetic negatives, {@link
 * HardNegativeMixer}) join the logits of their query only, detached like the queue. {@code tauPlus}
 * > 0 switches to the debiased objective ({@link DebiasedContrast}).
 */
public final class MomentumContrastLoss {

    private final float temperature;
    private final boolean inBatchKeys;
    private final float tauPlus;

    public MomentumContrastLoss(float temperature, boolean inBatchKeys) {
        this(temperature, inBatchKeys, 0f);
    }

    /** @param tauPlus class prior of the debiased objective (Chuang et al. 2020); 0 is plain MoCo */
    public MomentumContrastLoss(float temperature, boolean inBatchKeys, float tauPlus) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        DebiasedContrast.check(tauPlus);
        this.temperature = temperature;
        this.inBatchKeys = inBatchKeys;
        this.tauPlus = tauPlus;
    }

    public float tauPlus() {
        return tauPlus;
    }

    /** MoCo's defaults: tau = 0.07 (He et al. 2020, Sec. 3.3 / MoCo v2), queue negatives only. */
    public static MomentumContrastLoss moco() {
        return new MomentumContrastLoss(0.07f, false);
    }

    public float temperature() {
        return temperature;
    }

    public boolean inBatchKeys() {
        return inBatchKeys;
    }

    /**
     * @param queries [B, d] from the query encoder (gradients flow through these)
     * @param keys [B, d] from the key encoder, row i is the positive of query i
     * @param queue [K, d] negatives from earlier batches, or null while the queue is empty
     * @return scalar mean loss
     */
    public NDArray compute(NDArray queries, NDArray keys, NDArray queue) {
        return compute(queries, keys, queue, null);
    }

    /**
     * As {@link #compute(NDArray, NDArray, NDArray)} with {@code extra [B, E, d]}: negatives of each
     * query alone (e.g. MoCHi's synthetic negatives), or null.
     */
    public NDArray compute(NDArray queries, NDArray keys, NDArray queue, NDArray extra) {
        if (!queries.getShape().equals(keys.getShape()) || queries.getShape().dimension() != 2) {
            throw new IllegalArgumentException("queries and keys must both be [B, d], got "
                    + queries.getShape() + " and " + keys.getShape());
        }
        NDArray q = Pooling.l2Normalize(queries);
        NDArray k = Pooling.l2Normalize(keys.stopGradient());
        long b = q.getShape().get(0);
        NDList blocks = new NDList();
        if (inBatchKeys) {
            blocks.add(q.matMul(k.transpose())); // [B, B], positives on the diagonal
        } else {
            blocks.add(q.mul(k).sum(new int[] {1}, true)); // [B, 1], l_pos
        }
        if (queue != null) {
            NDArray n = Pooling.l2Normalize(queue.stopGradient());
            blocks.add(q.matMul(n.transpose())); // [B, K], l_neg
        }
        if (extra != null) {
            NDArray x = Pooling.l2Normalize(extra.stopGradient());
            // [B, 1, d] x [B, d, E] -> [B, E]
            blocks.add(q.expandDims(1).batchMatMul(x.transpose(0, 2, 1)).reshape(new Shape(b, extra.getShape().get(1))));
        }
        NDArray logits = GraphScalars.div(blocks.size() == 1 ? blocks.get(0) : NDArrays.concat(blocks, 1), temperature);
        if (tauPlus > 0f) {
            long columns = logits.getShape().get(1);
            NDArray positives;
            if (inBatchKeys) {
                positives = q.getManager().eye((int) b).toType(logits.getDataType(), false);
                if (columns > b) positives = positives.concat(q.getManager().zeros(new Shape(b, columns - b), logits.getDataType()), 1);
            } else {
                positives = q.getManager().ones(new Shape(b, 1), logits.getDataType());
                if (columns > 1) positives = positives.concat(q.getManager().zeros(new Shape(b, columns - 1), logits.getDataType()), 1);
            }
            return DebiasedContrast.loss(logits, positives, columns - 1, temperature, tauPlus);
        }
        NDArray logProb = logits.logSoftmax(1);
        NDArray positive;
        if (inBatchKeys) {
            NDArray eye = q.getManager().eye((int) b).toType(logProb.getDataType(), false);
            positive = logProb.get(":, :" + b).mul(eye).sum(new int[] {1});
        } else {
            positive = logProb.get(":, 0");
        }
        return positive.mean().neg();
    }
}
