package io.contrast4j.eval.compare;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * McNemar's test for two classifiers on the same test examples (McNemar 1947; Dietterich 1998,
 * sec. 3.1), exact form: of the discordant examples (right for one, wrong for the other), the
 * number the first gets right is Binomial(b + c, 1/2) under the null hypothesis; the two-sided
 * p-value is min(1, 2 P(X <= min(b, c))). Also the accuracy difference with the Wald 95% interval
 * for paired proportions (Agresti 2013, sec. 11.1.3): se = sqrt((b + c) - (c - b)^2 / n) / n.
 * The same numbers as {@code bench/tools/paired.py}, which now checks this class.
 *
 * @param lost   right before (A), wrong after (B)
 * @param gained wrong before, right after
 * @param accA   accuracy of A, x100 (likewise accB, diff = accB - accA and the interval)
 */
public record McNemarTest(int n, double accA, double accB, double diff, double low, double high, int lost, int gained, double p) {

    /** From two correctness strings ('1' right, '0' wrong, one character per example, same order). */
    public static McNemarTest of(String a, String b) {
        if (a.length() != b.length()) {
            throw new IllegalArgumentException("correctness of " + a.length() + " and " + b.length() + " examples: not the same test set");
        }
        int n = a.length(), rightA = 0, rightB = 0, lost = 0, gained = 0;
        for (int i = 0; i < n; i++) {
            boolean x = right(a, i), y = right(b, i);
            if (x) rightA++;
            if (y) rightB++;
            if (x && !y) lost++;
            if (!x && y) gained++;
        }
        double diff = (double) (gained - lost) / n;
        double se = Math.sqrt(Math.max(0, (lost + gained) - (double) (gained - lost) * (gained - lost) / n)) / n;
        // the same floating-point steps as paired.py, so that its printed roundings are reproduced
        return new McNemarTest(n, 100 * ((double) rightA / n), 100 * ((double) rightB / n), 100 * diff, 100 * (diff - 1.96 * se), 100 * (diff + 1.96 * se),
                lost, gained, exactP(lost, gained));
    }

    /** Two-sided exact binomial p-value for b against c discordant examples. */
    public static double exactP(int b, int c) {
        int m = b + c;
        if (m == 0) return 1;
        BinomialDistribution binomial = new BinomialDistribution(null, m, 0.5);
        // Summed term by term from the log probabilities: cumulativeProbability() is 1 minus a
        // regularized beta, which cancels to 0 for tails below ~1e-16 (e.g. 201 against 454).
        double tail = 0;
        for (int i = 0; i <= Math.min(b, c); i++) tail += Math.exp(binomial.logProbability(i));
        return Math.min(1, 2 * tail);
    }

    static boolean right(String s, int i) {
        char c = s.charAt(i);
        if (c != '0' && c != '1') throw new IllegalArgumentException("test_correct holds '" + c + "' at " + i + " (expected 0 or 1)");
        return c == '1';
    }
}
