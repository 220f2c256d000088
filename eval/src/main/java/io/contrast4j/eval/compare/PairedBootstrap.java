package io.contrast4j.eval.compare;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Paired bootstrap interval of a difference between two systems scored on the same examples
 * (Efron & Tibshirani 1993, ch. 13, percentile interval; Koehn 2004 for its use in NLP): draw n
 * examples with replacement, the same draw for both systems, compute the difference of the metric,
 * repeat; the 2.5th and 97.5th percentiles of the differences bound the 95% interval. Deterministic
 * for a seed (commons-math3's Well19937c).
 */
public final class PairedBootstrap {
    private PairedBootstrap() {}

    /** The difference (B minus A) of a metric over the examples in {@code rows} (repeats allowed). */
    @FunctionalInterface
    public interface Statistic {
        double difference(int[] rows);
    }

    public record Interval(double low, double high) {}

    /** A 95% percentile interval from {@code samples} resamples of n examples; resamples giving NaN are dropped. */
    public static Interval interval(int n, Statistic statistic, int samples, long seed) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        RandomGenerator rng = new Well19937c(seed);
        double[] d = new double[samples];
        int kept = 0;
        int[] rows = new int[n];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) rows[i] = rng.nextInt(n);
            double v = statistic.difference(rows);
            if (!Double.isNaN(v)) d[kept++] = v;
        }
        if (kept == 0) return new Interval(Double.NaN, Double.NaN);
        double[] values = Arrays.copyOf(d, kept);
        // R_7: linear interpolation between order statistics, numpy's default percentile
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        return new Interval(p.evaluate(2.5), p.evaluate(97.5));
    }

    /** The interval of mean(b) - mean(a) over paired per-example values. */
    public static Interval meanDifference(double[] a, double[] b, int samples, long seed) {
        requirePaired(a, b);
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) diff[i] = b[i] - a[i];
        return interval(a.length, rows -> {
            double s = 0;
            for (int r : rows) s += diff[r];
            return s / rows.length;
        }, samples, seed);
    }

    static void requirePaired(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired values of different lengths: " + a.length + " and " + b.length);
    }
}
