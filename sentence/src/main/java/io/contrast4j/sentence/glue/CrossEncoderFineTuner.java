package io.contrast4j.sentence.glue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.json.Json;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainerCallback;
import io.contrast4j.sentence.train.TrainingArguments;
import io.contrast4j.sentence.train.TrainingResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GLUE fine-tuning the BERT way (Devlin et al. 2019, Sec. 3.2 and 4.1) on the unified {@link
 * Trainer}: a {@link CrossEncoderTask} (encoder + linear head, cross-entropy or MSE) trained with
 * AdamW, linear warmup and decay and global-norm clipping at the recipe's settings.
 *
 * <p>With a run folder, the trainer checkpoints the encoder, the head and AdamW's state every
 * {@code checkpointEvery} steps (and at the end) into {@code runDir/checkpoints/}, and a run
 * started again in the same folder resumes from its newest checkpoint and ends with the same
 * parameters, bit for bit, as one that was never interrupted. Without one, the run trains in a
 * temporary folder that is deleted afterwards.
 *
 * <p>One difference from BERT, on purpose: the head reads the model's own pooling (mean pooling
 * for sentence-transformers models such as all-MiniLM-L6-v2, whose checkpoints carry no trained
 * pooler) instead of the [CLS] pooler. Every run reloads the pretrained weights.
 */
public final class CrossEncoderFineTuner implements GlueFineTuner {
    private static final int PREDICT_BATCH = 64;

    private final String modelSpec;
    private final Device device;
    private final int checkpointEvery;
    private final int stopAfter;
    private final List<TrainerCallback> callbacks;

    public CrossEncoderFineTuner(String modelSpec, Device device) {
        this(modelSpec, device, 0, -1, List.of());
    }

    private CrossEncoderFineTuner(String modelSpec, Device device, int checkpointEvery, int stopAfter,
                                  List<TrainerCallback> callbacks) {
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpointEvery: must be >= 0, got " + checkpointEvery);
        this.modelSpec = modelSpec;
        this.device = device;
        this.checkpointEvery = checkpointEvery;
        this.stopAfter = stopAfter;
        this.callbacks = List.copyOf(callbacks);
    }

    /** Checkpoints every {@code steps} optimizer steps of a run with a run folder (0: only at its end). */
    public CrossEncoderFineTuner withCheckpointEvery(int steps) {
        return new CrossEncoderFineTuner(modelSpec, device, steps, stopAfter, callbacks);
    }

    /**
     * Stops every run after {@code steps} steps, as if interrupted (-1: never): the run's last
     * checkpoint is written and {@link #fineTune} throws {@link Interrupted}. For testing resumes.
     */
    public CrossEncoderFineTuner withStopAfter(int steps) {
        return new CrossEncoderFineTuner(modelSpec, device, checkpointEvery, steps, callbacks);
    }

    /** Trainer callbacks for every run (progress, or a test's simulated crash). */
    public CrossEncoderFineTuner withCallbacks(TrainerCallback... more) {
        List<TrainerCallback> all = new ArrayList<>(callbacks);
        all.addAll(List.of(more));
        return new CrossEncoderFineTuner(modelSpec, device, checkpointEvery, stopAfter, all);
    }

    /** A run that stopped before its last step (see {@link #withStopAfter}); its folder holds the checkpoint to resume. */
    public static final class Interrupted extends RuntimeException {
        public Interrupted(String message) {
            super(message);
        }
    }

    @Override
    public Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                        float learningRate, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("contrast4j-glue-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return fineTune(task, train, toPredict, recipe, learningRate, seed, dir);
        } finally {
            try {
                AtomicDirectory.deleteTree(dir);
            } catch (IOException e) {
                System.err.println("glue: could not delete the temporary run folder " + dir + ": " + e.getMessage());
            }
        }
    }

    @Override
    public Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                        float learningRate, long seed, Path runDir) {
        long start = System.nanoTime();
        List<GlueExample> used = recipe.maxTrainExamples() > 0 && train.size() > recipe.maxTrainExamples()
                ? train.subList(0, recipe.maxTrainExamples()) : train;
        if (used.isEmpty()) throw new IllegalArgumentException("train: no training examples for " + task.folderName());
        if (recipe.batchSize() < 2) throw new IllegalArgumentException("batchSize: must be >= 2 (the trainer's minimum), got " + recipe.batchSize());
        for (GlueExample e : used) {
            if (!e.isLabelled()) throw new IllegalArgumentException("train: example " + e.id() + " has no label");
        }
        try (SentenceModel model = Models.load(modelSpec, device);
                HfTokenizer tokenizer = HfTokenizer.load(new ByteArrayInputStream(model.tokenizerJson()),
                        recipe.maxLength(), model.name() + " tokenizer");
                CrossEncoderTask step = new CrossEncoderTask(model, tokenizer, task, used, recipe, seed)) {
            int total = step.totalSteps();
            TrainingArguments args = TrainingArguments.builder()
                    .steps(total).batchSize(recipe.batchSize()).learningRate(learningRate)
                    .warmupSteps((int) Math.round(total * recipe.warmupFraction()))
                    .weightDecay(recipe.weightDecay())
                    // the clip threshold in float: the same number for every threshold a float holds exactly (1.0)
                    .maxGradNorm((float) recipe.maxGradNorm())
                    .seed(seed).checkpointEvery(checkpointEvery).stopAfter(stopAfter).progress(true)
                    .build();
            checkResumable(runDir, args, step);
            // not closed: the model is closed above
            SentenceModelTrainable encoder = new SentenceModelTrainable(model, PREDICT_BATCH);
            TrainingResult result = Trainer.builder().model(encoder).task(step).args(args).outputDir(runDir)
                    .callbacks(callbacks.toArray(TrainerCallback[]::new)).build().train();
            if (result.interrupted()) {
                throw new Interrupted("fine-tuning " + task.folderName() + " (rate " + learningRate + ", seed " + seed
                        + ") stopped after step " + result.steps() + " of " + total + "; its checkpoint is in " + runDir);
            }
            List<List<String>> predictions = new ArrayList<>();
            for (List<GlueExample> split : toPredict) predictions.add(step.predict(split, PREDICT_BATCH));
            double finalLoss = result.resumedFrom() == total ? lastLoggedLoss(runDir) : result.lastLoss();
            return new Run(predictions, (int) result.steps(), finalLoss, (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings that must not change between an interrupted run and its resume (the checkpoint interval may). */
    private static final List<String> RUN_SETTINGS = List.of("steps", "batch_size", "accumulation", "learning_rate",
            "warmup_steps", "weight_decay", "max_grad_norm", "seed");

    /**
     * A checkpoint in {@code runDir} must come from the same run (rate, schedule, seed, task, data
     * size, recipe): resuming another would silently mix two runs. The trainer itself checks the
     * seed and the parameter shapes.
     */
    private static void checkResumable(Path runDir, TrainingArguments args, CrossEncoderTask step) throws IOException {
        Optional<Path> latest = Trainer.latestCheckpoint(runDir);
        if (latest.isEmpty()) return;
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(latest.get().resolve("state.json").toFile());
        } catch (IOException e) {
            return; // unreadable: the trainer falls back to the checkpoint before it
        }
        JsonNode config = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(args.asMap()));
        JsonNode task = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(step.describe()));
        List<String> differ = new ArrayList<>();
        for (String key : RUN_SETTINGS) {
            if (!config.path(key).equals(state.path("config").path(key))) differ.add(key);
        }
        if (!task.equals(state.path("task"))) differ.add("task");
        if (!differ.isEmpty()) {
            throw new UserInputException("runDir: " + runDir + " holds a checkpoint of another run (" + String.join(", ", differ)
                    + " differ); resume with the same settings, or use another folder");
        }
    }

    /** The last step's loss from the run's loss.csv (a run resumed from its final checkpoint trains no step). */
    private static double lastLoggedLoss(Path runDir) throws IOException {
        Path csv = runDir.resolve("loss.csv");
        if (!Files.exists(csv)) return Double.NaN;
        List<String> lines = Files.readAllLines(csv);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        String[] cells = last.split(",");
        try {
            return cells.length > 1 ? Double.parseDouble(cells[1]) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public String modelName() {
        return modelSpec;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", modelSpec);
        m.put("device", device.toString());
        m.put("head", "linear on the model's pooling, dropout before it");
        m.put("optimizer", "AdamW (0.9, 0.999, 1e-8), no decay on biases and LayerNorm");
        m.put("trainer", "io.contrast4j.sentence.train.Trainer (checkpoint every " + checkpointEvery + " steps, 0 = at the end)");
        return m;
    }
}
