package io.contrast4j.sentence.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.loss.MomentumEncoder;
import io.contrast4j.sentence.loss.NegativeQueue;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import io.contrast4j.sentence.objective.XlcoObjective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Momentum-contrast training (MoCo, He et al. 2020, Algorithm 1) of a query encoder on XLCo batches:
 * queries through the query encoder (dropout on, gradients), keys through the momentum encoder
 * (no gradient), {@link MomentumContrastLoss} against the key and the {@link NegativeQueue}; then
 * AdamW with warmup/decay and global-norm clipping on the query encoder, the momentum update of the
 * key encoder, and the batch's keys enqueued. Writes train.log, loss.csv and loss.png like the
 * in-batch trainer. No checkpoints or resume yet: a run is short enough to repeat.
 */
public final class MomentumContrastTrainer {

    public record Result(long steps, double lastLoss, double seconds) {}

    private final TrainableEncoder query;
    private final TrainableEncoder key;
    private final XlcoObjective objective;
    private final TrainerConfig config;
    private final MomentumContrastLoss loss;
    private final MomentumEncoder momentum;
    private final NegativeQueue queue;
    private final Path runDir;

    public MomentumContrastTrainer(TrainableEncoder query, TrainableEncoder key, XlcoObjective objective,
            TrainerConfig config, MomentumContrastLoss loss, float momentum, int queueSize, Path runDir) {
        this.query = query;
        this.key = key;
        this.objective = objective;
        this.config = config;
        this.loss = loss;
        this.momentum = new MomentumEncoder(query.parameters(), key.parameters(), momentum);
        this.momentum.copyQueryIntoKey();
        this.runDir = runDir;
        this.queue = new NegativeQueue(queueSize, query.embedder().dimension());
        for (var p : query.parameters().values()) p.getArray().setRequiresGradient(true);
    }

    public NegativeQueue queue() {
        return queue;
    }

    public Result train() throws IOException {
        Files.createDirectories(runDir);
        AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, config.weightDecay());
        TrainingLog log = new TrainingLog(runDir, 0);
        log.event("started; config " + config.asMap() + "; objective " + objective.describe() + "; momentum "
                + momentum.momentum() + ", queue " + queue.capacity() + ", temperature " + loss.temperature()
                + ", in-batch keys " + loss.inBatchKeys() + "; device " + query.device());
        LearningRateSchedule schedule = config.schedule();
        var params = query.parameters();
        Gradients.zero(params);
        long began = System.nanoTime();
        double lastLoss = Double.NaN;
        try (ProgressBar bar = config.progress() ? new ProgressBarBuilder().setTaskName("pretrain infoxlm")
                .setInitialMax(config.steps()).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS).setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
            for (long step = 0; step < config.steps(); step++) {
                ContrastiveBatch batch = objective.next(config.batchSize());
                double stepLoss;
                try (NDManager manager = NDManager.newBaseManager(query.device())) {
                    NDArray keys = key.forward(manager, batch.positives(), false).stopGradient();
                    NDArray negatives = queue.negatives(manager);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        Engine.getInstance().setRandomSeed((int) (ContrastiveTrainer.mix(config.seed(), step) & 0x7fffffff));
                        NDArray queries = query.forward(manager, batch.anchors(), true);
                        NDArray l = loss.compute(queries, keys, negatives);
                        stepLoss = l.getFloat();
                        collector.backward(l);
                    }
                    double gradNorm = Gradients.clipGlobalNorm(params, config.maxGradNorm());
                    float lr = schedule.at(step);
                    optimizer.update(params, lr);
                    Gradients.zero(params);
                    momentum.update();
                    queue.enqueue(keys);
                    lastLoss = stepLoss;
                    if (!Double.isFinite(stepLoss)) {
                        log.event("loss is " + stepLoss + " at step " + (step + 1) + "; stopping");
                        throw new IllegalStateException("training diverged: loss " + stepLoss + " at step " + (step + 1)
                                + " (lower --lr or raise --warmup)");
                    }
                    double seconds = (System.nanoTime() - began) / 1e9;
                    log.add(new TrainingLog.Row(step + 1, stepLoss, lr, gradNorm, seconds, TrainingLog.residentMegabytes(), Double.NaN));
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", stepLoss));
                }
            }
        }
        log.plot("pretrain infoxlm");
        double seconds = (System.nanoTime() - began) / 1e9;
        log.event("finished " + config.steps() + " steps in " + String.format(Locale.ROOT, "%.1f", seconds) + " s");
        return new Result(config.steps(), lastLoss, seconds);
    }
}
