package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.contrast4j.sentence.loss.GradCache;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.loss.MomentumEncoder;
import io.contrast4j.sentence.loss.NegativeQueue;
import io.contrast4j.sentence.model.GraphScalars;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Momentum contrast as a step of the {@link Trainer} (MoCo, He et al. 2020, Algorithm 1), for
 * objectives whose batches are (query, key) pairs: CERT (sentence, back-translation), XLCo
 * (sentence, translation). Per micro-batch: keys through the momentum encoder (no dropout, no
 * graph), queries through the trained encoder (dropout on), {@link MomentumContrastLoss} against
 * the {@link NegativeQueue} (and MoCHi's synthetic negatives); after the optimizer update of the
 * step, the momentum update of the key encoder and the step's keys enqueued. With gradient
 * accumulation every micro-batch of a step sees the same queue, as one large batch would.
 *
 * <p>A checkpoint holds the key encoder's parameters ({@code momentum.bin}) and the queue's ring
 * storage with its head and size ({@code queue.bin}, state.json), so a resumed run scores
 * exactly the same negatives in the same order as an uninterrupted one.
 *
 * <p>Seeds: micro-batch 0 seeds dropout from (seed, step, view) as the former MoCo trainer did
 * (so earlier CERT / InfoXLM runs reproduce); later micro-batches and GradCache chunks from
 * (seed, step, micro-batch, view, chunk), as the in-batch step.
 */
final class MomentumContrastStep implements StepStrategy {

    private final TrainableEncoder query;
    private final TrainableEncoder key;
    private final MomentumContrast settings;
    private final MomentumContrastLoss loss;
    private final MomentumEncoder momentum;
    private final NegativeQueue queue;
    private final HardNegativeMixer mixer;
    private final GradCache gradCache;
    private final long seed;
    private final List<float[]> pendingKeys = new ArrayList<>();

    MomentumContrastStep(TrainableEncoder query, TrainableEncoder key, MomentumContrast settings, TrainingArguments args) {
        this.query = query;
        this.key = key;
        this.settings = settings;
        this.loss = settings.loss();
        this.momentum = new MomentumEncoder(query.parameters(), key.parameters(), settings.momentum());
        this.queue = settings.queueSize() > 0 ? new NegativeQueue(settings.queueSize(), query.embedder().dimension()) : null;
        this.mixer = settings.mixer();
        this.gradCache = args.gradCacheChunk() > 0 ? new GradCache(args.gradCacheChunk()) : null;
        this.seed = args.seed();
    }

    NegativeQueue queue() {
        return queue;
    }

    @Override
    public void start(boolean resumed) {
        if (!resumed) momentum.copyQueryIntoKey(); // MoCo: theta_k <- theta_q at the start
    }

    private void seedView(long step, int micro, int view, int chunk) {
        if (micro == 0 && chunk == 0) {
            long k = Trainer.mix(Trainer.mix(seed, step), view);
            Trainer.setEngineSeed(k);
        } else {
            Trainer.seedEngine(seed, step, micro, view, chunk);
        }
    }

    @Override
    public double microStep(NDManager manager, ContrastiveBatch batch, long step, int micro, float scale) {
        seedView(step, micro, 1, 0);
        NDArray keys = key.forward(manager, batch.positives(), false).stopGradient();
        NDArray negatives = queue == null ? null : queue.negatives(manager);
        long mixKey = micro == 0 ? step : Trainer.mix(step, micro);
        pendingKeys.add(keys.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
        java.util.function.Function<NDList, NDArray> lossFn = embeddings -> {
            NDArray queries = embeddings.get(0);
            NDArray synthetic = null;
            if (mixer != null && (negatives != null || loss.inBatchKeys())) {
                // The hardest negatives are those the loss scores: the queue, plus the batch's other keys.
                synthetic = mixer.synthesize(queries, loss.inBatchKeys() ? List.of(keys) : List.of(), null, negatives, mixKey);
            }
            return GraphScalars.mul(loss.compute(queries, keys, negatives, synthetic), scale);
        };
        if (gradCache != null && gradCache.chunkSize() < batch.size()) {
            return gradCache.accumulate(manager, List.of(batch.anchors()), (m, texts, view, chunk) -> {
                seedView(step, micro, 0, chunk);
                return query.forward(m, texts, true);
            }, lossFn) / scale;
        }
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            seedView(step, micro, 0, 0);
            NDArray queries = query.forward(manager, batch.anchors(), true);
            NDArray l = lossFn.apply(new NDList(queries));
            double value = l.getFloat() / scale;
            collector.backward(l);
            return value;
        }
    }

    @Override
    public void afterUpdate(long step) {
        // MoCo Algorithm 1: momentum update of the key encoder, then enqueue the keys.
        momentum.update();
        if (queue != null) {
            for (float[] k : pendingKeys) queue.enqueue(k);
        }
        pendingKeys.clear();
    }

    @Override
    public int queueSize() {
        return queue == null ? 0 : queue.size();
    }

    @Override
    public void save(Path dir, Map<String, Object> state) throws IOException {
        Map<String, NDArray> keyParams = new LinkedHashMap<>();
        momentum.keyParameters().forEach((name, p) -> keyParams.put(name, p.getArray()));
        TensorArchive.write(dir.resolve("momentum.bin"), keyParams);
        if (queue != null) {
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NDArray ring = m.create(queue.ring(), new Shape(queue.capacity(), queue.dimension()));
                TensorArchive.write(dir.resolve("queue.bin"), Map.of("queue", ring));
            }
            state.put("queue_head", queue.ringHead());
            state.put("queue_size", queue.size());
        }
    }

    @Override
    public void restore(Path dir, Map<String, Object> state) throws IOException {
        NDManager owner = momentum.keyParameters().values().iterator().next().getArray().getManager();
        Map<String, NDArray> saved = TensorArchive.read(dir.resolve("momentum.bin"), owner);
        for (Map.Entry<String, Parameter> e : momentum.keyParameters().entrySet()) {
            NDArray value = saved.get(e.getKey());
            if (value == null || !value.getShape().equals(e.getValue().getArray().getShape())) {
                throw new IllegalStateException("checkpoint " + dir + " has no matching key-encoder " + e.getKey());
            }
            try (NDArray onDevice = value.toDevice(e.getValue().getArray().getDevice(), false)) {
                onDevice.copyTo(e.getValue().getArray());
            }
            value.close();
        }
        if (queue != null) {
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NDArray ring = TensorArchive.read(dir.resolve("queue.bin"), m).get("queue");
                queue.restoreRing(ring.toFloatArray(), ((Number) state.get("queue_head")).intValue(),
                        ((Number) state.get("queue_size")).intValue());
            }
        }
        pendingKeys.clear();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(settings.describe());
        m.put("step", "momentum contrast");
        return m;
    }
}
