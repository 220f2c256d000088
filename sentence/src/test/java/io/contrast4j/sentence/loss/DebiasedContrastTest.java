package io.contrast4j.sentence.loss;

import static io.contrast4j.sentence.loss.LossFixtures.nd;
import static io.contrast4j.sentence.loss.LossFixtures.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The debiased objective (Chuang et al. 2020, Sec. 4) against a hand computation, and its tau+ -> 0 limit. */
class DebiasedContrastTest {

    @Test
    void matchesAHandComputedValue() {
        // Unit vectors in 2-D: cos(a1,p1) = 1, cos(a1,p2) = 0, cos(a2,p1) = 0.6, cos(a2,p2) = 0.8.
        float[][] a = {{1, 0}, {0.6f, 0.8f}};
        float[][] p = {{1, 0}, {0, 1}};
        double t = 0.5, tau = 0.1;
        // Row 1: pos e^{1/t} = e^2, one negative e^{0}; g = max((1 - 0.1 e^2) / 0.9, e^{-2}).
        double pos1 = Math.exp(2), neg1 = Math.exp(0);
        double g1 = Math.max((neg1 - tau * pos1) / (1 - tau), Math.exp(-1 / t));
        double l1 = -Math.log(pos1 / (pos1 + 1 * g1));
        // Row 2: pos e^{0.8/t} = e^{1.6}, negative e^{0.6/t} = e^{1.2}.
        double pos2 = Math.exp(1.6), neg2 = Math.exp(1.2);
        double g2 = Math.max((neg2 - tau * pos2) / (1 - tau), Math.exp(-1 / t));
        double l2 = -Math.log(pos2 / (pos2 + g2));
        // Row 1's estimate (1 - 0.739) / 0.9 = 0.29 is above the floor e^-2 = 0.135; check the floor separately below.
        try (NDManager m = NDManager.newBaseManager()) {
            float got = new InfoNceLoss((float) t, false, false, (float) tau).compute(nd(m, a), nd(m, p)).getFloat();
            assertEquals((l1 + l2) / 2, got, 1e-5);
            // A large tau+ drives the estimate below the floor: g = e^{-1/t}.
            double tauBig = 0.5;
            double f1 = -Math.log(pos1 / (pos1 + Math.max((neg1 - tauBig * pos1) / (1 - tauBig), Math.exp(-1 / t))));
            double f2 = -Math.log(pos2 / (pos2 + Math.max((neg2 - tauBig * pos2) / (1 - tauBig), Math.exp(-1 / t))));
            assertTrue((neg1 - tauBig * pos1) < Math.exp(-1 / t), "row 1 is floored");
            assertEquals((f1 + f2) / 2, new InfoNceLoss((float) t, false, false, (float) tauBig).compute(nd(m, a), nd(m, p)).getFloat(), 1e-5);
        }
    }

    @Test
    void reducesToInfoNceAsTauPlusGoesToZero() {
        SplittableRandom rng = new SplittableRandom(5);
        int b = 6, d = 12;
        float[][] a = random(rng, b, d), queue = random(rng, 7, d);
        // Positives near their anchors (exp(pos) above the mean negative's), as after some training.
        float[][] p = random(rng, b, d);
        for (int i = 0; i < b; i++) for (int j = 0; j < d; j++) p[i][j] = a[i][j] + p[i][j];
        float[][] hard = random(rng, b * 2, d);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray na = nd(m, a), np = nd(m, p), nq = nd(m, queue), nh = nd(m, hard).reshape(b, 2, d);
            for (boolean views : new boolean[] {false, true}) {
                float plain = new InfoNceLoss(0.1f, false, views).compute(na, np, nh, nq).getFloat();
                float tiny = new InfoNceLoss(0.1f, false, views, 1e-7f).compute(na, np, nh, nq).getFloat();
                assertEquals(plain, tiny, 1e-4, "views " + views);
                // At t = 1 the estimate stays above the floor e^-1 for these tau+.
                plain = new InfoNceLoss(1f, false, views).compute(na, np, nh, nq).getFloat();
                float some = new InfoNceLoss(1f, false, views, 0.05f).compute(na, np, nh, nq).getFloat();
                float more = new InfoNceLoss(1f, false, views, 0.2f).compute(na, np, nh, nq).getFloat();
                // With positives above the mean negative, removing the expected positive mass from the
                // negative term lowers the loss, monotonically in tau+.
                assertTrue(some < plain && more < some, plain + " " + some + " " + more);
            }
            // MoCo's loss too (positive in column 0, then the queue), with and without in-batch keys.
            for (boolean inBatch : new boolean[] {false, true}) {
                float plain = new MomentumContrastLoss(0.07f, inBatch).compute(na, np, nq).getFloat();
                float tiny = new MomentumContrastLoss(0.07f, inBatch, 1e-7f).compute(na, np, nq).getFloat();
                assertEquals(plain, tiny, 1e-4, "in-batch keys " + inBatch);
            }
        }
    }

    @Test
    void staysFiniteAtASmallTemperature() {
        SplittableRandom rng = new SplittableRandom(8);
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] a = random(rng, 4, 8);
            float l = new InfoNceLoss(0.01f, false, false, 0.1f).compute(nd(m, a), nd(m, random(rng, 4, 8))).getFloat();
            assertTrue(Float.isFinite(l) && l >= 0, "loss " + l);
        }
        assertThrows(IllegalArgumentException.class, () -> new InfoNceLoss(0.05f, false, false, 1f));
        assertThrows(IllegalArgumentException.class, () -> new MomentumContrastLoss(0.05f, false, -0.1f));
    }

    @Test
    void extraPerQueryNegativesInMocoEqualASharedBlockWhenAllQueriesShareThem() {
        SplittableRandom rng = new SplittableRandom(6);
        int b = 4, d = 8;
        float[][] q = random(rng, b, d), k = random(rng, b, d), queue = random(rng, 5, d), extra = random(rng, 3, d);
        float[][] both = new float[8][];
        System.arraycopy(queue, 0, both, 0, 5);
        System.arraycopy(extra, 0, both, 5, 3);
        float[][] perQuery = new float[b * 3][];
        for (int i = 0; i < b; i++) System.arraycopy(extra, 0, perQuery, i * 3, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            MomentumContrastLoss loss = new MomentumContrastLoss(0.07f, true);
            float shared = loss.compute(nd(m, q), nd(m, k), nd(m, both)).getFloat();
            float split = loss.compute(nd(m, q), nd(m, k), nd(m, queue), nd(m, perQuery).reshape(b, 3, d)).getFloat();
            assertEquals(shared, split, 1e-5);
        }
    }
}
