package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Shared pieces of the loss tests: Gaussian embeddings, their cosine in doubles, and as NDArrays. */
final class LossFixtures {
    private LossFixtures() {}

    static float[][] random(SplittableRandom rng, int n, int d) {
        float[][] x = new float[n][d];
        for (float[] row : x) for (int j = 0; j < d; j++) row[j] = (float) rng.nextGaussian();
        return x;
    }

    static double cos(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.sqrt(na * nb);
    }

    static NDArray nd(NDManager m, float[][] x) {
        float[] flat = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, flat, i * x[0].length, x[0].length);
        return m.create(flat, new Shape(x.length, x[0].length));
    }
}
