package io.contrast4j.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.objective.ContrastiveBatch;
import io.contrast4j.sentence.objective.SimCseObjective;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.train.AdamW;
import io.contrast4j.sentence.train.Gradients;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainerCallback;
import io.contrast4j.sentence.train.TrainingArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Our side of bench/pretrain/step-speed.sh: the unsupervised SimCSE step (InfoNCE, in-batch
 * negatives, tau 0.05; two dropout views of 32 sentences of exactly 32 tokens) on the embedded
 * all-MiniLM-L6-v2, AdamW, fp32, clipping at 1.0, as the library's {@link Trainer} runs it.
 *
 * <ul>
 *   <li>{@code --mode trainer}: the real {@link Trainer} for warmup + N steps; a {@link
 *       TrainerCallback} stamps the end of every step. Prints one JSON line with the timed steps'
 *       seconds and their median steps/s (warmup steps excluded).
 *   <li>{@code --mode profile}: the same step written out from the library's parts ({@link
 *       SentenceModel#forward}, {@code objective.lossOf}, {@link GradientCollector#backward},
 *       {@link Gradients#clipGlobalNorm}, {@link AdamW#update}, {@link Gradients#zero}) with a timer
 *       around each phase; prints each phase's share of the step. Its steps/s next to the trainer's
 *       shows that the written-out step is the trainer's step. With {@code --torch-trace FILE},
 *       libtorch's profiler records one timed step as a Chrome trace (op-level time; what it does
 *       not cover is Java, JNI and NDArray bookkeeping).
 *   <li>{@code --mode save-weights --out DIR}: writes the embedded MiniLM as a HuggingFace folder
 *       (model.safetensors, config.json), the weights the PyTorch side loads.
 * </ul>
 *
 * Usage: {@code StepSpeedBench --mode trainer|profile|save-weights [--steps 10] [--warmup 3]
 * [--batch 32] [--tokens 32] [--out DIR] [--torch-trace FILE]}. Threads come from
 * {@code -Dai.djl.pytorch.num_threads} (read when the engine starts).
 */
public final class StepSpeedBench {

    /** Common English words that MiniLM's uncased WordPiece vocabulary holds whole (checked at start). */
    private static final String[] WORDS = ("the of and to in is was for that on as with by he at from his it an were are "
            + "which this be or had not but first one their its new after who they have her she two been other when there "
            + "all during into school time may years more most only over city some world would where later up such used "
            + "many can state about national out known university united then made team county also under film game "
            + "season american both war between well number high series year part music album second three group since "
            + "called area public three river name became line history several age against family early house small "
            + "south north west east end great work life back people through before long found being head road").split(" ");

    public static void main(String[] args) throws Exception {
        String mode = "trainer";
        int steps = 10;
        int warmup = 3;
        int batch = 32;
        int tokens = 32;
        Path out = null;
        Path trace = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> mode = args[++i];
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--torch-trace" -> trace = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SentenceModel model = MiniLm.load(Device.cpu());
        if (mode.equals("save-weights")) {
            if (out == null) throw new IllegalArgumentException("--out: required for save-weights");
            HfModelFolder.save(model, out);
            System.err.println("wrote " + out);
            model.close();
            return;
        }
        List<String> sentences = sentences(model.tokenizer(), 4 * batch, tokens - 2);
        System.err.printf(Locale.ROOT, "torch intra-op threads %d, inter-op %d%n",
                ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
        switch (mode) {
            case "trainer" -> trainer(model, sentences, steps, warmup, batch, tokens);
            case "profile" -> profile(model, sentences, steps, warmup, batch, tokens, trace);
            default -> throw new IllegalArgumentException("--mode: trainer, profile or save-weights, got " + mode);
        }
    }

    /** {@code n} distinct sentences of {@code words} single-token words each: {@code words + 2} tokens with [CLS] and [SEP]. */
    static List<String> sentences(HfTokenizer tokenizer, int n, int words) {
        List<String> pool = Arrays.stream(WORDS).distinct().filter(w -> tokenizer.encode(w).length() == 3).toList();
        Random random = new Random(20261207);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ").append(pool.get(random.nextInt(pool.size())));
            }
            String sentence = s.toString();
            int length = tokenizer.encode(sentence).length();
            if (length != words + 2) throw new IllegalStateException("sentence of " + length + " tokens: " + sentence);
            out.add(sentence);
        }
        return out;
    }

    static void trainer(SentenceModel model, List<String> sentences, int steps, int warmup, int batch, int tokens)
            throws Exception {
        if (warmup < 1) throw new IllegalArgumentException("--warmup: must be >= 1 in trainer mode (the first step has no start stamp)");
        Path runDir = Files.createTempDirectory("step-speed-");
        long[] ends = new long[warmup + steps + 1];
        TrainerCallback stamp = new TrainerCallback() {
            @Override
            public void onStepEnd(long step, double loss, double learningRate, double gradNorm) {
                ends[(int) step] = System.nanoTime();
            }
        };
        TrainingArguments args = TrainingArguments.builder().steps(warmup + steps).batchSize(batch).learningRate(3e-5f)
                .warmupSteps(0).weightDecay(0.01f).maxGradNorm(1.0f).seed(42).checkpointEvery(0).progress(false).build();
        try (SentenceModelTrainable encoder = new SentenceModelTrainable(model, 64)) {
            Trainer trainer = Trainer.builder().model(encoder).objective(new SimCseObjective(sentences, 42))
                    .args(args).outputDir(runDir).callbacks(stamp).build();
            trainer.train();
        } finally {
            deleteTree(runDir);
        }
        // Step s (1-based) lasted ends[s] - ends[s - 1]; warmup steps (and step 1, which has no start stamp) are dropped.
        double[] seconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            int s = warmup + 1 + i;
            seconds[i] = (ends[s] - ends[s - 1]) / 1e9;
        }
        report("contrast4j-trainer", seconds, batch, tokens, Map.of());
    }

    static void profile(SentenceModel model, List<String> sentences, int steps, int warmup, int batch, int tokens, Path trace) {
        Device device = model.device();
        SimCseObjective objective = new SimCseObjective(sentences, 42);
        objective.seek(0);
        Map<String, Parameter> parameters = model.encoder().namedParameters();
        for (Parameter p : parameters.values()) {
            p.getArray().setRequiresGradient(true);
        }
        AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, 0.01f);
        String[] phases = {"batch+tokenize", "forward", "loss", "backward", "grad-norm+clip", "optimizer", "zero-grad", "other"};
        double[] total = new double[phases.length];
        double[] seconds = new double[steps];
        Gradients.zero(parameters);
        for (int s = 0; s < warmup + steps; s++) {
            boolean timed = s >= warmup;
            boolean tracing = trace != null && s == warmup;
            if (tracing) ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
            double[] t = new double[phases.length];
            long start = System.nanoTime();
            long mark = start;
            try (NDManager stepManager = NDManager.newBaseManager(device)) {
                ContrastiveBatch b = objective.next(batch);
                List<NDList> inputs = new ArrayList<>();
                for (List<String> view : b.views()) {
                    inputs.add(SentenceModel.toInputs(stepManager, model.tokenizer().encodeBatch(view)));
                }
                mark = lap(t, 0, mark);
                try (NDManager scope = stepManager.newSubManager();
                        GradientCollector collector = stepManager.getEngine().newGradientCollector()) {
                    NDList embeddings = new NDList();
                    for (int v = 0; v < inputs.size(); v++) {
                        Engine.getInstance().setRandomSeed(1000 * s + v);
                        embeddings.add(model.forward(new ParameterStore(scope, false), inputs.get(v), true));
                    }
                    mark = lap(t, 1, mark);
                    NDArray loss = objective.lossOf(b, embeddings);
                    loss.getFloat();
                    mark = lap(t, 2, mark);
                    collector.backward(loss);
                    mark = lap(t, 3, mark);
                }
            }
            mark = lap(t, 7, mark); // closing the managers: freeing the step's activations
            Gradients.clipGlobalNorm(parameters, 1.0);
            mark = lap(t, 4, mark);
            optimizer.update(parameters, 3e-5f);
            mark = lap(t, 5, mark);
            Gradients.zero(parameters);
            mark = lap(t, 6, mark);
            if (tracing) {
                ai.djl.pytorch.jni.JniUtils.stopProfile(trace.toString());
                System.err.println("libtorch profiler trace of step " + (s + 1) + ": " + trace);
            }
            if (timed && !tracing) {
                seconds[s - warmup] = (mark - start) / 1e9;
                for (int p = 0; p < phases.length; p++) total[p] += t[p];
            } else if (tracing) {
                seconds[s - warmup] = Double.NaN; // the profiler's own cost is not the step's
            }
        }
        double sum = Arrays.stream(total).sum();
        Map<String, Object> shares = new LinkedHashMap<>();
        StringBuilder line = new StringBuilder("phase shares of our step:");
        for (int p = 0; p < phases.length; p++) {
            shares.put(phases[p], Math.round(1000 * total[p] / sum) / 1000.0);
            line.append(String.format(Locale.ROOT, "  %s %.1f%%", phases[p], 100 * total[p] / sum));
        }
        System.err.println(line);
        double[] kept = Arrays.stream(seconds).filter(x -> !Double.isNaN(x)).toArray();
        report("contrast4j-profiled-loop", kept, batch, tokens, Map.of("phase_shares", shares));
        model.close();
    }

    private static long lap(double[] t, int phase, long since) {
        long now = System.nanoTime();
        t[phase] += (now - since) / 1e9;
        return now;
    }

    static void report(String engine, double[] seconds, int batch, int tokens, Map<String, Object> extra) throws RuntimeException {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("engine", engine);
        row.put("batch", batch);
        row.put("tokens", tokens);
        row.put("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
        row.put("step_seconds", Arrays.stream(seconds).map(x -> Math.round(x * 1e4) / 1e4).boxed().toList());
        row.put("median_step_s", Math.round(median * 1e4) / 1e4);
        row.put("steps_per_s", Math.round(1e4 / median) / 1e4);
        row.putAll(extra);
        try {
            System.out.println(io.contrast4j.core.json.Json.MAPPER.writeValueAsString(row));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RuntimeException(e);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
