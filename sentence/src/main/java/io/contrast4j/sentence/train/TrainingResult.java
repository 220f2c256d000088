package io.contrast4j.sentence.train;

import java.util.Map;

/**
 * What a {@link Trainer} run ended with.
 *
 * @param steps optimizer steps done in total (the stop step when interrupted)
 * @param firstLoss the loss of step 1 (from the run's log when resumed; NaN if unknown)
 * @param lastLoss the loss of the last step
 * @param bestMetric the best dev score (the evaluator's primary metric); NaN without an evaluator
 * @param bestStep the step of {@code bestMetric} (-1 if none)
 * @param lastMetrics every metric of the last dev evaluation (empty if none)
 * @param seconds wall time of this call
 * @param interrupted stopped before the last step ({@code stopAfter})
 * @param resumedFrom the checkpoint step this call started from (0 for a fresh run)
 * @param skippedUpdates optimizer updates skipped for a non-finite gradient
 * @param queueSize MoCo queue entries at the end (0 without momentum contrast)
 * @param provenance the run's settings (arguments, objective, step, evaluator) for provenance.json
 */
public record TrainingResult(long steps, double firstLoss, double lastLoss, double bestMetric, long bestStep,
        Map<String, Double> lastMetrics, double seconds, boolean interrupted, long resumedFrom, int skippedUpdates,
        int queueSize, Map<String, Object> provenance) {}
