package io.contrast4j.sentence.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.sentence.loss.GradCache;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import io.contrast4j.sentence.objective.PretrainingObjective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import io.contrast4j.sentence.model.GraphScalars;

/**
 * Trains a {@link TrainableEncoder} on a {@link PretrainingObjective}: AdamW, linear warmup and
 * decay, global-norm clipping, gradient accumulation, optional GradCache, periodic dev evaluation
 * with the best model kept in {@code best/}, checkpoints in {@code checkpoints/step-N/} and an exact
 * resume.
 *
 * <p>Exact resume: every random draw is a function of the run seed and the position in the run.
 * The data order and span sampling depend on (seed, data position); the engine generator (dropout)
 * is reseeded before every forward pass from (seed, step, micro-batch, view, chunk). A checkpoint
 * therefore only needs the parameters, the AdamW moments and step, the data position and the
 * seed; resuming from it replays the same computations as an uninterrupted run.
 */
public final class ContrastiveTrainer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What a run ended with. {@code bestMetric} is NaN when no evaluator was given. */
    public record Result(long steps, double lastLoss, double bestMetric, long bestStep, double seconds,
            boolean interrupted, long resumedFrom, int skippedUpdates) {}

    private final TrainableEncoder encoder;
    private final PretrainingObjective objective;
    private final TrainerConfig config;
    private final Path runDir;
    private final DevEvaluator evaluator;
    private final Map<String, Parameter> parameters;
    private final java.util.Set<String> headNames;

    public ContrastiveTrainer(TrainableEncoder encoder, PretrainingObjective objective, TrainerConfig config,
            Path runDir, DevEvaluator evaluator) {
        this.encoder = encoder;
        this.objective = objective;
        this.config = config;
        this.runDir = runDir;
        this.evaluator = evaluator;
        // The encoder's parameters, then any the objective owns (heads), updated and checkpointed alike.
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.parameters());
        Map<String, Parameter> heads = objective.headParameters(encoder.embedder().dimension(), encoder.device());
        for (Map.Entry<String, Parameter> e : heads.entrySet()) {
            if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException("objective parameter " + e.getKey() + " clashes with an encoder parameter");
            }
        }
        this.parameters = all;
        this.headNames = java.util.Set.copyOf(heads.keySet());
        for (Parameter p : parameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
    }

    /** Trains from the latest checkpoint in the run folder if there is one, else from the start. */
    public Result train() throws IOException {
        Files.createDirectories(runDir);
        AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, config.weightDecay());
        long start = 0;
        double bestMetric = Double.NEGATIVE_INFINITY;
        long bestStep = -1;
        List<String> skipped = new java.util.ArrayList<>();
        Optional<Path> checkpoint = restoreNewestReadable(optimizer, skipped);
        if (checkpoint.isPresent()) {
            Map<String, Object> state = restoredState;
            start = ((Number) state.get("step")).longValue();
            objective.seek(((Number) state.get("data_position")).longValue());
            bestMetric = ((Number) state.get("best_metric")).doubleValue();
            bestStep = ((Number) state.get("best_step")).longValue();
        } else {
            objective.seek(0);
        }
        TrainingLog log = new TrainingLog(runDir, start);
        skipped.forEach(log::event);
        log.event((start > 0 ? "resumed at step " + start + " from " + checkpoint.get() : "started")
                + "; config " + config.asMap() + "; objective " + objective.describe()
                + "; device " + encoder.device());
        LearningRateSchedule schedule = config.schedule();
        GradCache gradCache = config.gradCacheChunk() > 0 ? new GradCache(config.gradCacheChunk()) : null;
        long end = config.stopAfter() >= 0 ? Math.min(config.steps(), config.stopAfter()) : config.steps();
        long began = System.nanoTime();
        double priorSeconds = log.rows().isEmpty() ? 0 : log.rows().get(log.rows().size() - 1).seconds();
        double lastLoss = Double.NaN;
        int badSteps = 0;
        int skippedSteps = 0;
        Gradients.zero(parameters);
        try (ProgressBar bar = progressBar(start)) {
            for (long step = start; step < end; step++) {
                double stepLoss = 0;
                try (NDManager stepManager = NDManager.newBaseManager(encoder.device())) {
                    for (int micro = 0; micro < config.accumulation(); micro++) {
                        ContrastiveBatch batch = objective.next(config.batchSize());
                        stepLoss += microStep(stepManager, batch, gradCache, step, micro);
                    }
                }
                stepLoss /= config.accumulation();
                double gradNorm = Gradients.clipGlobalNorm(parameters, config.maxGradNorm());
                float lr = schedule.at(step);
                long done = step + 1;
                if (Double.isFinite(gradNorm)) {
                    optimizer.update(parameters, lr, this::learningRateScale);
                    badSteps = 0;
                } else {
                    // As mixed-precision loss scalers do: a non-finite gradient skips the update
                    // instead of writing NaN into every weight; many in a row is divergence.
                    skippedSteps++;
                    log.event("step " + done + ": gradient norm " + gradNorm + ", update skipped");
                    if (++badSteps >= 5) {
                        throw new IllegalStateException("training diverged: 5 steps in a row with a non-finite"
                                + " gradient (last at step " + done + "; lower --lr or raise --warmup)");
                    }
                }
                Gradients.zero(parameters);
                lastLoss = stepLoss;
                if (!Double.isFinite(stepLoss)) {
                    log.event("loss is " + stepLoss + " at step " + done + "; stopping");
                    throw new IllegalStateException("training diverged: loss " + stepLoss + " at step " + done
                            + " (lower --lr or raise --warmup)");
                }
                double metric = Double.NaN;
                boolean last = done == config.steps();
                if (evaluator != null && ((config.evalEvery() > 0 && done % config.evalEvery() == 0) || last)) {
                    metric = evaluator.evaluate(encoder.embedder());
                    log.event(String.format(java.util.Locale.ROOT, "step %d %s %.4f", done, evaluator.name(), metric));
                    if (metric > bestMetric) {
                        bestMetric = metric;
                        bestStep = done;
                        Path best = runDir.resolve("best");
                        encoder.save(best); // atomic: the previous best/ stands until this one is complete
                        log.event("new best " + evaluator.name() + " at step " + done + " saved to " + best);
                    }
                }
                double seconds = priorSeconds + (System.nanoTime() - began) / 1e9;
                log.add(new TrainingLog.Row(done, stepLoss, lr, gradNorm, seconds, TrainingLog.residentMegabytes(),
                        TrainingLog.jvmCommittedMegabytes(), metric));
                if ((config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0) || done == end) {
                    saveCheckpoint(done, optimizer, bestMetric, bestStep);
                    log.plot("pretrain " + objective.name());
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.4f", stepLoss));
                }
            }
        }
        boolean interrupted = end < config.steps();
        log.event((interrupted ? "stopped at step " + end + " (stop-after)" : "finished " + config.steps() + " steps")
                + "; updates skipped for a non-finite gradient: " + skippedSteps);
        double seconds = (System.nanoTime() - began) / 1e9;
        return new Result(end, lastLoss, evaluator == null ? Double.NaN : bestMetric, bestStep, seconds, interrupted, start,
                skippedSteps);
    }

    /** The objective's head learning rate relative to the encoder's peak (1 for encoder parameters). */
    private double learningRateScale(String parameter) {
        float head = objective.headLearningRate();
        return headNames.contains(parameter) && !Float.isNaN(head) ? head / config.learningRate() : 1.0;
    }

    /** Forward, loss and backward of one micro-batch; gradients accumulate. Returns the loss. */
    private double microStep(NDManager manager, ContrastiveBatch batch, GradCache gradCache, long step, int micro) {
        float scale = 1f / config.accumulation();
        List<List<String>> views = batch.views();
        java.util.function.Function<NDList, NDArray> lossFn = embeddings -> GraphScalars.mul(objective.lossOf(batch, embeddings), scale);
        int largest = views.stream().mapToInt(List::size).max().orElse(0);
        if (gradCache != null && gradCache.chunkSize() < largest) {
            return gradCache.accumulate(manager, views, (m, texts, view, chunk) -> {
                seedEngine(step, micro, view, chunk);
                return encoder.forward(m, texts, true);
            }, lossFn) / scale;
        }
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDList embeddings = new NDList();
            for (int v = 0; v < views.size(); v++) {
                seedEngine(step, micro, v, 0);
                embeddings.add(encoder.forward(scope, views.get(v), true));
            }
            NDArray l = lossFn.apply(embeddings);
            double value = l.getFloat() / scale;
            collector.backward(l);
            return value;
        }
    }

    /** The batch's InfoNCE on embeddings of its views: P positives averaged, H negatives reshaped. */
    public static NDArray lossOf(ContrastiveBatch batch, InfoNceLoss loss, NDList embeddings) {
        NDArray anchors = embeddings.get(0);
        NDArray positives = embeddings.get(1);
        long b = batch.size();
        long d = anchors.getShape().get(1);
        if (batch.positivesPerAnchor() > 1) {
            positives = positives.reshape(new Shape(b, batch.positivesPerAnchor(), d)).mean(new int[] {1});
        }
        NDArray hard = batch.negativesPerAnchor() > 0
                ? embeddings.get(2).reshape(new Shape(b, batch.negativesPerAnchor(), d)) : null;
        return loss.compute(anchors, positives, hard, null);
    }

    private void seedEngine(long step, int micro, int view, int chunk) {
        long key = mix(mix(mix(mix(config.seed(), step), micro), view), chunk);
        Engine.getInstance().setRandomSeed((int) (key ^ (key >>> 32)) & 0x7fffffff);
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private ProgressBar progressBar(long start) {
        if (!config.progress()) return null;
        return new ProgressBarBuilder().setTaskName("pretrain " + objective.name())
                .setInitialMax(config.steps()).startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    // ---- checkpoints -------------------------------------------------------------------------

    private void saveCheckpoint(long step, AdamW optimizer, double bestMetric, long bestStep) throws IOException {
        Path root = runDir.resolve("checkpoints");
        Files.createDirectories(root);
        Path dir = root.resolve(String.format("step-%09d", step));
        Map<String, NDArray> params = new LinkedHashMap<>();
        parameters.forEach((name, p) -> params.put(name, p.getArray()));
        Map<String, NDArray> moments = new LinkedHashMap<>();
        optimizer.firstMoments().forEach((k, v) -> moments.put("m/" + k, v));
        optimizer.secondMoments().forEach((k, v) -> moments.put("v/" + k, v));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", step);
        state.put("optimizer_step", optimizer.step());
        state.put("data_position", objective.position());
        state.put("seed", config.seed());
        state.put("best_metric", Double.isInfinite(bestMetric) ? -1e300 : bestMetric);
        state.put("best_step", bestStep);
        state.put("rng", "derived from (seed, step, micro-batch, view, chunk) and (seed, data position)");
        state.put("config", config.asMap());
        state.put("objective", objective.describe());
        // staged, forced to disk and renamed into place: a crash leaves the previous checkpoints intact
        AtomicDirectory.write(dir, tmp -> {
            TensorArchive.write(tmp.resolve("model.bin"), params);
            TensorArchive.write(tmp.resolve("optimizer.bin"), moments);
            JSON.writeValue(tmp.resolve("state.json").toFile(), state);
        });
        try (Stream<Path> s = Files.list(root)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().startsWith("step-")
                    && !p.getFileName().toString().endsWith(".partial")).sorted().toList();
            for (int i = 0; i < all.size() - config.keepCheckpoints(); i++) {
                deleteRecursively(all.get(i));
            }
        }
    }

    static Optional<Path> latestCheckpoint(Path runDir) throws IOException {
        List<Path> all = checkpointsNewestFirst(runDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The run's checkpoints, newest first (interrupted saves finished or undone first). */
    static List<Path> checkpointsNewestFirst(Path runDir) throws IOException {
        Path root = runDir.resolve("checkpoints");
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.list(root)) {
            List<Path> dirs = s.filter(p -> p.getFileName().toString().matches("step-\\d+"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
            for (Path d : dirs) AtomicDirectory.recover(d);
            return dirs.stream().filter(p -> Files.exists(p.resolve("state.json"))).toList();
        }
    }

    /** The state of the checkpoint {@link #restoreNewestReadable} restored. */
    private Map<String, Object> restoredState;

    /**
     * Restores the newest checkpoint that reads back whole; an unreadable one (torn or corrupt file)
     * is skipped for the one before it, with a line for the log in {@code skipped}. A readable
     * checkpoint that does not fit this run (another seed, other parameter shapes) is a
     * {@link UserInputException}, not skipped: resuming it would not be the same run.
     */
    private Optional<Path> restoreNewestReadable(AdamW optimizer, List<String> skipped) throws IOException {
        for (Path dir : checkpointsNewestFirst(runDir)) {
            try {
                restoredState = restore(dir, optimizer);
                return Optional.of(dir);
            } catch (UnreadableCheckpoint e) {
                String line = "checkpoint " + dir + " is unreadable (" + e.getMessage() + "); trying the previous one";
                skipped.add(line);
                System.err.println("pretrain: " + line);
            }
        }
        return Optional.empty();
    }

    private static final class UnreadableCheckpoint extends IOException {
        UnreadableCheckpoint(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> restore(Path dir, AdamW optimizer) throws IOException {
        // 1. read everything (nothing is changed yet, so an unreadable checkpoint can be skipped)
        NDManager owner = parameters.values().iterator().next().getArray().getManager();
        Map<String, Object> state;
        long seed, optimizerStep;
        Map<String, NDArray> saved = null, moments = null;
        try {
            state = JSON.readValue(dir.resolve("state.json").toFile(), Map.class);
            seed = ((Number) state.get("seed")).longValue();
            optimizerStep = ((Number) state.get("optimizer_step")).longValue();
            for (String key : List.of("step", "data_position", "best_metric", "best_step")) {
                if (!(state.get(key) instanceof Number)) throw new IOException("state.json has no number \"" + key + "\"");
            }
            saved = TensorArchive.read(dir.resolve("model.bin"), owner);
            moments = TensorArchive.read(dir.resolve("optimizer.bin"), owner);
        } catch (IOException | RuntimeException e) {
            closeAll(saved);
            closeAll(moments);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new UnreadableCheckpoint(why, e);
        }
        // 2. check it belongs to this run
        try {
            if (seed != config.seed()) {
                throw new UserInputException("checkpoint " + dir + " was made with seed " + seed + ", this run has seed "
                        + config.seed() + ": resume with the same seed, or train into a new folder");
            }
            for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
                NDArray value = saved.get(e.getKey());
                Shape want = e.getValue().getArray().getShape();
                if (value == null || !value.getShape().equals(want)) {
                    throw new UserInputException("checkpoint " + dir + " does not fit this model: parameter " + e.getKey()
                            + (value == null ? " is missing" : " has shape " + value.getShape() + ", the model's is " + want)
                            + "; resume with the same model and objective, or train into a new folder");
                }
            }
            for (String key : moments.keySet()) {
                if (key.length() < 2 || !parameters.containsKey(key.substring(2))) {
                    throw new UserInputException("checkpoint " + dir + " does not fit this model: optimizer state for "
                            + key + " has no parameter; train into a new folder");
                }
            }
        } catch (UserInputException e) {
            closeAll(saved);
            closeAll(moments);
            throw e;
        }
        // 3. apply
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray value = saved.get(e.getKey());
            NDArray onDevice = value.toDevice(e.getValue().getArray().getDevice(), false);
            onDevice.copyTo(e.getValue().getArray());
            value.close();
            onDevice.close();
        }
        Map<String, NDArray> first = new LinkedHashMap<>();
        Map<String, NDArray> second = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : moments.entrySet()) {
            String name = e.getKey().substring(2);
            NDArray target = parameters.get(name).getArray();
            NDArray onDevice = e.getValue().toDevice(target.getDevice(), false);
            (e.getKey().startsWith("m/") ? first : second).put(name, onDevice);
        }
        optimizer.restore(optimizerStep, first, second);
        return state;
    }

    private static void closeAll(Map<String, NDArray> arrays) {
        if (arrays != null) arrays.values().forEach(NDArray::close);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
