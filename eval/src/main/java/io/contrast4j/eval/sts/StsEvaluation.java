package io.contrast4j.eval.sts;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.SickExample;
import io.contrast4j.data.SickReader;
import io.contrast4j.data.StsReader;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.core.stats.Correlation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic textual similarity without training: the cosine of the two sentence embeddings against
 * the gold score, as SentEval's STS12-16 tasks and SimCSE's evaluation do (Conneau & Kiela 2018,
 * Sec. 3.2; Gao et al. 2021, App. B). Scores on the x100 scale:
 * <ul>
 *   <li>{@code spearman}, {@code pearson}: all subsets of a year concatenated ("all", SimCSE's and
 *       MTEB's aggregation: MTEB's STS12-15 are single concatenated test sets);
 *   <li>{@code spearman_mean}, {@code pearson_mean}: the unweighted mean over subsets (SentEval's
 *       "mean"); equal to the "all" numbers for single-file tasks;
 *   <li>per-subset numbers under {@code details.subsets}; every pair's cosine and gold score under
 *       {@code details.predicted} and {@code details.gold} (subsets concatenated, file order).
 * </ul>
 * {@code SICKRelatedness} is the SICK test split (4,927 pairs, as SentEval); {@code SICKRelatedness-all}
 * is train + trial + test (9,927 pairs), the set MTEB's SICK-R scores.
 */
public final class StsEvaluation {
    public static final List<String> YEARS = List.of("STS12", "STS13", "STS14", "STS15", "STS16");
    /** The seven tasks of the usual STS average (SimCSE Table 5 and after). */
    public static final List<String> STANDARD = List.of("STS12", "STS13", "STS14", "STS15", "STS16", "STSBenchmark", "SICKRelatedness");
    public static final List<String> TASKS = List.of("STS12", "STS13", "STS14", "STS15", "STS16",
            "STSBenchmark", "STSBenchmark-dev", "SICKRelatedness", "SICKRelatedness-all");

    private StsEvaluation() {}

    /** The default task list for a datasets root: the standard tasks whose files are present. */
    public static List<String> available(Path root) {
        List<String> out = new ArrayList<>(SentEvalLayout.stsYears(root).stream().filter(YEARS::contains).toList());
        if (present(() -> SentEvalLayout.stsBenchmark(root, "test"))) out.add("STSBenchmark");
        if (present(() -> SentEvalLayout.sick(root, "test"))) out.add("SICKRelatedness");
        return out;
    }

    private static boolean present(Runnable check) {
        try {
            check.run();
            return true;
        } catch (UserInputException e) {
            return false;
        }
    }

    /** A task's pairs by subset (one subset named after the file for single-file tasks). */
    public static Map<String, List<ScoredPair>> load(Path root, String task) {
        Map<String, List<ScoredPair>> subsets = new LinkedHashMap<>();
        switch (task) {
            case "STSBenchmark" -> subsets.put("test", StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "test")));
            case "STSBenchmark-dev" -> subsets.put("dev", StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "dev")));
            case "SICKRelatedness" -> subsets.put("test", relatedness(SickReader.read(SentEvalLayout.sick(root, "test"))));
            case "SICKRelatedness-all" -> {
                // Concatenated in MTEB's order is irrelevant for correlations; kept as one subset.
                List<ScoredPair> all = new ArrayList<>();
                for (String split : List.of("train", "trial", "test")) all.addAll(relatedness(SickReader.read(SentEvalLayout.sick(root, split))));
                subsets.put("all", all);
            }
            default -> {
                if (!YEARS.contains(task)) throw new UserInputException("unknown STS task '" + task + "' (valid: " + String.join(", ", TASKS) + ")");
                subsets.putAll(StsReader.readYear(SentEvalLayout.stsYear(root, task)).subsets());
            }
        }
        return subsets;
    }

    /** The files or folders a task reads, for provenance (each is checked to exist). */
    public static List<Path> inputs(Path root, String task) {
        return switch (task) {
            case "STSBenchmark" -> List.of(SentEvalLayout.stsBenchmark(root, "test"));
            case "STSBenchmark-dev" -> List.of(SentEvalLayout.stsBenchmark(root, "dev"));
            case "SICKRelatedness" -> List.of(SentEvalLayout.sick(root, "test"));
            case "SICKRelatedness-all" -> List.of(SentEvalLayout.sick(root, "train"), SentEvalLayout.sick(root, "trial"), SentEvalLayout.sick(root, "test"));
            default -> List.of(SentEvalLayout.stsYear(root, task));
        };
    }

    private static List<ScoredPair> relatedness(List<SickExample> examples) {
        return examples.stream().map(SickExample::relatednessPair).toList();
    }

    /** Every sentence of a task, for encoding in one go. */
    public static List<String> sentences(Map<String, List<ScoredPair>> subsets) {
        List<String> out = new ArrayList<>();
        for (List<ScoredPair> pairs : subsets.values()) {
            for (ScoredPair p : pairs) {
                out.add(p.s1());
                out.add(p.s2());
            }
        }
        return out;
    }

    public static TaskResult evaluate(String task, Map<String, List<ScoredPair>> subsets, Embedder embedder) {
        Map<String, Object> perSubset = new LinkedHashMap<>();
        List<Double> allPred = new ArrayList<>(), allGold = new ArrayList<>();
        double sumSpearman = 0, sumPearson = 0;
        for (Map.Entry<String, List<ScoredPair>> e : subsets.entrySet()) {
            List<ScoredPair> pairs = e.getValue();
            float[][] a = embedder.embed(pairs.stream().map(ScoredPair::s1).toList());
            float[][] b = embedder.embed(pairs.stream().map(ScoredPair::s2).toList());
            double[] pred = new double[pairs.size()], gold = new double[pairs.size()];
            for (int i = 0; i < pred.length; i++) {
                pred[i] = cosine(a[i], b[i]);
                gold[i] = pairs.get(i).score();
                allPred.add(pred[i]);
                allGold.add(gold[i]);
            }
            double s = 100 * Correlation.spearman(pred, gold), p = 100 * Correlation.pearson(pred, gold);
            sumSpearman += s;
            sumPearson += p;
            Map<String, Number> m = new LinkedHashMap<>();
            m.put("spearman", s);
            m.put("pearson", p);
            m.put("n", pairs.size());
            perSubset.put(e.getKey(), m);
        }
        double[] pred = allPred.stream().mapToDouble(Double::doubleValue).toArray();
        double[] gold = allGold.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("spearman", 100 * Correlation.spearman(pred, gold));
        metrics.put("pearson", 100 * Correlation.pearson(pred, gold));
        metrics.put("spearman_mean", sumSpearman / subsets.size());
        metrics.put("pearson_mean", sumPearson / subsets.size());
        metrics.put("n", pred.length);
        Map<String, Object> details = new LinkedHashMap<>();
        if (subsets.size() > 1) details.put("subsets", perSubset);
        // Per pair, in the order of the "all" numbers: lets two reports be compared pair by pair
        // (eval compare: bootstrap intervals and permutation tests of the correlation difference).
        details.put("predicted", pred);
        details.put("gold", gold);
        return new TaskResult(task, metrics, details, new TaskResult.Scatter(pred, gold, "cosine", "gold score"));
    }

    /**
     * The mean "all" Spearman over the standard tasks present in {@code results}; a true 7-task
     * average only when {@code count} is 7.
     */
    public record Average(double spearman, int count, List<String> tasks) {}

    public static Average average(Map<String, TaskResult> results) {
        List<String> used = STANDARD.stream().filter(results::containsKey).toList();
        double sum = 0;
        for (String t : used) sum += results.get(t).metrics().get("spearman").doubleValue();
        return new Average(used.isEmpty() ? Double.NaN : sum / used.size(), used.size(), used);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
