package io.contrast4j.sentence.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The momentum update formula on a tiny model, and that only the query encoder gets gradients. */
class MomentumEncoderTest {

    private static Linear linear(NDManager m) {
        Linear block = Linear.builder().setUnits(3).build();
        block.initialize(m, DataType.FLOAT32, new Shape(2, 4));
        return block;
    }

    private static Map<String, Parameter> parameters(Linear block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) out.put(p.getKey(), p.getValue());
        return out;
    }

    private static void fill(Map<String, Parameter> params, SplittableRandom rng) {
        for (Parameter p : params.values()) {
            NDArray a = p.getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) rng.nextGaussian();
            a.set(v);
        }
    }

    @Test
    void updateIsThetaKTimesMPlusOneMinusMTimesThetaQExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> query = parameters(linear(m));
            Map<String, Parameter> key = parameters(linear(m));
            SplittableRandom rng = new SplittableRandom(7);
            fill(query, rng);
            fill(key, rng);
            float momentum = 0.9f;
            MomentumEncoder encoder = new MomentumEncoder(query, key, momentum);
            // Expected values in float32, same operation order: (k * m) + (q * (1 - m)).
            Map<String, float[]> expected = new LinkedHashMap<>();
            for (String name : query.keySet()) {
                float[] q = query.get(name).getArray().toFloatArray();
                float[] k = key.get(name).getArray().toFloatArray();
                float[] e = new float[q.length];
                for (int i = 0; i < q.length; i++) e[i] = k[i] * momentum + q[i] * (1f - momentum);
                expected.put(name, e);
            }
            encoder.update();
            for (String name : query.keySet()) {
                assertArrayEquals(expected.get(name), key.get(name).getArray().toFloatArray(), 0f, name);
            }
            // A hand-checked value: k = 1, q = 3, m = 0.9 -> 0.9 + 0.3 = 1.2 (within float rounding).
            Map<String, Parameter> q1 = parameters(linear(m));
            Map<String, Parameter> k1 = parameters(linear(m));
            q1.values().forEach(p -> p.getArray().set(constant(p.getArray(), 3f)));
            k1.values().forEach(p -> p.getArray().set(constant(p.getArray(), 1f)));
            new MomentumEncoder(q1, k1, 0.9f).update();
            for (Parameter p : k1.values()) {
                for (float v : p.getArray().toFloatArray()) assertEquals(1.2f, v, 1e-6f);
            }
            // The query encoder is read, never written.
            for (Parameter p : q1.values()) {
                for (float v : p.getArray().toFloatArray()) assertEquals(3f, v, 0f);
            }
        }
    }

    private static float[] constant(NDArray a, float value) {
        float[] v = new float[(int) a.size()];
        java.util.Arrays.fill(v, value);
        return v;
    }

    @Test
    void copyInitializesTheKeyEncoderAndMomentumZeroFollowsTheQuery() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> query = parameters(linear(m));
            Map<String, Parameter> key = parameters(linear(m));
            SplittableRandom rng = new SplittableRandom(3);
            fill(query, rng);
            fill(key, rng);
            MomentumEncoder encoder = new MomentumEncoder(query, key, 0.999f);
            encoder.copyQueryIntoKey();
            for (String name : query.keySet()) {
                assertArrayEquals(query.get(name).getArray().toFloatArray(), key.get(name).getArray().toFloatArray(), 0f);
            }
            fill(query, rng);
            new MomentumEncoder(query, key, 0f).update();
            for (String name : query.keySet()) {
                assertArrayEquals(query.get(name).getArray().toFloatArray(), key.get(name).getArray().toFloatArray(), 0f);
            }
            assertThrows(IllegalArgumentException.class, () -> new MomentumEncoder(query, key, 1f));
        }
    }

    @Test
    void noGradientFlowsIntoTheKeyEncoderOrTheQueue() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear queryBlock = linear(m);
            Linear keyBlock = linear(m);
            Map<String, Parameter> query = parameters(queryBlock);
            Map<String, Parameter> key = parameters(keyBlock);
            SplittableRandom rng = new SplittableRandom(11);
            fill(query, rng);
            MomentumEncoder momentum = new MomentumEncoder(query, key, 0.999f);
            momentum.copyQueryIntoKey();
            for (Parameter p : query.values()) p.getArray().setRequiresGradient(true);
            // Even if a caller forgot to freeze the key encoder, the loss must not send it gradients.
            for (Parameter p : key.values()) p.getArray().setRequiresGradient(true);
            float[] x = new float[5 * 4];
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            float[] xKey = new float[5 * 4];
            for (int i = 0; i < x.length; i++) xKey[i] = x[i] + 0.1f * (float) rng.nextGaussian();
            NDArray queue = m.create(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, new Shape(4, 3));
            queue.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                ParameterStore ps = new ParameterStore(m, false);
                NDArray q = queryBlock.forward(ps, new NDList(m.create(x, new Shape(5, 4))), true).head();
                NDArray k = keyBlock.forward(ps, new NDList(m.create(xKey, new Shape(5, 4))), true).head();
                NDArray loss = new MomentumContrastLoss(0.07f, true).compute(q, k, queue);
                assertTrue(loss.getFloat() > 0);
                collector.backward(loss);
            }
            double queryGrad = 0;
            for (Parameter p : query.values()) queryGrad += p.getArray().getGradient().abs().sum().getFloat();
            assertTrue(queryGrad > 1e-6, "the query encoder learns");
            for (Parameter p : key.values()) {
                float[] g = p.getArray().getGradient().toFloatArray();
                for (float v : g) assertEquals(0f, v, 0f, "gradient reached key parameter " + p.getName());
            }
            for (float v : queue.getGradient().toFloatArray()) assertEquals(0f, v, 0f, "gradient reached the queue");
            // The momentum encoder itself freezes the key parameters.
            MomentumEncoder frozen = new MomentumEncoder(query, key, 0.999f);
            for (Parameter p : frozen.keyParameters().values()) assertFalse(p.getArray().hasGradient());
        }
    }
}
