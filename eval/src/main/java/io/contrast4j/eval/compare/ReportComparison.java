package io.contrast4j.eval.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.stats.Correlation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares two evaluation reports (the shared report JSON) metric by metric, with significance
 * where the reports keep per-example results:
 * <ul>
 *   <li>{@code acc} with {@code details.<task>.test_correct} in both: paired bootstrap interval of
 *       the accuracy difference and McNemar's exact test ({@link McNemarTest}, also giving
 *       {@code bench/tools/paired.py}'s Wald interval and discordant counts);
 *   <li>{@code spearman} / {@code pearson} with {@code details.<task>.predicted} and {@code gold} in
 *       both (the same gold scores): paired bootstrap interval of the correlation difference and a
 *       paired permutation test. Swapping raw cosines of two models would mix their scales, so
 *       each model's predictions are first turned into average ranks (Spearman) or z-scores
 *       (Pearson), which leaves both observed correlations unchanged;
 *   <li>a metric with {@code details.<task>.per_query.<metric>} in both and the same
 *       {@code query_ids} (retrieval): paired bootstrap interval of the mean difference and a paired
 *       permutation (sign-flip) test;
 *   <li>any other number (dev accuracy, F1, QPS, SentEval means): the difference only.
 * </ul>
 * The difference is always B minus A of the reported values. Every resampling uses its own
 * generator seeded with {@code settings.seed()}, so each row is reproducible on its own.
 */
public final class ReportComparison {
    private ReportComparison() {}

    /** Resamples for the bootstrap intervals, permutations for the tests, and their seed. */
    public record Settings(int bootstrapSamples, int permutations, long seed) {
        public static final Settings DEFAULT = new Settings(2000, 2000, 42);

        public Settings {
            if (bootstrapSamples < 1) throw new UserInputException("bootstrapSamples must be >= 1, got " + bootstrapSamples);
            if (permutations < 1) throw new UserInputException("permutations must be >= 1, got " + permutations);
        }
    }

    /**
     * One metric of one task. {@code low}/{@code high} (95% bootstrap interval of the difference), {@code p}
     * and {@code test} are null without per-example results; {@code n} is the number of paired examples.
     */
    public record Row(String task, String metric, double a, double b, double diff, Double low, Double high, Double p, String test, Integer n) {}

    /** The whole comparison: rows in report order, McNemar details per task, tasks found in one report only. */
    public record Result(String modelA, String modelB, List<Row> rows, Map<String, McNemarTest> mcnemar,
                         List<String> onlyInA, List<String> onlyInB, Settings settings) {}

    public static final String MCNEMAR = "McNemar exact", PERMUTATION = "paired permutation";

    public static Result compare(JsonNode a, JsonNode b, Settings settings) {
        JsonNode tasksA = requireTasks(a, "A"), tasksB = requireTasks(b, "B");
        List<Row> rows = new ArrayList<>();
        Map<String, McNemarTest> mcnemar = new LinkedHashMap<>();
        List<String> onlyA = new ArrayList<>(), onlyB = new ArrayList<>();
        for (Iterator<String> it = tasksB.fieldNames(); it.hasNext(); ) {
            String t = it.next();
            if (!tasksA.has(t)) onlyB.add(t);
        }
        for (Iterator<String> it = tasksA.fieldNames(); it.hasNext(); ) {
            String task = it.next();
            if (!tasksB.has(task)) {
                onlyA.add(task);
                continue;
            }
            JsonNode ma = tasksA.get(task), mb = tasksB.get(task);
            JsonNode da = a.path("details").path(task), db = b.path("details").path(task);
            Set<String> metrics = new LinkedHashSet<>();
            for (Iterator<String> m = ma.fieldNames(); m.hasNext(); ) {
                String name = m.next();
                if (!name.equals("n") && ma.get(name).isNumber() && mb.path(name).isNumber()) metrics.add(name);
            }
            for (String metric : metrics) {
                double va = ma.get(metric).asDouble(), vb = mb.get(metric).asDouble();
                Row row = new Row(task, metric, va, vb, vb - va, null, null, null, null, null);
                if (metric.equals("acc") && da.path("test_correct").isTextual() && db.path("test_correct").isTextual()) {
                    row = accuracy(task, row, da.get("test_correct").asText(), db.get("test_correct").asText(), settings, mcnemar);
                } else if ((metric.equals("spearman") || metric.equals("pearson")) && da.path("predicted").isArray() && db.path("predicted").isArray()) {
                    row = correlation(task, row, da, db, settings);
                } else if (da.path("per_query").path(metric).isArray() && db.path("per_query").path(metric).isArray()) {
                    row = perQuery(task, row, da, db, settings);
                }
                rows.add(row);
            }
        }
        return new Result(a.path("model").asText("A"), b.path("model").asText("B"), rows, mcnemar, onlyA, onlyB, settings);
    }

    private static JsonNode requireTasks(JsonNode report, String which) {
        JsonNode t = report == null ? null : report.get("tasks");
        if (t == null || !t.isObject()) throw new UserInputException("report " + which + " has no 'tasks' object (not an evaluation report)");
        return t;
    }

    private static Row accuracy(String task, Row row, String ca, String cb, Settings s, Map<String, McNemarTest> mcnemar) {
        if (ca.length() != cb.length()) {
            throw new UserInputException("details." + task + ".test_correct: " + ca.length() + " and " + cb.length() + " examples: not the same test set");
        }
        McNemarTest m;
        try {
            m = McNemarTest.of(ca, cb);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("details." + task + ".test_correct: " + e.getMessage());
        }
        mcnemar.put(task, m);
        double[] xa = new double[ca.length()], xb = new double[cb.length()];
        for (int i = 0; i < xa.length; i++) {
            xa[i] = ca.charAt(i) == '1' ? 100 : 0;
            xb[i] = cb.charAt(i) == '1' ? 100 : 0;
        }
        PairedBootstrap.Interval ci = PairedBootstrap.meanDifference(xa, xb, s.bootstrapSamples(), s.seed());
        return new Row(task, row.metric(), row.a(), row.b(), row.diff(), ci.low(), ci.high(), m.p(), MCNEMAR, xa.length);
    }

    private static Row correlation(String task, Row row, JsonNode da, JsonNode db, Settings s) {
        double[] pa = numbers(da.get("predicted"), task, "predicted"), pb = numbers(db.get("predicted"), task, "predicted");
        double[] gold = numbers(da.path("gold"), task, "gold"), goldB = numbers(db.path("gold"), task, "gold");
        if (pa.length != pb.length || gold.length != pa.length || !java.util.Arrays.equals(gold, goldB)) {
            throw new UserInputException("details." + task + ".gold differs between the reports (" + pa.length + " and " + pb.length
                    + " pairs): not the same test set");
        }
        boolean spearman = row.metric().equals("spearman");
        // Bootstrap: resampled pairs, both correlations on the same draw.
        PairedBootstrap.Interval ci = PairedBootstrap.interval(pa.length, rows -> {
            double[] g = select(gold, rows), x = select(pa, rows), y = select(pb, rows);
            if (spearman) {
                double[] rg = ranks(g);
                return 100 * (Correlation.pearson(ranks(y), rg) - Correlation.pearson(ranks(x), rg));
            }
            return 100 * (Correlation.pearson(y, g) - Correlation.pearson(x, g));
        }, s.bootstrapSamples(), s.seed());
        // Permutation: swap the two models' (rank- or z-transformed) predictions pair by pair.
        double[] ta = spearman ? ranks(pa) : zScores(pa), tb = spearman ? ranks(pb) : zScores(pb);
        double[] g = spearman ? ranks(gold) : gold;
        double[] x = new double[pa.length], y = new double[pa.length];
        double p = PairedPermutationTest.pValue(pa.length, swapped -> {
            for (int i = 0; i < x.length; i++) {
                x[i] = swapped[i] ? tb[i] : ta[i];
                y[i] = swapped[i] ? ta[i] : tb[i];
            }
            return spearman ? Correlation.pearson(ranks(y), g) - Correlation.pearson(ranks(x), g)
                    : Correlation.pearson(y, g) - Correlation.pearson(x, g);
        }, s.permutations(), s.seed());
        return new Row(task, row.metric(), row.a(), row.b(), row.diff(), ci.low(), ci.high(), p, PERMUTATION, pa.length);
    }

    private static Row perQuery(String task, Row row, JsonNode da, JsonNode db, Settings s) {
        if (!da.path("query_ids").equals(db.path("query_ids"))) {
            throw new UserInputException("details." + task + ".query_ids differ between the reports: not the same queries");
        }
        double[] xa = numbers(da.path("per_query").get(row.metric()), task, "per_query." + row.metric());
        double[] xb = numbers(db.path("per_query").get(row.metric()), task, "per_query." + row.metric());
        if (xa.length != xb.length) {
            throw new UserInputException("details." + task + ".per_query." + row.metric() + ": " + xa.length + " and " + xb.length + " queries");
        }
        PairedBootstrap.Interval ci = PairedBootstrap.meanDifference(xa, xb, s.bootstrapSamples(), s.seed());
        double p = PairedPermutationTest.meanDifference(xa, xb, s.permutations(), s.seed());
        return new Row(task, row.metric(), row.a(), row.b(), row.diff(), ci.low(), ci.high(), p, PERMUTATION, xa.length);
    }

    /**
     * Average ranks (ties share the mean of the ranks they span), as {@link Correlation#averageRanks}
     * but on a primitive sort: the resampling loops rank thousands of arrays.
     */
    static double[] ranks(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int lo = firstIndex(sorted, v[i]), hi = lastIndex(sorted, v[i]);
            out[i] = (lo + hi) / 2.0 + 1;
        }
        return out;
    }

    private static int firstIndex(double[] sorted, double key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int lastIndex(double[] sorted, double key) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], key) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    private static double[] select(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = v[rows[i]];
        return out;
    }

    private static double[] zScores(double[] v) {
        double mean = 0, sq = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        for (double x : v) sq += (x - mean) * (x - mean);
        double sd = Math.sqrt(sq / v.length);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = sd == 0 ? 0 : (v[i] - mean) / sd;
        return out;
    }

    private static double[] numbers(JsonNode array, String task, String field) {
        if (array == null || !array.isArray()) throw new UserInputException("details." + task + "." + field + " is not an array");
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) throw new UserInputException("details." + task + "." + field + "[" + i + "] is not a number");
            out[i] = v.asDouble();
        }
        return out;
    }
}
