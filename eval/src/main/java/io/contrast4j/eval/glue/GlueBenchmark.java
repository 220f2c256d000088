package io.contrast4j.eval.glue;

import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueSplits;
import io.contrast4j.eval.TaskResult;
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
 */
public final class GlueBenchmark {
    private GlueBenchmark() {}

    /**
     * @param maxEvalExamples score only the first N examples of each labelled split (0 = all), for quick runs
     * @param submissionDir where leaderboard files for unlabelled test splits go (null: none written)
     */
    public static TaskResult run(GlueFineTuner tuner, GlueSplits data, GlueRecipe recipe, int maxEvalExamples,
                                 Path submissionDir) {
        if (maxEvalExamples < 0) throw new IllegalArgumentException("maxEvalExamples must be >= 0, got " + maxEvalExamples);
        Map<String, List<GlueExample>> scored = new LinkedHashMap<>();
        data.scored().forEach((k, v) -> scored.put(k, maxEvalExamples > 0 && v.size() > maxEvalExamples ? v.subList(0, maxEvalExamples) : v));
        List<List<GlueExample>> toPredict = new ArrayList<>(scored.values());
        toPredict.addAll(data.unlabelled().values());
        String devSplit = scored.keySet().stream().filter(s -> s.startsWith("dev")).findFirst().orElse(null);
        String reportSplit = scored.containsKey("test") ? "test" : devSplit;

        List<Map<String, Object>> runs = new ArrayList<>();
        Map<Float, List<RunScores>> byRate = new LinkedHashMap<>();
        for (float lr : recipe.learningRates()) {
            for (long seed : recipe.seeds()) {
                GlueFineTuner.Run run = tuner.fineTune(data.task(), data.train(), toPredict, recipe, lr, seed);
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
