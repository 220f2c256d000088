package io.contrast4j.sentence.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides a training run besides the model and the data. Immutable; recorded in
 * provenance and in every checkpoint.
 *
 * @param steps optimizer steps in total
 * @param batchSize anchors per micro-batch (the in-batch negatives come from these)
 * @param accumulation micro-batches whose gradients are summed before each optimizer step
 * @param learningRate peak learning rate of the linear warmup / linear decay schedule
 * @param warmupSteps optimizer steps of linear warmup
 * @param weightDecay AdamW's decoupled decay (not applied to biases and LayerNorms)
 * @param maxGradNorm clip the global gradient norm to this; 0 disables clipping
 * @param gradCacheChunk GradCache mini-batch size; 0 embeds each view in one pass
 * @param seed seeds data order, span sampling and every dropout mask
 * @param checkpointEvery save a resumable checkpoint every N steps (0: only at the end)
 * @param keepCheckpoints how many recent checkpoints to keep
 * @param evalEvery evaluate on the dev task every N steps (0: only at the end)
 * @param stopAfter stop (as if interrupted) after this many steps; -1 runs to the end
 * @param progress show a progress bar on stderr
 */
public record TrainerConfig(int steps, int batchSize, int accumulation, float learningRate, int warmupSteps,
        float weightDecay, float maxGradNorm, int gradCacheChunk, long seed, int checkpointEvery,
        int keepCheckpoints, int evalEvery, int stopAfter, boolean progress) {

    public TrainerConfig {
        require(steps >= 1, "steps must be >= 1");
        require(batchSize >= 2, "batch size must be >= 2 (in-batch negatives)");
        require(accumulation >= 1, "accumulation must be >= 1");
        require(learningRate > 0, "learning rate must be > 0");
        require(warmupSteps >= 0 && warmupSteps <= steps, "warmup steps must be in [0, steps]");
        require(weightDecay >= 0, "weight decay must be >= 0");
        require(maxGradNorm >= 0, "max grad norm must be >= 0");
        require(gradCacheChunk >= 0, "GradCache chunk must be >= 0");
        require(checkpointEvery >= 0 && evalEvery >= 0, "intervals must be >= 0");
        require(keepCheckpoints >= 1, "keep at least one checkpoint");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** SimCSE-like defaults: lr 3e-5, 10% warmup, wd 0.01, clip 1.0. */
    public static TrainerConfig defaults(int steps, int batchSize) {
        return new TrainerConfig(steps, batchSize, 1, 3e-5f, Math.max(0, steps / 10), 0.01f, 1.0f, 0, 42,
                0, 2, 0, -1, true);
    }

    public TrainerConfig withLearningRate(float lr) {
        return new TrainerConfig(steps, batchSize, accumulation, lr, warmupSteps, weightDecay, maxGradNorm,
                gradCacheChunk, seed, checkpointEvery, keepCheckpoints, evalEvery, stopAfter, progress);
    }

    public TrainerConfig withStopAfter(int stop) {
        return new TrainerConfig(steps, batchSize, accumulation, learningRate, warmupSteps, weightDecay, maxGradNorm,
                gradCacheChunk, seed, checkpointEvery, keepCheckpoints, evalEvery, stop, progress);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, warmupSteps, steps);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("batch_size", batchSize);
        m.put("accumulation", accumulation);
        m.put("learning_rate", learningRate);
        m.put("warmup_steps", warmupSteps);
        m.put("weight_decay", weightDecay);
        m.put("max_grad_norm", maxGradNorm);
        m.put("gradcache_chunk", gradCacheChunk);
        m.put("seed", seed);
        m.put("checkpoint_every", checkpointEvery);
        m.put("keep_checkpoints", keepCheckpoints);
        m.put("eval_every", evalEvery);
        m.put("optimizer", "AdamW(beta1=0.9, beta2=0.999, eps=1e-8; no decay on bias/LayerNorm)");
        m.put("schedule", "linear warmup, then linear decay to 0");
        m.put("precision", "fp32");
        return m;
    }
}
