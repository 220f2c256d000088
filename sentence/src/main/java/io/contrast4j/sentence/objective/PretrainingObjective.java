package io.contrast4j.sentence.objective;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import io.contrast4j.sentence.loss.InfoNceLoss;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * A source of contrastive batches and the loss that scores them. Batches are a pure function of
 * the seed and the data {@link #position()}, so a resumed run that {@link #seek}s to the saved
 * position sees exactly the batches the interrupted run would have seen.
 */
public interface PretrainingObjective {

    String name();

    /** The next batch of {@code batchSize} anchors; advances the position. */
    ContrastiveBatch next(int batchSize);

    /** Units consumed so far (sentences or documents, counted across epochs). */
    long position();

    void seek(long position);

    InfoNceLoss loss();

    /**
     * The scalar loss of {@code batch} given the embeddings of its {@link ContrastiveBatch#views()}
     * (in view order). Default: {@link #loss()} as InfoNCE; objectives with their own scoring
     * (CONPONO's per-distance bilinear heads) override it.
     */
    default NDArray lossOf(ContrastiveBatch batch, NDList embeddings) {
        return infoNce(batch, loss(), embeddings);
    }

    /** The batch's InfoNCE on embeddings of its views: P positives averaged, H negatives reshaped. */
    static NDArray infoNce(ContrastiveBatch batch, InfoNceLoss loss, NDList embeddings) {
        NDArray anchors = embeddings.get(0);
        NDArray positives = embeddings.get(1);
        long b = batch.size();
        long d = anchors.getShape().get(1);
        if (batch.positivesPerAnchor() > 1) {
            positives = positives.reshape(new Shape(b, batch.positivesPerAnchor(), d)).mean(new int[] {1});
        }
        NDArray hard = batch.negativesPerAnchor() > 0
                ? embeddings.get(2).reshape(new Shape(b, batch.negativesPerAnchor(), d)) : null;
        return loss.compute(anchors, positives, hard, null);
    }

    /**
     * Trainable parameters the objective owns besides the encoder's (CONPONO's W_k), created on
     * {@code device} for embeddings of width {@code dimension}. The trainer calls this once, before
     * training or restoring a checkpoint, and updates and checkpoints them with the encoder's. They
     * are not part of the saved model folder. Default: none.
     */
    default Map<String, Parameter> headParameters(int dimension, Device device) {
        return Map.of();
    }

    /**
     * Peak learning rate of the {@link #headParameters heads}, on the encoder's warmup/decay
     * schedule; NaN (the default) means the encoder's own.
     */
    default float headLearningRate() {
        return Float.NaN;
    }

    /** Settings and data statistics for provenance and the log. */
    Map<String, Object> describe();
}
