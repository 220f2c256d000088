package io.contrast4j.sentence.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.core.io.AtomicFiles;
import io.contrast4j.core.json.Json;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainerCallback;
import io.contrast4j.sentence.train.TrainableEncoder;
import io.contrast4j.sentence.train.TrainingArguments;
import io.contrast4j.sentence.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A whole pretraining run from typed parts, as {@code contrast4j pretrain} does it: prepare the
 * {@link ObjectiveSpec}'s data, load the model (twice for momentum contrast: query and key
 * encoder), optionally measure report tasks before, train with the one {@link Trainer} (dev
 * evaluation, checkpoints, resume), save the trained model folder, measure after, and write
 * {@code provenance.json} (settings, seeds, input SHA-256, result) and {@code report.json} into
 * the output folder. The result carries the summary the command prints.
 *
 * <pre>{@code
 * PretrainingResult r = Pretraining.builder()
 *         .objective(PairsSpec.of(Path.of("pairs.tsv")))
 *         .model(() -> new SentenceModelTrainable(Models.load("minilm", Device.cpu()), 64))
 *         .args(TrainingArguments.builder().steps(100).batchSize(32).build())
 *         .evaluator(prepared -> Evaluators.stsBenchmarkDev(data))
 *         .outputDir(Path.of("run")).build().run();
 * }</pre>
 */
public final class Pretraining {

    private static final ObjectMapper JSON = Json.PRETTY;

    /** What a run produced: the trainer's result, the prepared objective and the summary. */
    public record PretrainingResult(TrainingResult training, PreparedObjective prepared, Map<String, Object> summary) {}

    private final Builder b;

    private Pretraining(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private ObjectiveSpec objective;
        private Supplier<? extends TrainableEncoder> model;
        private String modelName = "model";
        private TrainingArguments args;
        private Function<PreparedObjective, Evaluator> evaluator = p -> null;
        private Function<PreparedObjective, Map<String, Evaluator>> report = p -> Map.of();
        private Path outputDir;
        private Provenance provenance;
        private PrintWriter log;
        private final List<TrainerCallback> callbacks = new ArrayList<>();

        private Builder() {}

        public Builder objective(ObjectiveSpec o) { objective = o; return this; }
        /** Loads a fresh instance of the model to train (called twice for momentum contrast). */
        public Builder model(Supplier<? extends TrainableEncoder> m) { model = m; return this; }
        /** How the model is named in the summary and provenance (e.g. "minilm" or a folder). */
        public Builder modelName(String name) { modelName = name; return this; }
        public Builder args(TrainingArguments a) { args = a; return this; }
        /** The dev evaluator, chosen once the data is known (e.g. held-out documents); may return null. */
        public Builder evaluator(Function<PreparedObjective, Evaluator> e) { evaluator = e; return this; }
        public Builder evaluator(Evaluator e) { evaluator = p -> e; return this; }
        /** Measures before and after training, written to report.json under these keys; empty for none. */
        public Builder report(Function<PreparedObjective, Map<String, Evaluator>> r) { report = r; return this; }
        public Builder outputDir(Path dir) { outputDir = dir; return this; }
        /** The provenance record to complete (the CLI starts it with its command line); default: a new one. */
        public Builder provenance(Provenance p) { provenance = p; return this; }
        /** Where one-line notes for people go (data summary, "measuring ..."); default: nowhere. */
        public Builder log(PrintWriter w) { log = w; return this; }
        public Builder callbacks(TrainerCallback... cs) { callbacks.addAll(List.of(cs)); return this; }

        public Pretraining build() {
            if (objective == null) throw new IllegalArgumentException("objective: required");
            if (model == null) throw new IllegalArgumentException("model: required");
            if (outputDir == null) throw new IllegalArgumentException("outputDir: required");
            if (Files.isRegularFile(outputDir)) throw new IllegalArgumentException("outputDir: is a file: " + outputDir);
            if (args == null) args = TrainingArguments.builder().build();
            if (provenance == null) provenance = Provenance.start("pretrain", List.of());
            return new Pretraining(this);
        }
    }

    private void say(String line) {
        if (b.log != null) {
            b.log.println(line);
            b.log.flush();
        }
    }

    public PretrainingResult run() throws IOException {
        Path out = b.outputDir;
        TrainingArguments args = b.args;
        Provenance provenance = b.provenance.seed(args.seed());
        PreparedObjective prepared = b.objective.prepare(args.seed(), args.batchSize());
        say(prepared.summary());
        prepared.inputs().forEach(provenance::input);
        prepared.notes().forEach(provenance::note);
        boolean resumed = Trainer.latestCheckpoint(out).isPresent();
        try (TrainableEncoder encoder = Objects.requireNonNull(b.model.get(), "model");
                TrainableEncoder key = prepared.momentumContrast() != null ? b.model.get() : null) {
            Evaluator dev = b.evaluator.apply(prepared);
            Map<String, Evaluator> report = b.report.apply(prepared);
            Map<String, Object> before = new LinkedHashMap<>();
            if (!report.isEmpty() && !resumed) {
                say("pretrain: measuring the model before training ...");
                before = measure(encoder, report);
                Files.createDirectories(out);
                final Map<String, Object> measured = before;
                AtomicFiles.write(out.resolve("report-before.json"), o -> JSON.writeValue(o, measured));
            } else if (!report.isEmpty() && Files.exists(out.resolve("report-before.json"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> saved = JSON.readValue(out.resolve("report-before.json").toFile(), Map.class);
                before = saved;
            }
            Trainer.Builder tb = Trainer.builder().model(encoder).objective(prepared.objective()).args(args).outputDir(out)
                    .evaluator(dev).callbacks(b.callbacks.toArray(TrainerCallback[]::new));
            if (prepared.momentumContrast() != null) tb.momentumContrast(prepared.momentumContrast(), key);
            TrainingResult result = tb.build().train();

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("objective", b.objective.name());
            summary.put("model", b.modelName);
            summary.put("out", out.toString());
            summary.put("steps", result.steps());
            summary.put("resumed_from", result.resumedFrom());
            summary.put("interrupted", result.interrupted());
            summary.put("first_loss", result.firstLoss());
            summary.put("last_loss", result.lastLoss());
            summary.put("train_seconds", result.seconds());
            summary.put("updates_skipped_nonfinite_gradient", result.skippedUpdates());
            summary.put("device", encoder.device().toString());
            if (prepared.momentumContrast() != null) summary.put("queue_filled", result.queueSize());
            if (dev != null) {
                summary.put("dev_task", dev.name());
                summary.put("best_dev", result.bestMetric());
                summary.put("best_step", result.bestStep());
            }
            summary.putAll(prepared.notes());
            summary.put("data", prepared.objective().describe());
            if (!result.interrupted()) {
                encoder.save(out);
                if (!report.isEmpty()) {
                    say("pretrain: measuring the model after training ...");
                    Map<String, Object> rep = new LinkedHashMap<>();
                    rep.put("before", before);
                    rep.put("after", measure(encoder, report));
                    AtomicFiles.write(out.resolve("report.json"), o -> JSON.writeValue(o, rep));
                    summary.put("report", rep);
                }
            }
            provenance.config(args.asMap()).config("objective", prepared.objective().describe()).config("model", b.modelName)
                    .config("device", encoder.device().toString());
            if (prepared.momentumContrast() != null) provenance.config("moco", prepared.momentumContrast().describe());
            if (dev != null) provenance.config("evaluator", dev.provenance());
            provenance.note("result", summary);
            provenance.output(out.resolve("model.safetensors"));
            provenance.writeTo(out);
            if (!result.interrupted()) io.contrast4j.sentence.card.ModelCard.writeForRun(out); // README.md model card
            return new PretrainingResult(result, prepared, summary);
        }
    }

    private static Map<String, Object> measure(TrainableEncoder encoder, Map<String, Evaluator> report) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        report.forEach((key, e) -> m.put(key, e.evaluate(encoder.embedder())));
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return m;
    }
}
