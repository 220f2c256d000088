package io.contrast4j.eval.glue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.core.io.AtomicFiles;
import io.contrast4j.core.json.Json;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueSplits;
import io.contrast4j.eval.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * GLUE-style fine-tuning evaluation of one task: a fine-tuning run for every learning rate and
 * seed of the recipe, each scored with the task's GLUE metric on every labelled split.
 *
 * <p>As in BERT's experiments (Devlin et al. 2019, Sec. 4.1) the learning rate is chosen on dev:
 * the rate with the best mean dev score over seeds (for MRPC and QQP the mean of accuracy and F1,
 * GLUE's task score). Without a dev split (MRPC in the SentEval layout) nothing is selected on the
 * test set: the first rate of the recipe is reported. The headline metrics are the mean over seeds
 * on the report split (test when it is labelled, else dev) with the sample standard deviation
 * beside them ({@code <metric>_sd}); every run's scores are kept in the details. Submission files
 * for unlabelled test splits come from the selected rate's run with the best dev score.
 *
 * <p>With a work folder, every run has a folder of its own, {@code WORK/<task>/lr-<rate>-seed-<seed>/},
 * where the fine-tuner keeps its checkpoints, and where the run's predictions go ({@code run.json})
 * once it is done. Running the same task into the same work folder again does not train the runs
 * that are done, and a run that was interrupted resumes from its newest checkpoint, so an
 * interrupted evaluation continues where it stopped with the numbers of one that was not.
 */
public final class GlueBenchmark {
    private GlueBenchmark() {}

    /**
     * @param maxEvalExamples score only the first N examples of each labelled split (0 = all), for quick runs
     * @param submissionDir where leaderboard files for unlabelled test splits go (null: none written)
     */
    public static TaskResult run(GlueFineTuner tuner, GlueSplits data, GlueRecipe recipe, int maxEvalExamples,
                                 Path submissionDir) {
        return run(tuner, data, recipe, maxEvalExamples, submissionDir, null);
    }

    /**
     * @param workDir the runs' folders (checkpoints, then results), reused by a later call with the
     *     same settings: finished runs are read back, an interrupted one resumes (null: nothing kept)
     */
    public static TaskResult run(GlueFineTuner tuner, GlueSplits data, GlueRecipe recipe, int maxEvalExamples,
                                 Path submissionDir, Path workDir) {
        if (maxEvalExamples < 0) throw new IllegalArgumentException("maxEvalExamples must be >= 0, got " + maxEvalExamples);
        Map<String, List<GlueExample>> scored = new LinkedHashMap<>();
        data.scored().forEach((k, v) -> scored.put(k, maxEvalExamples > 0 && v.size() > maxEvalExamples ? v.subList(0, maxEvalExamples) : v));
        List<List<GlueExample>> toPredict = new ArrayList<>(scored.values());
        toPredict.addAll(data.unlabelled().values());
        String devSplit = scored.keySet().stream().filter(s -> s.startsWith("dev")).findFirst().orElse(null);
        String reportSplit = scored.containsKey("test") ? "test" : devSplit;

        Path taskDir = workDir == null ? null : workDir.resolve(data.task().folderName());
        if (taskDir != null) checkSettings(taskDir, settings(tuner, data, recipe, maxEvalExamples));
        List<Map<String, Object>> runs = new ArrayList<>();
        Map<Float, List<RunScores>> byRate = new LinkedHashMap<>();
        for (float lr : recipe.learningRates()) {
            for (long seed : recipe.seeds()) {
                Path runDir = taskDir == null ? null : taskDir.resolve("lr-" + lr + "-seed-" + seed);
                GlueFineTuner.Run run = runDir == null ? null : finished(runDir, toPredict);
                boolean reused = run != null;
                if (run == null && runDir == null) {
                    run = tuner.fineTune(data.task(), data.train(), toPredict, recipe, lr, seed);
                } else if (run == null) {
                    run = tuner.fineTune(data.task(), data.train(), toPredict, recipe, lr, seed, runDir);
                    store(runDir, run);
                }
                Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
                int i = 0;
                for (Map.Entry<String, List<GlueExample>> e : scored.entrySet()) {
                    List<String> gold = e.getValue().stream().map(GlueExample::label).toList();
                    scores.put(e.getKey(), GlueMetrics.score(data.task(), gold, run.predictions().get(i++)));
                }
                byRate.computeIfAbsent(lr, k -> new ArrayList<>()).add(new RunScores(seed, scores, run));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("learning_rate", lr);
                row.put("seed", seed);
                row.put("steps", run.steps());
                row.put("final_loss", run.finalLoss());
                row.put("seconds", Math.round(run.seconds() * 10) / 10.0);
                row.put("scores", scores);
                if (reused) row.put("reused", runDir.resolve(RUN_FILE).toString());
                runs.add(row);
            }
        }
        float chosen = recipe.learningRates().get(0);
        if (devSplit != null) {
            double best = Double.NEGATIVE_INFINITY;
            for (Map.Entry<Float, List<RunScores>> e : byRate.entrySet()) {
                double mean = e.getValue().stream().mapToDouble(r -> taskScore(r.scores.get(devSplit))).average().orElseThrow();
                if (mean > best) {
                    best = mean;
                    chosen = e.getKey();
                }
            }
        }
        List<RunScores> selected = byRate.get(chosen);

        Map<String, Number> metrics = new LinkedHashMap<>();
        Map<String, Object> splitSummaries = new LinkedHashMap<>();
        for (String split : scored.keySet()) {
            Map<String, Number> summary = new LinkedHashMap<>();
            for (String metric : selected.get(0).scores.get(split).keySet()) {
                SummaryStatistics s = new SummaryStatistics();
                for (RunScores r : selected) s.addValue(r.scores.get(split).get(metric));
                summary.put(metric, s.getMean());
                summary.put(metric + "_sd", selected.size() > 1 ? s.getStandardDeviation() : 0.0);
            }
            summary.put("n", scored.get(split).size());
            splitSummaries.put(split, summary);
            if (split.equals(reportSplit)) metrics.putAll(summary);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("report_split", reportSplit);
        details.put("selected_learning_rate", chosen);
        details.put("selected_on", devSplit == null ? "nothing (no dev split: first rate reported)" : devSplit);
        details.put("source", data.source());
        details.put("train_examples", recipe.maxTrainExamples() > 0 ? Math.min(recipe.maxTrainExamples(), data.train().size()) : data.train().size());
        details.put("splits", splitSummaries);
        details.put("runs", runs);
        if (reportSplit != null) perExample(details, data.task(), scored.get(reportSplit),
                selected.get(0).run.predictions().get(new ArrayList<>(scored.keySet()).indexOf(reportSplit)));

        if (submissionDir != null && !data.unlabelled().isEmpty()) {
            RunScores best = selected.get(0);
            if (devSplit != null) {
                for (RunScores r : selected) if (taskScore(r.scores.get(devSplit)) > taskScore(best.scores.get(devSplit))) best = r;
            }
            List<String> files = new ArrayList<>();
            int i = scored.size();
            for (Map.Entry<String, List<GlueExample>> e : data.unlabelled().entrySet()) {
                files.add(GlueSubmission.write(submissionDir, data.task(), e.getKey(), e.getValue(),
                        best.run.predictions().get(i++)).toString());
            }
            details.put("submission_files", files);
            details.put("submission_seed", best.seed);
        }
        return new TaskResult("GLUE-" + data.task().folderName(), metrics, details, null);
    }

    private static final String RUN_FILE = "run.json";
    private static final String SETTINGS_FILE = "settings.json";

    /** What decides a task's runs besides the rate and seed (those name the run folders): all runs in a work folder share it. */
    private static Map<String, Object> settings(GlueFineTuner tuner, GlueSplits data, GlueRecipe recipe, int maxEvalExamples) {
        Map<String, Object> recipeMap = new LinkedHashMap<>(recipe.toMap());
        recipeMap.remove("learning_rates");
        recipeMap.remove("seeds");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", tuner.modelName());
        m.put("task", data.task().folderName());
        m.put("source", data.source());
        m.put("train_examples", data.train().size());
        m.put("recipe", recipeMap);
        m.put("max_eval_examples", maxEvalExamples);
        return m;
    }

    /** Writes the settings into a new task folder, or checks that an existing one's runs were made with them. */
    private static void checkSettings(Path taskDir, Map<String, Object> settings) {
        Path file = taskDir.resolve(SETTINGS_FILE);
        try {
            // through text, as the stored file was: a float field reads back as a double
            JsonNode want = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(settings));
            if (Files.exists(file)) {
                JsonNode have = Json.MAPPER.readTree(file.toFile());
                if (!have.equals(want)) {
                    List<String> differ = new ArrayList<>();
                    want.fieldNames().forEachRemaining(k -> { if (!want.get(k).equals(have.get(k))) differ.add(k); });
                    throw new UserInputException("workDir: " + taskDir + " holds runs made with other settings ("
                            + String.join(", ", differ) + " differ: " + have + "); use another work folder");
                }
            } else {
                AtomicFiles.write(file, out -> Json.PRETTY.writeValue(out, settings));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored result of a run that finished in {@code runDir}, or null. */
    private static GlueFineTuner.Run finished(Path runDir, List<List<GlueExample>> toPredict) {
        Path file = runDir.resolve(RUN_FILE);
        if (!Files.exists(file)) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(file.toFile());
            List<List<String>> predictions = new ArrayList<>();
            for (JsonNode split : n.path("predictions")) {
                List<String> p = new ArrayList<>();
                split.forEach(v -> p.add(v.asText()));
                predictions.add(p);
            }
            boolean fits = predictions.size() == toPredict.size();
            for (int i = 0; fits && i < predictions.size(); i++) fits = predictions.get(i).size() == toPredict.get(i).size();
            if (!fits) {
                throw new UserInputException("workDir: " + file + " holds predictions for other splits than this run's;"
                        + " use another work folder");
            }
            return new GlueFineTuner.Run(predictions, n.path("steps").asInt(), n.path("final_loss").asDouble(), n.path("seconds").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the finished run " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stores a finished run's result, then drops its checkpoints (they are only needed to resume it). */
    private static void store(Path runDir, GlueFineTuner.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", run.steps());
        m.put("final_loss", run.finalLoss());
        m.put("seconds", run.seconds());
        m.put("predictions", run.predictions());
        try {
            AtomicFiles.write(runDir.resolve(RUN_FILE), out -> Json.MAPPER.writeValue(out, m));
            AtomicDirectory.deleteTree(runDir.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per-example results on the report split, from the selected rate's first seed, so that
     * {@code eval compare} can test two models on the same examples: {@code test_correct} (one
     * 1/0 a test example) for classification, {@code predicted} and {@code gold} for STS-B.
     */
    private static void perExample(Map<String, Object> details, io.contrast4j.data.glue.GlueTask task,
                                   List<GlueExample> examples, List<String> predicted) {
        if (task.isRegression()) {
            details.put("predicted", predicted.stream().map(Double::parseDouble).toList());
            details.put("gold", examples.stream().map(e -> Double.parseDouble(e.label())).toList());
        } else {
            StringBuilder correct = new StringBuilder(examples.size());
            for (int i = 0; i < examples.size(); i++) correct.append(examples.get(i).label().equals(predicted.get(i)) ? '1' : '0');
            details.put("test_correct", correct.toString());
        }
        details.put("per_example_from", "the selected rate's first seed");
    }

    /** GLUE's per-task score: the mean of the task's metrics (acc and F1 for MRPC/QQP, Pearson and Spearman for STS-B). */
    static double taskScore(Map<String, Double> metrics) {
        return metrics.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private record RunScores(long seed, Map<String, Map<String, Double>> scores, GlueFineTuner.Run run) {}
}
