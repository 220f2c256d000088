package io.contrast4j.sentence.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.contrast4j.sentence.model.FreedBuffers;
import io.contrast4j.sentence.train.Gradients;
import io.contrast4j.sentence.train.TrainableEncoder;
import io.contrast4j.sentence.train.TestEncoders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GradCache's parameter gradients equal the full-batch loss's (Gao et al. 2021, Sec. 3.2). */
class GradCacheTest {

    private static void seed(int view, int chunk) {
        Engine.getInstance().setRandomSeed(1000 + 37 * view + chunk);
    }

    private static Map<String, float[]> gradients(TrainableEncoder encoder) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : encoder.parameters().entrySet()) {
            try (NDArray g = e.getValue().getArray().getGradient()) {
                out.put(e.getKey(), g.toFloatArray());
            }
        }
        return out;
    }

    @Test
    void parameterGradientsEqualThoseOfTheFullBatchLoss() {
        List<String> anchors = TestEncoders.sentences(0, 14);
        List<String> positives = TestEncoders.sentences(14, 14);
        List<List<String>> views = List.of(anchors, positives);
        InfoNceLoss loss = new InfoNceLoss(0.05f, true, true);
        int chunk = 4; // 14 = 4 + 4 + 4 + 2: an uneven last chunk
        try (TrainableEncoder encoder = TestEncoders.tiny(7); NDManager manager = NDManager.newBaseManager()) {
            encoder.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
            Gradients.zero(encoder.parameters());
            // Reference: the same chunked, seeded forward passes, all under one graph, one loss.
            float plainLoss;
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList embeddings = new NDList();
                for (int v = 0; v < 2; v++) {
                    NDList parts = new NDList();
                    for (int c = 0; c * chunk < 14; c++) {
                        seed(v, c);
                        parts.add(encoder.forward(scope, views.get(v).subList(c * chunk, Math.min(14, c * chunk + chunk)), true));
                    }
                    embeddings.add(NDArrays.concat(parts));
                }
                NDArray l = loss.compute(embeddings.get(0), embeddings.get(1));
                plainLoss = l.getFloat();
                // A collection between forward and backward must not change the gradient (GraphScalars).
                FreedBuffers.collectAndOverwrite();
                collector.backward(l);
            }
            Map<String, float[]> expected = gradients(encoder);
            Gradients.zero(encoder.parameters());

            float cachedLoss = new GradCache(chunk).accumulate(manager, views, (m, texts, v, c) -> {
                seed(v, c);
                return encoder.forward(m, texts, true);
            }, e -> loss.compute(e.get(0), e.get(1)));
            Map<String, float[]> actual = gradients(encoder);

            assertEquals(plainLoss, cachedLoss, 1e-5);
            double maxNorm = 0;
            for (String name : expected.keySet()) {
                float[] a = expected.get(name), b = actual.get(name);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5, name + "[" + i + "]");
                    maxNorm = Math.max(maxNorm, Math.abs(a[i]));
                }
            }
            assertTrue(maxNorm > 1e-3, "gradients are not trivially zero: " + maxNorm);
        }
    }

    @Test
    void dropoutMakesTheSeedMatter() {
        // Guards the test above: if dropout were off, mismatched seeds could not be detected.
        try (TrainableEncoder encoder = TestEncoders.tiny(7); NDManager m = NDManager.newBaseManager()) {
            List<String> texts = TestEncoders.sentences(0, 4);
            seed(0, 0);
            float[] a = encoder.forward(m, texts, true).toFloatArray();
            seed(0, 0);
            float[] b = encoder.forward(m, texts, true).toFloatArray();
            seed(0, 1);
            float[] c = encoder.forward(m, texts, true).toFloatArray();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i]);
            boolean differs = false;
            for (int i = 0; i < a.length; i++) differs |= a[i] != c[i];
            assertTrue(differs);
            assertFalse(new ArrayList<>(texts).isEmpty());
        }
    }
}
