package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.contrast4j.sentence.loss.GradCache;
import io.contrast4j.sentence.model.GraphScalars;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import io.contrast4j.sentence.objective.PretrainingObjective;
import java.util.List;
import java.util.function.Function;

/**
 * The plain contrastive step: every view of the batch (anchors, positives, hard negatives) through
 * the trained encoder with dropout, the objective's loss over their embeddings, backward; with
 * GradCache (Gao et al. 2021) when a view is larger than the chunk size.
 */
final class InBatchStep implements StepStrategy {

    private final TrainableEncoder encoder;
    private final PretrainingObjective objective;
    private final GradCache gradCache;
    private final long seed;

    InBatchStep(TrainableEncoder encoder, PretrainingObjective objective, TrainingArguments args) {
        this.encoder = encoder;
        this.objective = objective;
        this.gradCache = args.gradCacheChunk() > 0 ? new GradCache(args.gradCacheChunk()) : null;
        this.seed = args.seed();
    }

    @Override
    public double microStep(NDManager manager, ContrastiveBatch batch, long step, int micro, float scale) {
        List<List<String>> views = batch.views();
        Function<NDList, NDArray> lossFn = embeddings -> GraphScalars.mul(objective.lossOf(batch, embeddings), scale);
        int largest = views.stream().mapToInt(List::size).max().orElse(0);
        if (gradCache != null && gradCache.chunkSize() < largest) {
            return gradCache.accumulate(manager, views, (m, texts, view, chunk) -> {
                Trainer.seedEngine(seed, step, micro, view, chunk);
                return encoder.forward(m, texts, true);
            }, lossFn) / scale;
        }
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDList embeddings = new NDList();
            for (int v = 0; v < views.size(); v++) {
                Trainer.seedEngine(seed, step, micro, v, 0);
                embeddings.add(encoder.forward(scope, views.get(v), true));
            }
            NDArray l = lossFn.apply(embeddings);
            double value = l.getFloat() / scale;
            collector.backward(l);
            return value;
        }
    }
}
