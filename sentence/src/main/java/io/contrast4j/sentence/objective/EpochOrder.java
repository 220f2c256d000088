package io.contrast4j.sentence.objective;

import java.util.SplittableRandom;

/**
 * A fresh permutation of {@code n} items for every epoch, derived from the seed and the epoch
 * number only, so that any position can be reached again without replaying the run.
 */
final class EpochOrder {

    private final int n;
    private final long seed;
    private long epoch = -1;
    private int[] order;

    EpochOrder(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("nothing to iterate over");
        }
        this.n = n;
        this.seed = seed;
    }

    /** The item at a global position (epoch = position / n). */
    int at(long position) {
        long e = position / n;
        if (e != epoch) {
            order = permutation(new SplittableRandom(mix(seed, e)));
            epoch = e;
        }
        return order[(int) (position % n)];
    }

    private int[] permutation(SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A well-spread 64-bit key from two numbers (SplitMix64 finalizer). */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
