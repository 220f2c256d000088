package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.objective.CertObjective;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MoCo training on a tiny BERT (MiniLM vocabulary, 1 layer x 32): the queue fills FIFO to its
 * size, the key encoder moves only by the momentum update (toward the query encoder, never by a
 * gradient), and the query encoder learns.
 */
class MomentumContrastTrainerTest {

    private static BertConfig tiny() {
        return new BertConfig(30522, 32, 1, 2, 64, 512, 2, 1e-12, 0.1, 0.1, 0);
    }

    private static Map<String, float[]> snapshot(Map<String, Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.getArray().toFloatArray()));
        return out;
    }

    private static double distance(Map<String, float[]> a, Map<String, float[]> b) {
        double s = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k), y = b.get(k);
            for (int i = 0; i < x.length; i++) s += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void trainsTheQueryEncoderAndMovesTheKeyEncoderOnlyByMomentum(@TempDir Path run) throws Exception {
        List<String> sentences = TestEncoders.sentences(0, 24);
        // Keys: a cheap, deterministic second view (the words reversed) stands in for back-translation here.
        List<String> keys = sentences.stream().map(s -> String.join(" ",
                java.util.Arrays.asList(s.split(" ")).reversed())).toList();
        CertObjective objective = new CertObjective(sentences, keys, 1, 0.1f);
        TrainerConfig config = new TrainerConfig(5, 4, 1, 1e-3f, 0, 0f, 1f, 0, 1, 0, 1, 0, -1, false);
        try (SentenceModelTrainable query = SentenceModelTrainable.fromScratch(tiny(), 64, 3, Device.cpu());
                SentenceModelTrainable key = SentenceModelTrainable.fromScratch(tiny(), 64, 9, Device.cpu())) {
            Map<String, float[]> query0 = snapshot(query.parameters());
            MomentumContrastTrainer trainer = new MomentumContrastTrainer(query, key, objective, config,
                    new MomentumContrastLoss(0.1f, true), 0.9f, 12, 32, run, null);
            MomentumContrastTrainer.Result r = trainer.train();
            assertEquals(5, r.steps());
            assertTrue(Double.isFinite(r.lastLoss()) && r.lastLoss() > 0);
            assertEquals(12, r.queueSize(), "5 steps x 4 keys, capped at the queue size");
            assertTrue(trainer.queue().isFull());
            Map<String, float[]> query1 = snapshot(query.parameters());
            Map<String, float[]> key1 = snapshot(key.parameters());
            double moved = distance(query0, query1);
            assertTrue(moved > 0, "the query encoder learned");
            // The key encoder started as a copy of query0 and after 5 updates with m = 0.9 sits
            // between query0 and query1: closer to query0 than the query encoder is.
            assertTrue(distance(key1, query0) < moved, "key " + distance(key1, query0) + " vs query " + moved);
            assertTrue(distance(key1, query0) > 0, "the key encoder followed the query encoder");
            for (Parameter p : key.parameters().values()) {
                assertFalse(p.getArray().hasGradient(), "key parameter " + p.getName() + " requires a gradient");
            }
        }
    }

    @Test
    void mochiAddsHarderNegativesToTheMomentumLoss(@TempDir Path run) throws Exception {
        List<String> sentences = TestEncoders.sentences(0, 16);
        List<String> keys = sentences.stream().map(s -> String.join(" ",
                java.util.Arrays.asList(s.split(" ")).reversed())).toList();
        TrainerConfig config = new TrainerConfig(3, 4, 1, 1e-3f, 0, 0f, 1f, 0, 1, 0, 1, 0, -1, false);
        double[] first = new double[2];
        for (int withMix = 0; withMix < 2; withMix++) {
            try (SentenceModelTrainable query = SentenceModelTrainable.fromScratch(tiny(), 64, 3, Device.cpu());
                    SentenceModelTrainable key = SentenceModelTrainable.fromScratch(tiny(), 64, 9, Device.cpu())) {
                MomentumContrastTrainer trainer = new MomentumContrastTrainer(query, key, new CertObjective(sentences, keys, 1, 0.1f),
                        config, new MomentumContrastLoss(0.1f, true), 0.9f, 8, 32, run.resolve("r" + withMix), null,
                        withMix == 1 ? new io.contrast4j.sentence.loss.HardNegativeMixer(2, 2, 1, 1) : null);
                MomentumContrastTrainer.Result r = trainer.train();
                assertEquals(3, r.steps());
                assertTrue(Double.isFinite(r.lastLoss()));
                first[withMix] = r.firstLoss();
            }
        }
        // Same weights, data and dropout at step 1: the only difference is 3 more negatives per query.
        assertTrue(first[1] > first[0], "with MoCHi " + first[1] + " vs without " + first[0]);
    }
}
