package io.contrast4j.sentence.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.core.json.Json;
import io.contrast4j.core.progress.Progress;
import io.contrast4j.sentence.objective.PretrainingObjective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Trains a {@link TrainableEncoder} on a {@link PretrainingObjective}: AdamW, linear warmup and
 * decay, global-norm clipping, gradient accumulation, optional GradCache, periodic dev evaluation
 * by any {@link Evaluator} with the best model kept in {@code best/}, checkpoints in
 * {@code checkpoints/step-N/} and an exact resume. One trainer for every objective: the step is
 * the in-batch one (SimCSE, DeCLUTR, CONPONO, pairs) or momentum contrast (CERT, InfoXLM) when
 * {@link Builder#momentumContrast} is given. Supervised fine-tuning with its own data and heads
 * (GLUE's cross-encoder) comes in as a {@link TrainingTask} instead of an objective.
 *
 * <pre>{@code
 * TrainingResult r = Trainer.builder()
 *         .model(encoder).objective(objective).evaluator(Evaluators.stsBenchmarkDev(data))
 *         .args(TrainingArguments.builder().steps(100).batchSize(32).build())
 *         .outputDir(Path.of("run")).build().train();
 * }</pre>
 *
 * <p>Exact resume: every random draw is a function of the run seed and the position in the run.
 * The data order and span sampling depend on (seed, data position); the engine generator (dropout)
 * is reseeded before every forward pass from (seed, step, micro-batch, view, chunk). A checkpoint
 * therefore only needs the parameters, the AdamW moments and step, the data position, the seed
 * and the step's own state (MoCo: key encoder and queue); resuming from it replays the same
 * computations as an uninterrupted run.
 */
public final class Trainer {

    private static final ObjectMapper JSON = Json.PRETTY;

    private final TrainableEncoder encoder;
    private final PretrainingObjective objective;
    private final TrainingTask task;
    private final TrainingArguments args;
    private final Path runDir;
    private final Evaluator evaluator;
    private final StepStrategy step;
    private final List<TrainerCallback> callbacks;
    private final Map<String, Parameter> parameters;
    private final Set<String> headNames;
    private final boolean momentum;

    private Trainer(Builder b) {
        this.encoder = Objects.requireNonNull(b.model, "model");
        this.objective = b.objective;
        this.args = b.args != null ? b.args : TrainingArguments.builder().build();
        this.runDir = Objects.requireNonNull(b.outputDir, "outputDir");
        this.evaluator = b.evaluator;
        this.callbacks = List.copyOf(b.callbacks);
        // The encoder's parameters, then any the objective or task owns (heads), updated and checkpointed alike.
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.parameters());
        ObjectiveTask contrastive = objective != null ? new ObjectiveTask(objective, encoder) : null;
        this.task = contrastive != null ? contrastive : b.task;
        Map<String, Parameter> heads = task.headParameters();
        for (Map.Entry<String, Parameter> e : heads.entrySet()) {
            if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalArgumentException((objective != null ? "objective" : "task") + ": parameter " + e.getKey()
                        + " clashes with an encoder parameter");
            }
        }
        this.parameters = all;
        this.headNames = Set.copyOf(heads.keySet());
        this.momentum = b.momentumContrast != null;
        if (contrastive == null) {
            if (momentum) throw new IllegalArgumentException("momentumContrast: needs an objective, not a task");
            this.step = (manager, batch, s, micro, scale) -> {
                throw new IllegalStateException("a task draws its own batches");
            };
        } else if (momentum) {
            if (!heads.isEmpty()) throw new IllegalArgumentException("objective: " + objective.name() + " has heads; momentum contrast scores pairs only");
            this.step = new MomentumContrastStep(encoder, Objects.requireNonNull(b.keyEncoder, "keyEncoder"), b.momentumContrast, args);
        } else {
            this.step = new InBatchStep(encoder, objective, args);
        }
        if (contrastive != null) contrastive.step(step);
        for (Parameter p : parameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link Trainer}; model, outputDir and an objective or a task are required. */
    public static final class Builder {
        private TrainableEncoder model;
        private PretrainingObjective objective;
        private TrainingTask task;
        private TrainingArguments args;
        private Path outputDir;
        private Evaluator evaluator;
        private MomentumContrast momentumContrast;
        private TrainableEncoder keyEncoder;
        private final List<TrainerCallback> callbacks = new ArrayList<>();

        private Builder() {}

        /** The encoder to train (it is updated in place; the trained model is saved from it). */
        public Builder model(TrainableEncoder m) { model = m; return this; }
        public Builder objective(PretrainingObjective o) { objective = o; return this; }
        /** A supervised task with its own data and heads, instead of an {@link #objective}. */
        public Builder task(TrainingTask t) { task = t; return this; }
        public Builder args(TrainingArguments a) { args = a; return this; }
        /** The run folder: train.log, loss.csv, loss.png, checkpoints/, best/. */
        public Builder outputDir(Path dir) { outputDir = dir; return this; }
        /** Dev evaluation every {@code evalEvery} steps and at the end; the best model goes to {@code best/}. */
        public Builder evaluator(Evaluator e) { evaluator = e; return this; }
        /**
         * Momentum contrast instead of the in-batch step: {@code keyEncoder} is a second instance of
         * the same model (same parameter names), overwritten with the trained encoder's weights at
         * the start (MoCo) or with the checkpoint's key encoder on resume.
         */
        public Builder momentumContrast(MomentumContrast settings, TrainableEncoder keyEncoder) {
            momentumContrast = settings;
            this.keyEncoder = keyEncoder;
            return this;
        }
        public Builder callbacks(TrainerCallback... cs) { callbacks.addAll(List.of(cs)); return this; }

        public Trainer build() {
            if (model == null) throw new IllegalArgumentException("model: required");
            if (objective == null && task == null) throw new IllegalArgumentException("objective: required (or a task)");
            if (objective != null && task != null) throw new IllegalArgumentException("task: give an objective or a task, not both");
            if (outputDir == null) throw new IllegalArgumentException("outputDir: required");
            if (momentumContrast != null && keyEncoder == null) throw new IllegalArgumentException("keyEncoder: required for momentum contrast");
            return new Trainer(this);
        }
    }

    /** The MoCo queue's entries now (0 without momentum contrast). */
    public int queueSize() {
        return step.queueSize();
    }

    /** The MoCo queue itself (tests compare it bit for bit); null without momentum contrast or with queue size 0. */
    io.contrast4j.sentence.loss.NegativeQueue momentumQueue() {
        return step instanceof MomentumContrastStep m ? m.queue() : null;
    }

    /** The run's settings for provenance.json: arguments, objective, step, evaluator. */
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("training_arguments", args.asMap());
        m.put(objective != null ? "objective" : "task", task.describe());
        if (momentum) m.put("momentum_contrast", step.describe());
        if (evaluator != null) m.put("evaluator", evaluator.provenance());
        m.put("device", encoder.device().toString());
        return m;
    }

    /** Trains from the latest checkpoint in the run folder if there is one, else from the start. */
    public TrainingResult train() throws IOException {
        Files.createDirectories(runDir);
        AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, args.weightDecay());
        long start = 0;
        double bestMetric = Double.NEGATIVE_INFINITY;
        long bestStep = -1;
        List<String> skipped = new java.util.ArrayList<>();
        Optional<Path> checkpoint = restoreNewestReadable(optimizer, skipped);
        if (checkpoint.isPresent()) {
            Map<String, Object> state = restoredState;
            start = ((Number) state.get("step")).longValue();
            task.seek(((Number) state.get("data_position")).longValue());
            bestMetric = ((Number) state.get("best_metric")).doubleValue();
            bestStep = ((Number) state.get("best_step")).longValue();
        } else {
            task.seek(0);
        }
        step.start(checkpoint.isPresent());
        TrainingLog log = new TrainingLog(runDir, start);
        skipped.forEach(log::event);
        log.event((start > 0 ? "resumed at step " + start + " from " + checkpoint.get() : "started")
                + "; config " + args.asMap() + "; " + (objective != null ? "objective " : "task ") + task.describe()
                + (momentum ? "; momentum contrast " + step.describe() : "")
                + "; device " + encoder.device());
        LearningRateSchedule schedule = args.schedule();
        long end = args.stopAfter() >= 0 ? Math.min(args.steps(), args.stopAfter()) : args.steps();
        long began = System.nanoTime();
        double priorSeconds = log.rows().isEmpty() ? 0 : log.rows().get(log.rows().size() - 1).seconds();
        double firstLoss = log.rows().isEmpty() ? Double.NaN : log.rows().get(0).loss();
        double lastLoss = Double.NaN;
        Map<String, Double> lastMetrics = Map.of();
        int badSteps = 0;
        int skippedSteps = 0;
        float scale = 1f / args.accumulation();
        Gradients.zero(parameters);
        try (Progress bar = args.progress() ? Progress.start(task.name(), args.steps(), "steps") : null) {
            if (bar != null) bar.stepTo(start);
            for (long s = start; s < end; s++) {
                double stepLoss = 0;
                try (NDManager stepManager = NDManager.newBaseManager(encoder.device())) {
                    for (int micro = 0; micro < args.accumulation(); micro++) {
                        stepLoss += task.microStep(stepManager, args.batchSize(), s, micro, scale);
                    }
                }
                stepLoss /= args.accumulation();
                double gradNorm = Gradients.clipGlobalNorm(parameters, args.maxGradNorm());
                float lr = schedule.at(s);
                long done = s + 1;
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
                                + " gradient (last at step " + done + "; lower the learning rate or raise the warmup)");
                    }
                }
                Gradients.zero(parameters);
                step.afterUpdate(s);
                if (s == 0) firstLoss = stepLoss;
                lastLoss = stepLoss;
                if (!Double.isFinite(stepLoss)) {
                    log.event("loss is " + stepLoss + " at step " + done + "; stopping");
                    throw new IllegalStateException("training diverged: loss " + stepLoss + " at step " + done
                            + " (lower the learning rate or raise the warmup)");
                }
                for (TrainerCallback c : callbacks) c.onStepEnd(done, stepLoss, lr, gradNorm);
                double metric = Double.NaN;
                boolean last = done == args.steps();
                if (evaluator != null && ((args.evalEvery() > 0 && done % args.evalEvery() == 0) || last)) {
                    lastMetrics = evaluator.evaluate(encoder.embedder());
                    metric = evaluator.primaryScore(lastMetrics);
                    log.event(String.format(Locale.ROOT, "step %d %s %.4f", done, evaluator.name(), metric));
                    for (TrainerCallback c : callbacks) c.onEvaluate(done, lastMetrics);
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
                if ((args.checkpointEvery() > 0 && done % args.checkpointEvery() == 0) || done == end) {
                    Path dir = saveCheckpoint(done, optimizer, bestMetric, bestStep);
                    log.plot(task.name() + (momentum ? " (momentum contrast)" : ""));
                    for (TrainerCallback c : callbacks) c.onCheckpoint(done, dir);
                }
                if (bar != null) bar.step().message(String.format(Locale.ROOT, "loss %.4f", stepLoss));
            }
        }
        boolean interrupted = end < args.steps();
        log.event((interrupted ? "stopped at step " + end + " (stop-after)" : "finished " + args.steps() + " steps")
                + "; updates skipped for a non-finite gradient: " + skippedSteps);
        double seconds = (System.nanoTime() - began) / 1e9;
        TrainingResult result = new TrainingResult(end, firstLoss, lastLoss, evaluator == null ? Double.NaN : bestMetric,
                bestStep, lastMetrics, seconds, interrupted, start, skippedSteps, step.queueSize(), provenance());
        for (TrainerCallback c : callbacks) c.onTrainEnd(result);
        return result;
    }

    /** The heads' learning rate relative to the encoder's peak (1 for encoder parameters). */
    private double learningRateScale(String parameter) {
        float head = task.headLearningRate();
        return headNames.contains(parameter) && !Float.isNaN(head) ? head / args.learningRate() : 1.0;
    }

    static void seedEngine(long seed, long step, int micro, int view, int chunk) {
        setEngineSeed(mix(mix(mix(mix(seed, step), micro), view), chunk));
    }

    static void setEngineSeed(long key) {
        Engine.getInstance().setRandomSeed((int) (key ^ (key >>> 32)) & 0x7fffffff);
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- checkpoints -------------------------------------------------------------------------

    private Path saveCheckpoint(long done, AdamW optimizer, double bestMetric, long bestStep) throws IOException {
        Path root = runDir.resolve("checkpoints");
        Files.createDirectories(root);
        Path dir = root.resolve(String.format("step-%09d", done));
        Map<String, NDArray> params = new LinkedHashMap<>();
        parameters.forEach((name, p) -> params.put(name, p.getArray()));
        Map<String, NDArray> moments = new LinkedHashMap<>();
        optimizer.firstMoments().forEach((k, v) -> moments.put("m/" + k, v));
        optimizer.secondMoments().forEach((k, v) -> moments.put("v/" + k, v));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", done);
        state.put("optimizer_step", optimizer.step());
        state.put("data_position", task.position());
        state.put("seed", args.seed());
        state.put("best_metric", Double.isInfinite(bestMetric) ? -1e300 : bestMetric);
        state.put("best_step", bestStep);
        state.put("rng", "derived from (seed, step, micro-batch, view, chunk) and (seed, data position)");
        state.put("config", args.asMap());
        state.put(objective != null ? "objective" : "task", task.describe());
        // staged, forced to disk and renamed into place: a crash leaves the previous checkpoints intact
        AtomicDirectory.write(dir, tmp -> {
            TensorArchive.write(tmp.resolve("model.bin"), params);
            TensorArchive.write(tmp.resolve("optimizer.bin"), moments);
            step.save(tmp, state);
            JSON.writeValue(tmp.resolve("state.json").toFile(), state);
        });
        try (Stream<Path> s = Files.list(root)) {
            List<Path> all = s.filter(p -> p.getFileName().toString().startsWith("step-")
                    && !p.getFileName().toString().endsWith(".partial")).sorted().toList();
            for (int i = 0; i < all.size() - args.keepCheckpoints(); i++) {
                deleteRecursively(all.get(i));
            }
        }
        return dir;
    }

    /** The newest complete checkpoint of a run folder, if any. */
    public static Optional<Path> latestCheckpoint(Path runDir) throws IOException {
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
            if (seed != args.seed()) {
                throw new UserInputException("checkpoint " + dir + " was made with seed " + seed + ", this run has seed "
                        + args.seed() + ": resume with the same seed, or train into a new folder");
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
        step.restore(dir, state);
        return state;
    }

    private static void closeAll(Map<String, NDArray> arrays) {
        if (arrays != null) arrays.values().forEach(NDArray::close);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.isDirectory(path) && !Files.exists(path)) return;
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
