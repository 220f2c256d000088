package io.contrast4j.cli.eval;

import io.contrast4j.cli.options.CheckpointOptions;
import io.contrast4j.cli.options.DeviceKind;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.glue.GlueReader;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueSplits;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.eval.glue.GlueBenchmark;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.glue.CrossEncoderFineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code contrast4j eval glue}: GLUE-style fine-tuning of the encoder with a task head, per task, rate and seed. */
@Command(
        name = "glue",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tunes the encoder end to end with a linear task head (BERT's GLUE recipe) and reports GLUE's metrics:",
            "MRPC acc/F1, STS-B Pearson/Spearman, SST-2 acc, CoLA MCC, QQP acc/F1, MNLI-m/mm, QNLI, RTE acc.",
            "Data: --glue-dir (the GLUE distribution, glue_data/<Task>/*.tsv) or the SentEval layout of --data-dir /",
            "$CONTRAST4J_DATA for SST-2, MRPC (train on train, score test) and STS-B (score dev and test).",
            "The rate is chosen on dev; metrics are the mean over seeds with their standard deviation.",
            "With --work-dir each run (task, rate, seed) has a folder there: checkpoints every --checkpoint-every steps,",
            "then its results; --resume reads back the runs that are done and resumes the interrupted one exactly."
        })
public final class GlueEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "minilm|DIR", description = "The encoder to fine-tune.")
    String model;

    @Option(names = "--tasks", defaultValue = "MRPC,STS-B", paramLabel = "A,B", description = "GLUE tasks (default: ${DEFAULT-VALUE}).")
    String tasks;

    @Option(names = "--glue-dir", paramLabel = "DIR", description = "The GLUE distribution's folder (glue_data).")
    Path glueDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Datasets folder in the SentEval layout (default: $CONTRAST4J_DATA).")
    Path dataDir;

    @Option(names = "--lr", defaultValue = "2e-5,3e-5,5e-5", paramLabel = "X,Y", description = "Peak learning rates to try (default: ${DEFAULT-VALUE}).")
    String learningRates;

    @Option(names = "--seeds", defaultValue = "1,2,3", paramLabel = "A,B", description = "Seeds (default: ${DEFAULT-VALUE}).")
    String seeds;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-length", defaultValue = "128", description = "Tokens per sequence, pair included (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--warmup", defaultValue = "0.1", description = "Warmup fraction of the steps (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--max-train", defaultValue = "0", description = "Use only the first N training examples (0 = all).")
    int maxTrain;

    @Option(names = "--max-eval", defaultValue = "0", description = "Score only the first N examples of each split (0 = all).")
    int maxEval;

    @Option(names = "--submission-dir", paramLabel = "DIR", description = "Write GLUE leaderboard files for unlabelled test splits here.")
    Path submissionDir;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceKind.Converter.class,
            description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    DeviceKind device;

    @Mixin CheckpointOptions checkpoints = new CheckpointOptions();

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the JSON report here, plus FILE.md and FILE.html. Default: JSON on stdout.")
    Path out;

    @Override
    public Integer call() {
        if (!model.equals(Models.MINILM) && !Files.isDirectory(Path.of(model))) {
            throw new UserInputException("--model " + model + ": not 'minilm' and no such folder");
        }
        GlueRecipe recipe;
        try {
            recipe = new GlueRecipe(maxLength, batchSize, epochs, floats("--lr", learningRates), warmup, 0.01f, 0.1f, 1.0,
                    longs("--seeds", seeds), maxTrain);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flagNames(e.getMessage()));
        }
        if (batchSize < 2) throw new UserInputException("--batch-size must be >= 2, got " + batchSize);
        if (maxEval < 0) throw new UserInputException("--max-eval must be >= 0, got " + maxEval);
        checkpoints.check();
        List<GlueSplits> data = new ArrayList<>();
        Provenance provenance = Provenance.start("eval glue", spec.commandLine().getParseResult().originalArgs());
        for (String name : tasks.split(",")) {
            GlueTask task;
            try {
                task = GlueTask.parse(name);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--tasks: " + e.getMessage().replaceFirst("^task: ", ""));
            }
            data.add(glueDir != null ? GlueReader.readGlue(glueDir, task) : GlueReader.readSentEval(DataDirectory.resolve(dataDir), task));
        }
        CrossEncoderFineTuner tuner = new CrossEncoderFineTuner(model, device.device())
                .withCheckpointEvery(checkpoints.checkpointEvery).withStopAfter(checkpoints.stopAfter);
        if (checkpoints.workDir != null) {
            provenance.config("work_dir", checkpoints.workDir.toString()).config("checkpoint_every", checkpoints.checkpointEvery)
                    .config("resumed", checkpoints.resume);
        }
        provenance.config("model", model).config("tasks", tasks).config("recipe", recipe.toMap())
                .config("max_eval", maxEval).config("fine_tuner", tuner.provenance());
        for (long s : recipe.seeds()) provenance.seed("seed_" + s, s);
        provenance.config("data", glueDir != null ? glueDir.toString() : DataDirectory.resolve(dataDir).toString());
        EvalReport results = new EvalReport(model, null);
        try {
            for (GlueSplits d : data) results.add(GlueBenchmark.run(tuner, d, recipe, maxEval, submissionDir, checkpoints.workDir));
        } catch (CrossEncoderFineTuner.Interrupted e) {
            spec.commandLine().getErr().println("stopped: " + e.getMessage() + " (continue with --resume)");
            return 1;
        } catch (UserInputException e) {
            throw new UserInputException(e.getMessage().replace("workDir: ", "--work-dir: "));
        }
        EvalReport report = new EvalReport(model, provenance.finish());
        results.results().forEach(report::add);
        EvalOptions.emit(report, out, spec);
        return 0;
    }

    /** The recipe's field names in its errors, as this command's flags. */
    private static String flagNames(String message) {
        return message.replace("maxLength", "--max-length").replace("batchSize", "--batch-size").replace("epochs", "--epochs")
                .replace("learningRates", "--lr").replace("warmupFraction", "--warmup").replace("seeds", "--seeds")
                .replace("maxTrainExamples", "--max-train");
    }

    private static List<Float> floats(String flag, String csv) {
        try {
            return Arrays.stream(csv.split(",")).map(String::strip).map(Float::parseFloat).toList();
        } catch (NumberFormatException e) {
            throw new UserInputException(flag + ": expected comma-separated numbers, got '" + csv + "'");
        }
    }

    private static List<Long> longs(String flag, String csv) {
        try {
            return Arrays.stream(csv.split(",")).map(String::strip).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new UserInputException(flag + ": expected comma-separated integers, got '" + csv + "'");
        }
    }
}
