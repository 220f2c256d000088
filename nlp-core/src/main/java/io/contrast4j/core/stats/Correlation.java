package io.contrast4j.core.stats;

/**
 * Pearson and Spearman correlation, as scipy.stats computes them: Spearman is the Pearson
 * correlation of the ranks, tied values sharing their average rank.
 */
public final class Correlation {
    private Correlation() {}

    public static double pearson(double[] x, double[] y) {
        checkLengths(x, y);
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return Double.NaN; // a constant input has no correlation
        return sxy / Math.sqrt(sxx * syy);
    }

    public static double spearman(double[] x, double[] y) {
        checkLengths(x, y);
        return pearson(averageRanks(x), averageRanks(y));
    }

    /** 1-based ranks; a run of equal values all get the mean of the ranks they span. */
    public static double[] averageRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    private static void checkLengths(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
        }
        if (x.length < 2) throw new IllegalArgumentException("need at least 2 values, got " + x.length);
    }
}
