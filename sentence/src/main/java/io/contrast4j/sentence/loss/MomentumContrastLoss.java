package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

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
 */
public final class MomentumContrastLoss {

    private final float temperature;
    private final boolean inBatchKeys;

    public MomentumContrastLoss(float temperature, boolean inBatchKeys) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.temperature = temperature;
        this.inBatchKeys = inBatchKeys;
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
        if (!queries.getShape().equals(keys.getShape()) || queries.getShape().dimension() != 2) {
            throw new IllegalArgumentException("queries and keys must both be [B, d], got "
                    + queries.getShape() + " and " + keys.getShape());
        }
        NDArray q = InfoNceLoss.normalize(queries);
        NDArray k = InfoNceLoss.normalize(keys.stopGradient());
        long b = q.getShape().get(0);
        NDList blocks = new NDList();
        if (inBatchKeys) {
            blocks.add(q.matMul(k.transpose())); // [B, B], positives on the diagonal
        } else {
            blocks.add(q.mul(k).sum(new int[] {1}, true)); // [B, 1], l_pos
        }
        if (queue != null) {
            NDArray n = InfoNceLoss.normalize(queue.stopGradient());
            blocks.add(q.matMul(n.transpose())); // [B, K], l_neg
        }
        NDArray logits = (blocks.size() == 1 ? blocks.get(0) : NDArrays.concat(blocks, 1)).div(temperature);
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
