package io.contrast4j.sentence.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Hooks into a {@link Trainer} run (sentence-transformers' / HF's {@code TrainerCallback}): logging
 * to another system, custom stopping rules, side effects after a checkpoint. Called on the
 * training thread; every method defaults to nothing.
 */
public interface TrainerCallback {

    /** After optimizer step {@code step} (1-based) with the step's mean loss, learning rate and gradient norm. */
    default void onStepEnd(long step, double loss, double learningRate, double gradNorm) {}

    /** After a dev evaluation at {@code step}: every metric of the evaluator. */
    default void onEvaluate(long step, Map<String, Double> metrics) {}

    /** After a checkpoint was written to {@code dir}. */
    default void onCheckpoint(long step, Path dir) {}

    /** Once, after the last step. */
    default void onTrainEnd(TrainingResult result) {}
}
