package io.contrast4j.sentence.train;

/**
 * Linear warmup from 0 to the peak rate over {@code warmupSteps}, then linear decay to 0 at
 * {@code totalSteps}: HuggingFace's {@code get_linear_schedule_with_warmup}, used by SimCSE and
 * sentence-transformers. Steps are 0-based optimizer steps.
 */
public record LearningRateSchedule(float peak, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmup <= total and total >= 1, got warmup "
                    + warmupSteps + ", total " + totalSteps);
        }
    }

    public float at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / (float) warmupSteps;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        return peak * Math.max(0f, (totalSteps - step) / (float) decaySteps);
    }
}
