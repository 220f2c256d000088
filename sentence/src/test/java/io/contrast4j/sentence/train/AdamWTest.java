package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against the update rule written out in doubles (torch.optim.AdamW semantics). */
class AdamWTest {

    @Test
    void matchesTheDecoupledUpdateAndSkipsDecayOnBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter weight = Parameter.builder().setName("dense.weight").setType(Parameter.Type.WEIGHT).build();
            Parameter bias = Parameter.builder().setName("dense.bias").setType(Parameter.Type.BIAS).build();
            weight.setArray(m.create(new float[] {0.5f, -1f, 2f}));
            bias.setArray(m.create(new float[] {0.5f, -1f, 2f}));
            Map<String, Parameter> params = new LinkedHashMap<>();
            params.put("dense.weight", weight);
            params.put("dense.bias", bias);
            params.values().forEach(p -> p.getArray().setRequiresGradient(true));
            AdamW adam = new AdamW(0.9f, 0.999f, 1e-8f, 0.1f);
            double[] w = {0.5, -1, 2};
            double[] b = {0.5, -1, 2};
            double[] mw = new double[3], vw = new double[3], mb = new double[3], vb = new double[3];
            double[] lrs = {0.1, 0.05, 0.02};
            for (int t = 1; t <= 3; t++) {
                Gradients.zero(params);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // loss = sum(w^3) + sum(b^2): gradients 3 w^2 and 2 b
                    NDArray l = weight.getArray().pow(3).sum().add(bias.getArray().pow(2).sum());
                    gc.backward(l);
                }
                adam.update(params, (float) lrs[t - 1]);
                double lr = lrs[t - 1];
                for (int i = 0; i < 3; i++) {
                    double gw = 3 * w[i] * w[i];
                    double gb = 2 * b[i];
                    w[i] *= 1 - lr * 0.1; // decoupled decay
                    mw[i] = 0.9 * mw[i] + 0.1 * gw;
                    vw[i] = 0.999 * vw[i] + 0.001 * gw * gw;
                    w[i] -= lr * (mw[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vw[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                    mb[i] = 0.9 * mb[i] + 0.1 * gb;
                    vb[i] = 0.999 * vb[i] + 0.001 * gb * gb;
                    b[i] -= lr * (mb[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vb[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                }
            }
            float[] gotW = weight.getArray().toFloatArray();
            float[] gotB = bias.getArray().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(w[i], gotW[i], 1e-5);
                assertEquals(b[i], gotB[i], 1e-5);
            }
            assertEquals(3, adam.step());
        }
    }

    @Test
    void perParameterScaleEqualsAnUpdateAtTheScaledRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> scaled = twoWeights(m);
            Map<String, Parameter> plain = twoWeights(m);
            AdamW a = new AdamW(0.9f, 0.999f, 1e-8f, 0.01f);
            AdamW b = new AdamW(0.9f, 0.999f, 1e-8f, 0.01f);
            AdamW c = new AdamW(0.9f, 0.999f, 1e-8f, 0.01f);
            Map<String, Parameter> head = Map.of("head.weight", plain.get("head.weight"));
            Map<String, Parameter> encoder = Map.of("encoder.weight", plain.get("encoder.weight"));
            for (int t = 0; t < 3; t++) {
                cubeGradients(scaled);
                cubeGradients(plain);
                a.update(scaled, 0.01f, name -> name.startsWith("head") ? 50 : 1);
                b.update(head, 0.5f);
                c.update(encoder, 0.01f);
            }
            for (String name : scaled.keySet()) {
                float[] got = scaled.get(name).getArray().toFloatArray();
                float[] want = plain.get(name).getArray().toFloatArray();
                for (int i = 0; i < got.length; i++) assertEquals(want[i], got[i], 1e-6, name);
            }
            // the head moved 50x further than it would at the encoder's rate
            float[] head0 = {0.5f, -1f, 2f};
            assertEquals(true, Math.abs(scaled.get("head.weight").getArray().toFloatArray()[0] - head0[0]) > 0.5);
        }
    }

    private static Map<String, Parameter> twoWeights(NDManager m) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (String name : new String[] {"encoder.weight", "head.weight"}) {
            Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.create(new float[] {0.5f, -1f, 2f}));
            p.getArray().setRequiresGradient(true);
            params.put(name, p);
        }
        return params;
    }

    private static void cubeGradients(Map<String, Parameter> params) {
        Gradients.zero(params);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = null;
            for (Parameter p : params.values()) {
                NDArray term = p.getArray().pow(3).sum();
                l = l == null ? term : l.add(term);
            }
            gc.backward(l);
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysToZero() {
        LearningRateSchedule s = new LearningRateSchedule(1f, 4, 10);
        assertEquals(0.25f, s.at(0), 1e-7);
        assertEquals(1f, s.at(3), 1e-7);
        assertEquals(1f, s.at(4), 1e-7);
        assertEquals(0.5f, s.at(7), 1e-7);
        assertEquals(1 / 6f, s.at(9), 1e-7);
    }
}
