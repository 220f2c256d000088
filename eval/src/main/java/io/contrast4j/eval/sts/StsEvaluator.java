package io.contrast4j.eval.sts;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.eval.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Evaluator} over {@link StsEvaluation}: Spearman x100 ("all" aggregation) of the cosine of
 * each pair's embeddings against the gold score, per task under the task's name, and their
 * {@code average} when there are several. The primary metric is the single task's score, or the
 * average. {@link #stsBenchmarkDev} is the dev task of SimCSE and sentence-transformers.
 */
public final class StsEvaluator implements Evaluator {

    private final String name;
    private final Map<String, Map<String, List<ScoredPair>>> tasks;
    private final Map<String, Object> provenance = new LinkedHashMap<>();

    /** @param tasks task name -> subsets (as {@link StsEvaluation#load}) -> pairs */
    public StsEvaluator(String name, Map<String, Map<String, List<ScoredPair>>> tasks) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("tasks: no STS task to evaluate");
        tasks.forEach((t, subsets) -> {
            if (subsets.values().stream().mapToInt(List::size).sum() < 2) {
                throw new IllegalArgumentException("tasks: " + t + " needs at least 2 pairs");
            }
        });
        this.name = name;
        this.tasks = new LinkedHashMap<>(tasks);
        provenance.put("evaluator", "StsEvaluator");
        provenance.put("name", name);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        tasks.forEach((t, s) -> sizes.put(t, s.values().stream().mapToInt(List::size).sum()));
        provenance.put("tasks", sizes);
        provenance.put("metric", "spearman x100 of cosine similarities, all subsets concatenated");
    }

    /** One task from pairs in memory (e.g. a dev split the caller read). */
    public static StsEvaluator ofPairs(String name, List<ScoredPair> pairs) {
        return new StsEvaluator(name, Map.of(name, Map.of("all", List.copyOf(pairs))));
    }

    /** STS-B dev split under {@code root}, named {@code stsb_dev_spearman}. */
    public static StsEvaluator stsBenchmarkDev(Path root) {
        StsEvaluator e = new StsEvaluator("stsb_dev_spearman", Map.of("STSBenchmark-dev", StsEvaluation.load(root, "STSBenchmark-dev")));
        e.provenance.put("inputs", StsEvaluation.inputs(root, "STSBenchmark-dev").stream().map(Path::toString).toList());
        return e;
    }

    /**
     * The STS years (STS12-16) found under {@code root} and STS-B test, their average being the
     * number the pretraining experiments report before and after.
     *
     * @param only tasks to keep; null or empty: every one found. A task asked for but absent is an
     *     {@link IllegalArgumentException} naming it.
     */
    public static StsEvaluator suite(Path root, List<String> only) {
        List<String> found = new ArrayList<>(SentEvalLayout.stsYears(root).stream().filter(StsEvaluation.YEARS::contains).toList());
        if (Files.isRegularFile(root.resolve("senteval/STS/STSBenchmark/sts-test.csv"))) found.add("STSBenchmark");
        if (only != null) {
            for (String t : only) {
                if (!found.contains(t)) {
                    throw new IllegalArgumentException("tasks: " + t + " not found under " + root + " (have " + found + ")");
                }
            }
        }
        Map<String, Map<String, List<ScoredPair>>> tasks = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        for (String t : found) {
            if (only == null || only.isEmpty() || only.contains(t)) {
                tasks.put(t, StsEvaluation.load(root, t));
                StsEvaluation.inputs(root, t).forEach(p -> inputs.add(p.toString()));
            }
        }
        if (tasks.isEmpty()) throw new IllegalArgumentException("tasks: no STS task found under " + root);
        StsEvaluator e = new StsEvaluator("sts_average_spearman", tasks);
        e.provenance.put("inputs", inputs);
        return e;
    }

    public List<String> tasks() {
        return List.copyOf(tasks.keySet());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String primaryMetric() {
        return tasks.size() == 1 ? tasks.keySet().iterator().next() : "average";
    }

    @Override
    public Map<String, Double> evaluate(Embedder embedder) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Map<String, List<ScoredPair>>> e : tasks.entrySet()) {
            TaskResult r = StsEvaluation.evaluate(e.getKey(), e.getValue(), embedder);
            double s = r.metrics().get("spearman").doubleValue();
            out.put(e.getKey(), s);
            sum += s;
        }
        if (tasks.size() > 1) out.put("average", sum / tasks.size());
        return out;
    }

    @Override
    public Map<String, Object> provenance() {
        return new LinkedHashMap<>(provenance);
    }
}
