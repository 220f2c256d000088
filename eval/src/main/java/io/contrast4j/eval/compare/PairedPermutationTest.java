package io.contrast4j.eval.compare;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Paired (approximate) randomization test of a difference between two systems on the same examples
 * (Noreen 1989; Dror et al. 2018, "The Hitchhiker's Guide to Testing Statistical Significance in
 * NLP", sec. 3): under the null hypothesis the two systems' outputs on an example are exchangeable,
 * so each example's pair is swapped with probability 1/2, the difference recomputed, and the
 * two-sided p-value is (1 + #{|swapped difference| >= |observed|}) / (1 + permutations).
 * Deterministic for a seed (commons-math3's Well19937c).
 */
public final class PairedPermutationTest {
    private PairedPermutationTest() {}

    /** The difference (B minus A) of a metric after swapping the two systems' outputs where {@code swapped} is true. */
    @FunctionalInterface
    public interface Statistic {
        double difference(boolean[] swapped);
    }

    public static double pValue(int n, Statistic statistic, int permutations, long seed) {
        if (permutations < 1) throw new IllegalArgumentException("permutations must be >= 1, got " + permutations);
        boolean[] swapped = new boolean[n];
        double observed = Math.abs(statistic.difference(swapped));
        double tolerance = 1e-12 * Math.max(1, observed); // equal up to rounding counts as "as extreme"
        RandomGenerator rng = new Well19937c(seed);
        int extreme = 0;
        for (int p = 0; p < permutations; p++) {
            for (int i = 0; i < n; i++) swapped[i] = rng.nextBoolean();
            if (Math.abs(statistic.difference(swapped)) >= observed - tolerance) extreme++;
        }
        return (extreme + 1.0) / (permutations + 1.0);
    }

    /** For a mean of per-example values, swapping a pair flips the sign of its difference. */
    public static double meanDifference(double[] a, double[] b, int permutations, long seed) {
        PairedBootstrap.requirePaired(a, b);
        double[] diff = new double[a.length];
        for (int i = 0; i < a.length; i++) diff[i] = b[i] - a[i];
        return pValue(a.length, swapped -> {
            double s = 0;
            for (int i = 0; i < diff.length; i++) s += swapped[i] ? -diff[i] : diff[i];
            return s / diff.length;
        }, permutations, seed);
    }
}
