package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * A supervised training step that brings its own data, heads and loss (GLUE fine-tuning of a
 * cross-encoder): what the {@link Trainer} runs instead of a contrastive {@code PretrainingObjective}.
 * The trainer keeps doing the rest: AdamW on the encoder's parameters and the task's {@link
 * #headParameters heads}, warmup and decay, clipping, checkpoints of both with the optimizer state,
 * and the exact resume, which needs the task's batches to be a function of its seed and {@link
 * #position()}, and its random draws (dropout) a function of its seed and the step.
 */
public interface TrainingTask {

    /** What is trained, for the log, the progress bar and the loss plot. */
    String name();

    /**
     * The task's own trainable parameters (heads), already initialized on the encoder's device;
     * updated and checkpointed with the encoder's, not part of the saved model folder. Must return
     * the same instances on every call.
     */
    Map<String, Parameter> headParameters();

    /** Peak learning rate of the heads on the encoder's schedule; NaN (the default) means the encoder's. */
    default float headLearningRate() {
        return Float.NaN;
    }

    /**
     * Draws the next batch of {@code batchSize} (advancing the position), runs forward, the loss
     * (multiplied by {@code scale} for accumulation) and backward in {@code manager}, so that the
     * gradients add up in the parameters; seeds the engine's generator itself before any random
     * draw. Returns the unscaled loss.
     */
    double microStep(NDManager manager, int batchSize, long step, int micro, float scale);

    /** Units (examples or batches) consumed so far, counted across epochs. */
    long position();

    /** Moves to {@code position}, as a run that consumed that much from the start would be. */
    void seek(long position);

    /** Settings and data statistics for provenance, the log and the checkpoints' state.json. */
    Map<String, Object> describe();
}
