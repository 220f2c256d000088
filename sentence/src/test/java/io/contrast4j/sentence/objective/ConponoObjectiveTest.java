package io.contrast4j.sentence.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainingResult;
import io.contrast4j.sentence.train.TestEncoders;
import io.contrast4j.sentence.train.TrainableEncoder;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConponoObjectiveTest {

    @TempDir Path tmp;

    private static ConponoSampler sampler;

    @BeforeAll
    static void load() throws IOException {
        List<String> texts;
        try (InputStream in = ConponoObjectiveTest.class.getResourceAsStream("sotu-sample.txt")) {
            texts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        sampler = ConponoSampler.fromTexts(texts, SentenceSplitter.english(), 2, 1, 2);
    }

    @Test
    void batchesFollowTheSamplerAndReplayAfterSeek() {
        ConponoObjective o = new ConponoObjective(sampler, 5);
        o.next(3);
        ContrastiveBatch b = o.next(4);
        assertEquals(7, o.position());
        assertEquals(4, b.anchors().size());
        assertEquals(16, b.positives().size());
        assertEquals(4, b.positivesPerAnchor());
        assertEquals(12, b.hardNegatives().size());
        assertEquals(3, b.negativesPerAnchor());
        o.seek(3);
        assertEquals(b, o.next(4));
    }

    /** The loss against a scalar reference: mean over k and anchors of -log softmax(c^T W_k t)[target k]. */
    @Test
    void lossMatchesAScalarReferenceWithRawScores() {
        checkAgainstReference(0f);
    }

    @Test
    void lossMatchesAScalarReferenceWithUnitVectorsAndATemperature() {
        checkAgainstReference(0.1f);
    }

    /** {@code temperature} 0: raw c^T W_k t; otherwise on unit vectors, divided by it. */
    private void checkAgainstReference(float temperature) {
        ConponoObjective o = new ConponoObjective(sampler, 5, Float.NaN, temperature);
        int d = 6, bsz = 3, targets = 4, negs = 3, cands = targets + negs;
        Map<String, Parameter> heads = o.headParameters(d, Device.cpu());
        assertEquals(4, heads.size());
        Random r = new Random(11);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[][] w = new float[4][d * d];
            int[] offsets = sampler.offsets();
            for (int j = 0; j < 4; j++) {
                for (int i = 0; i < d * d; i++) w[j][i] = (float) r.nextGaussian() * 0.5f;
                m.create(w[j], new Shape(d, d)).copyTo(heads.get(ConponoObjective.headName(offsets[j])).getArray());
            }
            float[] a = gaussian(r, bsz * d), t = gaussian(r, bsz * targets * d), n = gaussian(r, bsz * negs * d);
            ContrastiveBatch batch = o.next(bsz);
            NDArray loss = o.lossOf(batch, new NDList(m.create(a, new Shape(bsz, d)),
                    m.create(t, new Shape(bsz * targets, d)), m.create(n, new Shape(bsz * negs, d))));
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                for (int b = 0; b < bsz; b++) {
                    double[] anchor = new double[d];
                    for (int x = 0; x < d; x++) anchor[x] = a[b * d + x];
                    if (temperature > 0) unitize(anchor);
                    double[] s = new double[cands];
                    for (int c = 0; c < cands; c++) {
                        double[] cand = new double[d];
                        for (int x = 0; x < d; x++) {
                            cand[x] = c < targets ? t[(b * targets + c) * d + x] : n[(b * negs + c - targets) * d + x];
                        }
                        if (temperature > 0) unitize(cand);
                        for (int x = 0; x < d; x++) for (int y = 0; y < d; y++) s[c] += anchor[x] * w[j][x * d + y] * cand[y];
                        if (temperature > 0) s[c] /= temperature;
                    }
                    double max = java.util.Arrays.stream(s).max().orElseThrow(), z = 0;
                    for (double v : s) z += Math.exp(v - max);
                    expected += -(s[j] - max - Math.log(z));
                }
            }
            expected /= 4 * bsz;
            assertEquals(expected, loss.getFloat(), 1e-4 * Math.max(1, expected));
        }
    }

    private static void unitize(double[] v) {
        double norm = 0;
        for (double x : v) norm += x * x;
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) v[i] /= norm;
    }

    private static float[] gaussian(Random r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) r.nextGaussian();
        return out;
    }

    /** Through the real trainer (toy BERT): the W_k heads are updated and checkpointed with the encoder. */
    @Test
    void trainerUpdatesAndCheckpointsTheHeadsWithTheEncoder() throws IOException {
        TrainingArguments cfg = new TrainingArguments(2, 4, 1, 2e-3f, 1, 0.0f, 1.0f, 0, 1, 2, 1, 0, -1, false);
        ConponoObjective o = new ConponoObjective(sampler, 9);
        try (TrainableEncoder encoder = TestEncoders.tiny(4)) {
            float[] encoderBefore = encoder.parameters().values().iterator().next().getArray().toFloatArray();
            TrainingResult result = Trainer.builder().model(encoder).objective(o).args(cfg).outputDir(tmp.resolve("run")).build().train();
            assertTrue(Double.isFinite(result.lastLoss()) && result.lastLoss() > 0, "loss " + result.lastLoss());
            Parameter head = o.headParameters(32, Device.cpu()).get(ConponoObjective.headName(1));
            float[] w = head.getArray().toFloatArray();
            double offDiagonal = 0;
            for (int i = 0; i < 32; i++) for (int j = 0; j < 32; j++) if (i != j) offDiagonal += Math.abs(w[i * 32 + j]);
            assertTrue(offDiagonal > 0, "the W_k head did not move from the identity");
            assertFalse(java.util.Arrays.equals(encoderBefore,
                    encoder.parameters().values().iterator().next().getArray().toFloatArray()), "the encoder did not move");
            try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
                Map<String, NDArray> saved = io.contrast4j.sentence.train.TensorArchive.read(
                        tmp.resolve("run/checkpoints/step-000000002/model.bin"), m);
                for (int k : sampler.offsets()) {
                    NDArray s = saved.get(ConponoObjective.headName(k));
                    assertTrue(s != null, "checkpoint lacks " + ConponoObjective.headName(k));
                    assertTrue(java.util.Arrays.equals(o.headParameters(32, Device.cpu()).get(ConponoObjective.headName(k))
                            .getArray().toFloatArray(), s.toFloatArray()), "checkpointed head differs");
                }
            }
        }
    }
}
