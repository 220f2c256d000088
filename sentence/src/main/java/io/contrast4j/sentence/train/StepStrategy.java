package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDManager;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the {@link Trainer} turns one micro-batch into a loss and gradients, and what state besides
 * the trained parameters and AdamW's moments a checkpoint must hold for an exact resume. {@link
 * InBatchStep}: every view through the trained encoder, the objective's loss (InfoNCE with in-batch
 * negatives, CONPONO's heads). {@link MomentumContrastStep}: MoCo's key encoder and queue.
 */
interface StepStrategy {

    /** Called once before the first step: {@code resumed} tells whether a checkpoint was restored. */
    default void start(boolean resumed) {}

    /**
     * Forward, loss (scaled by {@code scale} for accumulation) and backward of one micro-batch in
     * {@code manager}; gradients add up in the parameters. Returns the unscaled loss.
     */
    double microStep(NDManager manager, ContrastiveBatch batch, long step, int micro, float scale);

    /** After the optimizer update of a step (MoCo: momentum update, enqueue the step's keys). */
    default void afterUpdate(long step) {}

    /** Extra checkpoint files in {@code dir} and fields in {@code state} (state.json). */
    default void save(Path dir, Map<String, Object> state) throws IOException {}

    /** Restores what {@link #save} wrote. */
    default void restore(Path dir, Map<String, Object> state) throws IOException {}

    /** Settings for the log and provenance; empty for the plain step. */
    default Map<String, Object> describe() {
        return Map.of();
    }

    /** Entries in the MoCo queue (0 for the plain step). */
    default int queueSize() {
        return 0;
    }
}
