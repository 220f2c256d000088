package io.contrast4j.sentence.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides a training run besides the model, the objective and the data (the
 * {@code TrainingArguments} of sentence-transformers). Immutable; recorded in provenance and in
 * every checkpoint. Build with {@link #builder()}.
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
public record TrainingArguments(int steps, int batchSize, int accumulation, float learningRate, int warmupSteps,
        float weightDecay, float maxGradNorm, int gradCacheChunk, long seed, int checkpointEvery,
        int keepCheckpoints, int evalEvery, int stopAfter, boolean progress) {

    public TrainingArguments {
        require(steps >= 1, "steps", "must be >= 1, got " + steps);
        require(batchSize >= 2, "batchSize", "must be >= 2 (in-batch negatives), got " + batchSize);
        require(accumulation >= 1, "accumulation", "must be >= 1, got " + accumulation);
        require(learningRate > 0, "learningRate", "must be > 0, got " + learningRate);
        require(warmupSteps >= 0 && warmupSteps <= steps, "warmupSteps", "must be in [0, steps], got " + warmupSteps);
        require(weightDecay >= 0, "weightDecay", "must be >= 0, got " + weightDecay);
        require(maxGradNorm >= 0, "maxGradNorm", "must be >= 0, got " + maxGradNorm);
        require(gradCacheChunk >= 0, "gradCacheChunk", "must be >= 0, got " + gradCacheChunk);
        require(checkpointEvery >= 0, "checkpointEvery", "must be >= 0, got " + checkpointEvery);
        require(evalEvery >= 0, "evalEvery", "must be >= 0, got " + evalEvery);
        require(keepCheckpoints >= 1, "keepCheckpoints", "must be >= 1, got " + keepCheckpoints);
    }

    /** Validation failures name the field ({@code "batchSize: must be >= 2 ..."}), so that callers can map it to their own option names. */
    private static void require(boolean ok, String field, String message) {
        if (!ok) throw new IllegalArgumentException(field + ": " + message);
    }

    /** SimCSE-like defaults: lr 3e-5, 10% warmup, wd 0.01, clip 1.0. */
    public static TrainingArguments defaults(int steps, int batchSize) {
        return builder().steps(steps).batchSize(batchSize).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder for the arguments, starting from the defaults; also a copy of these. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps; b.batchSize = batchSize; b.accumulation = accumulation; b.learningRate = learningRate;
        b.warmupSteps = warmupSteps; b.weightDecay = weightDecay; b.maxGradNorm = maxGradNorm; b.gradCacheChunk = gradCacheChunk;
        b.seed = seed; b.checkpointEvery = checkpointEvery; b.keepCheckpoints = keepCheckpoints; b.evalEvery = evalEvery;
        b.stopAfter = stopAfter; b.progress = progress;
        return b;
    }

    public TrainingArguments withLearningRate(float lr) {
        return toBuilder().learningRate(lr).build();
    }

    public TrainingArguments withStopAfter(int stop) {
        return toBuilder().stopAfter(stop).build();
    }

    /**
     * Defaults: 1000 steps, batch 32, no accumulation, lr 3e-5, warmup 10% of the steps (unless
     * set), weight decay 0.01, clip 1.0, no GradCache, seed 42, checkpoint and evaluate only at the
     * end, keep 2 checkpoints, progress on stderr.
     */
    public static final class Builder {
        private int steps = 1000;
        private int batchSize = 32;
        private int accumulation = 1;
        private float learningRate = 3e-5f;
        private Integer warmupSteps;
        private float weightDecay = 0.01f;
        private float maxGradNorm = 1.0f;
        private int gradCacheChunk;
        private long seed = 42;
        private int checkpointEvery;
        private int keepCheckpoints = 2;
        private int evalEvery;
        private int stopAfter = -1;
        private boolean progress = true;

        public Builder steps(int v) { steps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder accumulation(int v) { accumulation = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder weightDecay(float v) { weightDecay = v; return this; }
        public Builder maxGradNorm(float v) { maxGradNorm = v; return this; }
        public Builder gradCacheChunk(int v) { gradCacheChunk = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** Stop (as if interrupted) after this many steps; -1 runs to the end. */
        public Builder stopAfter(int v) { stopAfter = v; return this; }
        public Builder progress(boolean v) { progress = v; return this; }

        public TrainingArguments build() {
            int warm = warmupSteps != null ? warmupSteps : Math.max(0, steps / 10);
            return new TrainingArguments(steps, batchSize, accumulation, learningRate, warm, weightDecay, maxGradNorm,
                    gradCacheChunk, seed, checkpointEvery, keepCheckpoints, evalEvery, stopAfter, progress);
        }
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
