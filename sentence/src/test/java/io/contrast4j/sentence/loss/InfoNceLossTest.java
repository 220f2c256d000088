package io.contrast4j.sentence.loss;

import static io.contrast4j.sentence.loss.LossFixtures.cos;
import static io.contrast4j.sentence.loss.LossFixtures.nd;
import static io.contrast4j.sentence.loss.LossFixtures.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** InfoNCE against a direct double-precision transcription of the formula. */
class InfoNceLossTest {

    /** -log softmax of the positive among [keys..., other queries (if views), hard negatives...]. */
    private static double reference(float[][] q, float[][] k, float[][][] hard, double tau, boolean views) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double positive = cos(q[i], k[i]) / tau;
            double denominator = 0;
            for (float[] key : k) denominator += Math.exp(cos(q[i], key) / tau);
            if (views) for (int j = 0; j < q.length; j++) if (j != i) denominator += Math.exp(cos(q[i], q[j]) / tau);
            if (hard != null) for (float[] h : hard[i]) denominator += Math.exp(cos(q[i], h) / tau);
            total += -(positive - Math.log(denominator));
        }
        return total / q.length;
    }

    @Test
    void matchesTheFormulaInEveryConfiguration() {
        SplittableRandom rng = new SplittableRandom(1);
        int b = 6, d = 16, h = 3;
        float[][] a = random(rng, b, d);
        float[][] p = random(rng, b, d);
        float[][][] hard = new float[b][][];
        for (int i = 0; i < b; i++) hard[i] = random(rng, h, d);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray na = nd(m, a), np = nd(m, p);
            float[] flatHard = new float[b * h * d];
            for (int i = 0; i < b; i++) for (int j = 0; j < h; j++) System.arraycopy(hard[i][j], 0, flatHard, (i * h + j) * d, d);
            NDArray nh = m.create(flatHard, new Shape(b, h, d));
            double tau = 0.1;
            assertEquals(reference(a, p, null, tau, false),
                    new InfoNceLoss(0.1f, false, false).compute(na, np).getFloat(), 1e-4);
            assertEquals(reference(a, p, hard, tau, false),
                    new InfoNceLoss(0.1f, false, false).compute(na, np, nh, null).getFloat(), 1e-4);
            assertEquals(reference(a, p, null, tau, true),
                    new InfoNceLoss(0.1f, false, true).compute(na, np).getFloat(), 1e-4);
            double symmetric = (reference(a, p, null, tau, true) + reference(p, a, null, tau, true)) / 2;
            assertEquals(symmetric, new InfoNceLoss(0.1f, true, true).compute(na, np).getFloat(), 1e-4);
            // Shared negatives (a queue) act as hard negatives common to every anchor.
            float[][] queue = random(rng, 5, d);
            float[][][] shared = new float[b][][];
            for (int i = 0; i < b; i++) shared[i] = queue;
            assertEquals(reference(a, p, shared, tau, false),
                    new InfoNceLoss(0.1f, false, false).compute(na, np, null, nd(m, queue)).getFloat(), 1e-4);
        }
    }

    @Test
    void perfectPairsGiveLowLossAndShuffledPairsHigh() {
        SplittableRandom rng = new SplittableRandom(2);
        float[][] a = random(rng, 8, 32);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray na = nd(m, a);
            float same = InfoNceLoss.simcse().compute(na, na).getFloat();
            NDArray rolled = na.get("1:").concat(na.get(":1"));
            float wrong = InfoNceLoss.simcse().compute(na, rolled).getFloat();
            assertTrue(same < 0.01, "identical views: " + same);
            assertTrue(wrong > 5, "mismatched views: " + wrong);
        }
    }
}
