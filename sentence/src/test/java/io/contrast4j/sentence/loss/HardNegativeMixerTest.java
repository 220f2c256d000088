package io.contrast4j.sentence.loss;

import static io.contrast4j.sentence.loss.LossFixtures.nd;
import static io.contrast4j.sentence.loss.LossFixtures.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * MoCHi (Kalantidis et al. 2020, Sec. 4): synthetic negatives are unit vectors in the span of the
 * N hardest negatives (pair mixes) or of the query and one of them (query mixes, weight < 0.5),
 * and no gradient flows into or through them.
 */
class HardNegativeMixerTest {

    private static double[] unit(float[] v) {
        double n = 0;
        for (float x : v) n += x * (double) x;
        n = Math.sqrt(n);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / n;
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Distance from v to the span of the basis rows (Gram-Schmidt in doubles): the least-squares residual. */
    private static double residual(float[] v, List<double[]> basis) {
        List<double[]> ortho = new ArrayList<>();
        for (double[] b : basis) {
            double[] u = b.clone();
            for (double[] o : ortho) {
                double c = dot(u, o);
                for (int i = 0; i < u.length; i++) u[i] -= c * o[i];
            }
            double n = Math.sqrt(dot(u, u));
            if (n > 1e-9) {
                for (int i = 0; i < u.length; i++) u[i] /= n;
                ortho.add(u);
            }
        }
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = v[i];
        for (double[] o : ortho) {
            double c = dot(r, o);
            for (int i = 0; i < r.length; i++) r[i] -= c * o[i];
        }
        return Math.sqrt(dot(r, r));
    }

    /** Indices of the n negatives most similar to q, computed independently in doubles. */
    private static int[] hardest(float[] q, float[][] negatives, int n) {
        double[] uq = unit(q);
        return IntStream.range(0, negatives.length).boxed()
                .sorted(Comparator.comparingDouble(j -> -dot(uq, unit(negatives[j]))))
                .limit(n).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void synthesizesUnitVectorsInTheSpanOfTheHardestNegatives() {
        SplittableRandom rng = new SplittableRandom(7);
        int d = 32, n = 4;
        HardNegativeMixer mixer = new HardNegativeMixer(n, 6, 3, 1);
        for (int trial = 0; trial < 20; trial++) {
            float[] q = random(rng, 1, d)[0];
            float[][] negatives = random(rng, 25, d);
            HardNegativeMixer.Mixed mixed = mixer.mixOne(q, negatives, new SplittableRandom(trial));
            int[] expected = hardest(q, negatives, n);
            int[] got = mixed.hardest().clone();
            Arrays.sort(got);
            Arrays.sort(expected);
            assertArrayEquals(expected, got, "the N hardest by cosine to the query");
            List<double[]> span = new ArrayList<>();
            for (int j : expected) span.add(unit(negatives[j]));
            // The span of N < d random vectors is a thin subspace: a random unit vector is far from it.
            assertTrue(residual(toFloat(unit(random(rng, 1, d)[0])), span) > 0.5);
            assertEquals(9, mixed.synthetic().size());
            for (HardNegativeMixer.Synthetic s : mixed.synthetic()) {
                assertEquals(1.0, norm(s.vector()), 1e-5, "unit norm");
                if (s.withQuery()) {
                    assertTrue(s.weight() >= 0 && s.weight() < 0.5f, "query weight " + s.weight());
                    List<double[]> withQuery = new ArrayList<>(List.of(unit(q), unit(negatives[s.second()])));
                    assertTrue(residual(s.vector(), withQuery) < 1e-5, "h' in span{q, n_j}");
                    assertTrue(contains(expected, s.second()));
                } else {
                    assertNotEquals(s.first(), s.second(), "i != j");
                    assertTrue(contains(expected, s.first()) && contains(expected, s.second()));
                    assertTrue(s.weight() >= 0 && s.weight() < 1);
                    assertTrue(residual(s.vector(), span) < 1e-5, "h in the span of the N hardest");
                    assertTrue(residual(s.vector(), List.of(unit(negatives[s.first()]), unit(negatives[s.second()]))) < 1e-5);
                }
            }
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * (double) x;
        return Math.sqrt(s);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    private static boolean contains(int[] a, int v) {
        return Arrays.stream(a).anyMatch(x -> x == v);
    }

    @Test
    void batchMixingUsesEachQuerysOwnNegativesOnly() {
        SplittableRandom rng = new SplittableRandom(3);
        int b = 5, d = 24, h = 2, queue = 6;
        float[][] q = random(rng, b, d), k = random(rng, b, d), shared = random(rng, queue, d);
        float[][] hard = random(rng, b * h, d);
        HardNegativeMixer mixer = new HardNegativeMixer(3, 4, 2, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = mixer.synthesize(nd(m, q), List.of(nd(m, k)), nd(m, hard).reshape(b, h, d), nd(m, shared), 17);
            assertEquals(new Shape(b, 6, d), out.getShape());
            float[] flat = out.toFloatArray();
            for (int i = 0; i < b; i++) {
                // Query i's negatives: the other rows' keys, its own hard negatives, the queue.
                List<float[]> own = new ArrayList<>();
                for (int j = 0; j < b; j++) if (j != i) own.add(k[j]);
                for (int j = 0; j < h; j++) own.add(hard[i * h + j]);
                own.addAll(Arrays.asList(shared));
                float[][] negatives = own.toArray(float[][]::new);
                List<double[]> span = new ArrayList<>();
                for (int j : hardest(q[i], negatives, 3)) span.add(unit(negatives[j]));
                for (int s = 0; s < 6; s++) {
                    float[] v = Arrays.copyOfRange(flat, (i * 6 + s) * d, (i * 6 + s + 1) * d);
                    assertEquals(1.0, norm(v), 1e-5);
                    if (s < 4) {
                        assertTrue(residual(v, span) < 1e-5, "query " + i + " mix " + s + " outside its hardest negatives' span");
                    } else {
                        List<double[]> withQuery = new ArrayList<>(span);
                        withQuery.add(unit(q[i]));
                        assertTrue(residual(v, withQuery) < 1e-5);
                        assertTrue(residual(v, span) > 1e-3, "h' has a query component");
                    }
                }
            }
            // Seeded by (seed, key): the same batch key mixes the same way, another key differently.
            float[] again = mixer.synthesize(nd(m, q), List.of(nd(m, k)), nd(m, hard).reshape(b, h, d), nd(m, shared), 17).toFloatArray();
            assertArrayEquals(flat, again);
            float[] other = mixer.synthesize(nd(m, q), List.of(nd(m, k)), nd(m, hard).reshape(b, h, d), nd(m, shared), 18).toFloatArray();
            assertFalse(Arrays.equals(flat, other));
        }
    }

    @Test
    void noGradientFlowsIntoSyntheticNegatives() {
        SplittableRandom rng = new SplittableRandom(9);
        int b = 4, d = 8;
        float[][] qv = random(rng, b, d), kv = random(rng, b, d), queue = random(rng, 5, d);
        HardNegativeMixer mixer = new HardNegativeMixer(3, 3, 0, 2);
        InfoNceLoss loss = new InfoNceLoss(0.1f, false, false);
        try (NDManager m = NDManager.newBaseManager()) {
            // 1. A loss that reads the synthetic negatives directly: nothing reaches the inputs through them.
            NDArray q = nd(m, qv), k = nd(m, kv), sh = nd(m, queue);
            q.setRequiresGradient(true);
            k.setRequiresGradient(true);
            sh.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray synthetic = mixer.synthesize(q, List.of(k), null, sh, 1);
                assertFalse(synthetic.hasGradient(), "synthetic negatives require no gradient");
                gc.backward(synthetic.mul(q.expandDims(1)).sum().add(q.sum().mul(0f)).add(k.sum().mul(0f)).add(sh.sum().mul(0f)));
            }
            for (float g : k.getGradient().toFloatArray()) assertEquals(0f, g, 0f, "gradient reached the keys through a mix");
            for (float g : sh.getGradient().toFloatArray()) assertEquals(0f, g, 0f, "gradient reached the queue through a mix");
            float[] queryGradThroughLogitsOnly = q.getGradient().toFloatArray();

            // 2. InfoNCE with the synthetic negatives appended: the gradients equal those with the
            //    same negatives given as constants, so only the query's logits against them carry gradient.
            float[] withMix = gradients(m, qv, kv, q2 -> mixer.synthesize(q2[0], List.of(q2[1]), null, null, 4), loss);
            float[][] constant = new float[1][];
            try (NDManager tmp = NDManager.newBaseManager()) {
                constant[0] = mixer.synthesize(nd(tmp, qv), List.of(nd(tmp, kv)), null, null, 4).toFloatArray();
            }
            float[] withConstant = gradients(m, qv, kv, q2 -> m.create(constant[0], new Shape(b, 3, d)), loss);
            for (float g : withMix) assertTrue(Float.isFinite(g), "finite gradients");
            assertArrayEquals(withConstant, withMix, 1e-6f);
            assertTrue(Arrays.stream(box(queryGradThroughLogitsOnly)).anyMatch(x -> x != 0f), "the query still learns from the synthetic logits");
        }
    }

    private static Float[] box(float[] a) {
        Float[] out = new Float[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    /** Gradients of the query and key arrays (concatenated) of InfoNCE with the given per-query negatives. */
    private static float[] gradients(NDManager m, float[][] qv, float[][] kv,
            java.util.function.Function<NDArray[], NDArray> negatives, InfoNceLoss loss) {
        NDArray q = nd(m, qv), k = nd(m, kv);
        q.setRequiresGradient(true);
        k.setRequiresGradient(true);
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            NDArray extra = negatives.apply(new NDArray[] {q, k});
            gc.backward(loss.compute(q, k, extra, null));
        }
        float[] gq = q.getGradient().toFloatArray(), gk = k.getGradient().toFloatArray();
        float[] out = Arrays.copyOf(gq, gq.length + gk.length);
        System.arraycopy(gk, 0, out, gq.length, gk.length);
        return out;
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMixer(0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMixer(1, 2, 0, 0), "pair mixes need N >= 2");
        assertThrows(IllegalArgumentException.class, () -> new HardNegativeMixer(4, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> HardNegativeMixer.parse("4,2", 0));
        assertThrows(IllegalArgumentException.class, () -> HardNegativeMixer.parse("a,b,c", 0));
        HardNegativeMixer p = HardNegativeMixer.parse("16, 8,4", 0);
        assertEquals(16, p.hardest());
        assertEquals(12, p.synthesized());
    }
}
