package io.contrast4j.sentence.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.loss.MomentumEncoder;
import io.contrast4j.sentence.loss.NegativeQueue;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import io.contrast4j.sentence.objective.PretrainingObjective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Momentum contrast training (MoCo, He et al. 2020, Algorithm 1) for any objective whose batches
 * are (query, key) pairs: CERT (sentence, back-translation), cross-lingual contrast (sentence,
 * translation). Per step: queries through the trained encoder (dropout on), keys through the
 * momentum encoder (no dropout, no graph), {@link MomentumContrastLoss} against the {@link
 * NegativeQueue}, AdamW with the linear schedule and clipping of {@link TrainerConfig}, then the
 * momentum update of the key encoder and the keys enqueued.
 *
 * <p>Limits: one micro-batch per step (no accumulation, no GradCache), a dev evaluation only at the
 * end, and no mid-run resume: the queue and key encoder are not checkpointed yet, so a run is
 * started from the beginning. The trained query encoder is what is saved.
 */
public final class MomentumContrastTrainer {

    /** What a run ended with. */
    public record Result(long steps, double lastLoss, double firstLoss, double seconds, int queueSize, double devMetric) {}

    private final TrainableEncoder query;
    private final TrainableEncoder key;
    private final PretrainingObjective objective;
    private final TrainerConfig config;
    private final MomentumContrastLoss loss;
    private final MomentumEncoder momentum;
    private final NegativeQueue queue;
    private final Path runDir;
    private final DevEvaluator evaluator;
    private final HardNegativeMixer mixer;

    public MomentumContrastTrainer(TrainableEncoder query, TrainableEncoder key, PretrainingObjective objective,
            TrainerConfig config, MomentumContrastLoss loss, float momentum, int queueSize, int dimension, Path runDir,
            DevEvaluator evaluator) {
        this(query, key, objective, config, loss, momentum, queueSize, dimension, runDir, evaluator, null);
    }

    /**
     * @param key a second instance of the same model (same parameter names); it is overwritten with
     *     the query encoder's weights at the start, as in MoCo
     * @param queueSize negatives kept (0: in-batch keys only, which needs {@code loss.inBatchKeys()})
     * @param dimension embedding size of the encoder
     * @param mixer MoCHi (Kalantidis et al. 2020): synthetic negatives per query from its hardest queue
     *     (and, with in-batch keys, batch) negatives; null for none
     */
    public MomentumContrastTrainer(TrainableEncoder query, TrainableEncoder key, PretrainingObjective objective,
            TrainerConfig config, MomentumContrastLoss loss, float momentum, int queueSize, int dimension, Path runDir,
            DevEvaluator evaluator, HardNegativeMixer mixer) {
        this.query = query;
        this.key = key;
        this.objective = objective;
        this.config = config;
        this.loss = loss;
        this.momentum = new MomentumEncoder(query.parameters(), key.parameters(), momentum);
        this.queue = queueSize > 0 ? new NegativeQueue(queueSize, dimension) : null;
        this.runDir = runDir;
        this.evaluator = evaluator;
        this.mixer = mixer;
    }

    public NegativeQueue queue() {
        return queue;
    }

    public Result train() throws IOException {
        Files.createDirectories(runDir);
        for (var p : query.parameters().values()) p.getArray().setRequiresGradient(true);
        momentum.copyQueryIntoKey();
        objective.seek(0);
        AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, config.weightDecay());
        LearningRateSchedule schedule = config.schedule();
        TrainingLog log = new TrainingLog(runDir, 0);
        log.event("started momentum contrast; config " + config.asMap() + "; objective " + objective.describe()
                + "; momentum " + momentum.momentum() + "; queue " + (queue == null ? 0 : queue.capacity())
                + "; temperature " + loss.temperature() + "; in-batch keys " + loss.inBatchKeys()
                + "; debiased tau+ " + loss.tauPlus() + "; mochi " + (mixer == null ? "off" : mixer.describe())
                + "; device " + query.device());
        long end = config.stopAfter() >= 0 ? Math.min(config.steps(), config.stopAfter()) : config.steps();
        long began = System.nanoTime();
        double lastLoss = Double.NaN;
        double firstLoss = Double.NaN;
        Gradients.zero(query.parameters());
        try (ProgressBar bar = config.progress() ? progressBar() : null) {
            for (long step = 0; step < end; step++) {
                ContrastiveBatch batch = objective.next(config.batchSize());
                double stepLoss;
                try (NDManager scope = NDManager.newBaseManager(query.device())) {
                    seed(step, 1);
                    NDArray keys = key.forward(scope, batch.positives(), false).stopGradient();
                    NDArray negatives = queue == null ? null : queue.negatives(scope);
                    try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
                        seed(step, 0);
                        NDArray queries = query.forward(scope, batch.anchors(), true);
                        NDArray synthetic = null;
                        if (mixer != null && (negatives != null || loss.inBatchKeys())) {
                            // The hardest negatives are those the loss scores: the queue, plus the batch's other keys.
                            synthetic = mixer.synthesize(queries, loss.inBatchKeys() ? List.of(keys) : List.of(), null,
                                    negatives, step);
                        }
                        NDArray l = loss.compute(queries, keys, negatives, synthetic);
                        stepLoss = l.getFloat();
                        collector.backward(l);
                    }
                    double gradNorm = Gradients.clipGlobalNorm(query.parameters(), config.maxGradNorm());
                    float lr = schedule.at(step);
                    optimizer.update(query.parameters(), lr);
                    Gradients.zero(query.parameters());
                    // MoCo Algorithm 1: momentum update of the key encoder, then enqueue the keys.
                    momentum.update();
                    if (queue != null) queue.enqueue(keys);
                    if (!Double.isFinite(stepLoss)) {
                        throw new IllegalStateException("training diverged: loss " + stepLoss + " at step " + (step + 1)
                                + " (lower --lr)");
                    }
                    if (step == 0) firstLoss = stepLoss;
                    lastLoss = stepLoss;
                    double seconds = (System.nanoTime() - began) / 1e9;
                    log.add(new TrainingLog.Row(step + 1, stepLoss, lr, gradNorm, seconds, TrainingLog.residentMegabytes(),
                            TrainingLog.jvmCommittedMegabytes(), Double.NaN));
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", stepLoss));
                }
            }
        }
        double metric = Double.NaN;
        if (evaluator != null) {
            metric = evaluator.evaluate(query.embedder());
            log.event(String.format(Locale.ROOT, "step %d %s %.4f", end, evaluator.name(), metric));
        }
        log.event("finished " + end + " steps");
        log.plot("pretrain " + objective.name() + " (momentum contrast)");
        return new Result(end, lastLoss, firstLoss, (System.nanoTime() - began) / 1e9,
                queue == null ? 0 : queue.size(), metric);
    }

    /** Dropout masks from (seed, step, view), as in ContrastiveTrainer. */
    private void seed(long step, int view) {
        long k = ContrastiveTrainer.mix(ContrastiveTrainer.mix(config.seed(), step), view);
        Engine.getInstance().setRandomSeed((int) (k ^ (k >>> 32)) & 0x7fffffff);
    }

    private ProgressBar progressBar() {
        return new ProgressBarBuilder().setTaskName("pretrain " + objective.name()).setInitialMax(config.steps())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .startsFrom(0, Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
}
