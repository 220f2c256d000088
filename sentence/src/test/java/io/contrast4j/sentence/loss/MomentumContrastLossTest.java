package io.contrast4j.sentence.loss;

import static io.contrast4j.sentence.loss.LossFixtures.cos;
import static io.contrast4j.sentence.loss.LossFixtures.nd;
import static io.contrast4j.sentence.loss.LossFixtures.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** MoCo's InfoNCE against a double-precision transcription of He et al. 2020, Eq. 1. */
class MomentumContrastLossTest {

    private static double reference(float[][] q, float[][] k, float[][] queue, double tau, boolean inBatch) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double positive = cos(q[i], k[i]) / tau;
            double denominator = Math.exp(positive);
            if (inBatch) for (int j = 0; j < k.length; j++) if (j != i) denominator += Math.exp(cos(q[i], k[j]) / tau);
            if (queue != null) for (float[] n : queue) denominator += Math.exp(cos(q[i], n) / tau);
            total += Math.log(denominator) - positive;
        }
        return total / q.length;
    }

    @Test
    void matchesTheFormulaWithAndWithoutQueueAndInBatchKeys() {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] q = random(rng, 6, 8), k = random(rng, 6, 8), queue = random(rng, 20, 8);
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean inBatch : new boolean[] {false, true}) {
                MomentumContrastLoss loss = new MomentumContrastLoss(0.2f, inBatch);
                assertEquals(reference(q, k, queue, 0.2, inBatch),
                        loss.compute(nd(m, q), nd(m, k), nd(m, queue)).getFloat(), 1e-4, "inBatch " + inBatch);
                assertEquals(reference(q, k, null, 0.2, inBatch),
                        loss.compute(nd(m, q), nd(m, k), null).getFloat(), 1e-4, "empty queue, inBatch " + inBatch);
            }
        }
    }
}
