package io.contrast4j.sentence.objective;

import java.util.random.RandomGenerator;

/**
 * Draws from Beta(a, b) for integer shape parameters, exactly: X / (X + Y) with X ~ Gamma(a) and
 * Y ~ Gamma(b), each Gamma(k) being a sum of k unit exponentials. DeCLUTR only needs Beta(4, 2)
 * and Beta(2, 4), so integer shapes are enough and keep the draw free of rejection loops.
 */
final class BetaSampler {

    private BetaSampler() {}

    static double sample(int a, int b, RandomGenerator rng) {
        if (a < 1 || b < 1) {
            throw new IllegalArgumentException("integer shapes >= 1 expected, got " + a + ", " + b);
        }
        double x = gamma(a, rng);
        double y = gamma(b, rng);
        return x / (x + y);
    }

    private static double gamma(int k, RandomGenerator rng) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            // 1 - nextDouble() is in (0, 1], so the log is finite.
            sum -= Math.log(1.0 - rng.nextDouble());
        }
        return sum;
    }

    /** Regularized incomplete beta I_x(a, b) for integer shapes (binomial tail form); for tests and checks. */
    static double cdf(double x, int a, int b) {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        int n = a + b - 1;
        double sum = 0;
        for (int j = a; j <= n; j++) {
            sum += binomial(n, j) * Math.pow(x, j) * Math.pow(1 - x, n - j);
        }
        return sum;
    }

    private static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
