package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.NegativeQueue;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.objective.CertObjective;
import io.contrast4j.sentence.objective.PretrainingObjective;
import io.contrast4j.sentence.objective.XlcoObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Momentum contrast as a step of the one {@link Trainer}, on a tiny BERT (MiniLM vocabulary, 1
 * layer x 32): the queue fills FIFO to its size, the key encoder moves only by the momentum update,
 * the query encoder learns, and a CERT or InfoXLM run interrupted and resumed ends with bitwise the
 * parameters, key encoder and queue of an uninterrupted run (with accumulation and GradCache).
 */
class MomentumContrastTrainingTest {

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

    /** A fixed, deterministic second view (the words reversed) stands in for Apertium's back-translation. */
    private static String reversed(String s) {
        return String.join(" ", java.util.Arrays.asList(s.split(" ")).reversed());
    }

    private static Trainer trainer(SentenceModelTrainable query, SentenceModelTrainable key, PretrainingObjective o,
            TrainingArguments args, MomentumContrast moco, Path run) {
        return Trainer.builder().model(query).objective(o).args(args).outputDir(run).momentumContrast(moco, key).build();
    }

    @Test
    void trainsTheQueryEncoderAndMovesTheKeyEncoderOnlyByMomentum(@TempDir Path run) throws Exception {
        List<String> sentences = TestEncoders.sentences(0, 24);
        CertObjective objective = new CertObjective(sentences, sentences.stream().map(MomentumContrastTrainingTest::reversed).toList(), 1, 0.1f);
        TrainingArguments args = new TrainingArguments(5, 4, 1, 1e-3f, 0, 0f, 1f, 0, 1, 0, 1, 0, -1, false);
        try (SentenceModelTrainable query = SentenceModelTrainable.fromScratch(tiny(), 64, 3, Device.cpu());
                SentenceModelTrainable key = SentenceModelTrainable.fromScratch(tiny(), 64, 9, Device.cpu())) {
            Map<String, float[]> query0 = snapshot(query.parameters());
            Trainer trainer = trainer(query, key, objective, args, new MomentumContrast(0.9f, 12, 0.1f, true, 0f, null), run);
            TrainingResult r = trainer.train();
            assertEquals(5, r.steps());
            assertTrue(Double.isFinite(r.lastLoss()) && r.lastLoss() > 0);
            assertEquals(12, r.queueSize(), "5 steps x 4 keys, capped at the queue size");
            assertTrue(trainer.momentumQueue().isFull());
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
            assertTrue(r.provenance().containsKey("momentum_contrast"), r.provenance().toString());
        }
    }

    @Test
    void mochiAddsHarderNegativesToTheMomentumLoss(@TempDir Path run) throws Exception {
        List<String> sentences = TestEncoders.sentences(0, 16);
        List<String> keys = sentences.stream().map(MomentumContrastTrainingTest::reversed).toList();
        TrainingArguments args = new TrainingArguments(3, 4, 1, 1e-3f, 0, 0f, 1f, 0, 1, 0, 1, 0, -1, false);
        double[] first = new double[2];
        for (int withMix = 0; withMix < 2; withMix++) {
            try (SentenceModelTrainable query = SentenceModelTrainable.fromScratch(tiny(), 64, 3, Device.cpu());
                    SentenceModelTrainable key = SentenceModelTrainable.fromScratch(tiny(), 64, 9, Device.cpu())) {
                MomentumContrast moco = new MomentumContrast(0.9f, 8, 0.1f, true, 0f, withMix == 1 ? new HardNegativeMixer(2, 2, 1, 1) : null);
                TrainingResult r = trainer(query, key, new CertObjective(sentences, keys, 1, 0.1f), args, moco, run.resolve("r" + withMix)).train();
                assertEquals(3, r.steps());
                assertTrue(Double.isFinite(r.lastLoss()));
                first[withMix] = r.firstLoss();
            }
        }
        // Same weights, data and dropout at step 1: the only difference is 3 more negatives per query.
        assertTrue(first[1] > first[0], "with MoCHi " + first[1] + " vs without " + first[0]);
    }

    /** What must be equal bit for bit after an interrupted-and-resumed run and an uninterrupted one. */
    private record End(Map<String, float[]> query, Map<String, float[]> key, float[] ring, int head, int size, double lastLoss,
            double best) {}

    private static End run(Supplier<PretrainingObjective> objective, TrainingArguments args, MomentumContrast moco, Path dir,
            long initSeed) throws Exception {
        try (SentenceModelTrainable query = SentenceModelTrainable.fromScratch(tiny(), 64, initSeed, Device.cpu());
                SentenceModelTrainable key = SentenceModelTrainable.fromScratch(tiny(), 64, initSeed + 1, Device.cpu())) {
            Trainer t = Trainer.builder().model(query).objective(objective.get()).args(args).outputDir(dir)
                    .momentumContrast(moco, key).evaluator(new AdjacencyEvaluator()).build();
            TrainingResult r = t.train();
            NegativeQueue q = t.momentumQueue();
            return new End(snapshot(query.parameters()), snapshot(key.parameters()), q.ring(), q.ringHead(), q.size(),
                    r.lastLoss(), r.bestMetric());
        }
    }

    private static void assertResumeIsExact(Supplier<PretrainingObjective> objective, MomentumContrast moco, Path tmp) throws Exception {
        // 6 steps of 2 micro-batches of 4 (GradCache chunks of 3: uneven), checkpoint and dev evaluation every 2;
        // a queue of 20 wraps around during the run.
        TrainingArguments args = TrainingArguments.builder().steps(6).batchSize(4).accumulation(2).gradCacheChunk(3)
                .learningRate(1e-3f).warmupSteps(1).seed(5).checkpointEvery(2).evalEvery(2).progress(false).build();
        End straight = run(objective, args, moco, tmp.resolve("straight"), 3);
        Path resumedDir = tmp.resolve("resumed");
        End cut = run(objective, args.withStopAfter(3), moco, resumedDir, 3);
        assertTrue(cut.size() > 0);
        // A fresh process: different random inits, to prove the checkpoint decides every weight.
        End resumed = run(objective, args, moco, resumedDir, 77);
        assertTrue(Files.readString(resumedDir.resolve("train.log")).contains("resumed at step 3"));
        for (String name : straight.query().keySet()) {
            assertArrayEquals(straight.query().get(name), resumed.query().get(name), "query " + name);
            assertArrayEquals(straight.key().get(name), resumed.key().get(name), "key " + name);
        }
        assertArrayEquals(straight.ring(), resumed.ring(), "queue");
        assertEquals(straight.head(), resumed.head());
        assertEquals(straight.size(), resumed.size());
        assertEquals(20, straight.size(), "6 steps x 8 keys fill the queue of 20");
        assertEquals(straight.lastLoss(), resumed.lastLoss());
        assertEquals(straight.best(), resumed.best());
    }

    @Test
    void certRunInterruptedAndResumedEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
        List<String> sentences = TestEncoders.sentences(0, 40);
        List<String> keys = sentences.stream().map(MomentumContrastTrainingTest::reversed).toList();
        assertResumeIsExact(() -> new CertObjective(sentences, keys, 11, 0.07f),
                new MomentumContrast(0.99f, 20, 0.07f, true, 0f, null), tmp);
    }

    @Test
    void infoXlmRunWithMochiInterruptedAndResumedEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws Exception {
        List<TranslationPair> pairs = new ArrayList<>();
        for (String s : TestEncoders.sentences(40, 40)) pairs.add(new TranslationPair(s, reversed(s)));
        assertResumeIsExact(() -> new XlcoObjective(pairs, 13),
                new MomentumContrast(0.99f, 20, 0.07f, false, 0f, new HardNegativeMixer(4, 2, 1, 13)), tmp);
    }
}
