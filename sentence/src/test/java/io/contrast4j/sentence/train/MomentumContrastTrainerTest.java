package io.contrast4j.sentence.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.objective.XlcoObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A toy BERT trained with XLCo on real sentences paired with their word-reversed "translations". */
class MomentumContrastTrainerTest {

    @Test
    void trainsQueryEncoderMovesKeyByMomentumAndFillsQueue(@TempDir Path dir) throws Exception {
        List<TranslationPair> pairs = new ArrayList<>();
        for (String s : TestEncoders.allSentences().subList(0, 200)) {
            List<String> words = new ArrayList<>(Arrays.asList(s.split("\\s+")));
            Collections.reverse(words);
            pairs.add(new TranslationPair(s, String.join(" ", words)));
        }
        XlcoObjective objective = new XlcoObjective(pairs, 3);
        TrainerConfig cfg = new TrainerConfig(30, 8, 1, 1e-3f, 3, 0.01f, 1.0f, 0, 1, 0, 1, 0, -1, false);
        try (TrainableEncoder query = TestEncoders.tiny(5); TrainableEncoder key = TestEncoders.tiny(6)) {
            String name = "embeddings.word_embeddings.weight";
            float[] q0 = query.parameters().get(name).getArray().toFloatArray();
            MomentumContrastTrainer trainer = new MomentumContrastTrainer(query, key, objective, cfg,
                    new MomentumContrastLoss(0.1f, true), 0.9f, 64, dir);
            // MoCo initialization: the key encoder starts as a copy of the query encoder.
            assertTrue(Arrays.equals(q0, key.parameters().get(name).getArray().toFloatArray()));
            MomentumContrastTrainer.Result r = trainer.train();
            assertEquals(30, r.steps());
            assertTrue(Double.isFinite(r.lastLoss()));
            assertEquals(64, trainer.queue().size(), "30 batches of 8 keys fill a queue of 64");
            float[] q1 = query.parameters().get(name).getArray().toFloatArray();
            float[] k1 = key.parameters().get(name).getArray().toFloatArray();
            assertFalse(Arrays.equals(q0, q1), "the query encoder trains");
            assertFalse(Arrays.equals(q0, k1), "the key encoder follows by momentum");
            assertFalse(Arrays.equals(q1, k1), "but lags behind the query encoder");
            NDArray kw = key.parameters().get(name).getArray();
            assertFalse(kw.hasGradient() && kw.getGradient().abs().sum().getFloat() > 0, "no gradient reaches the key encoder");
            List<TrainingLog.Row> rows = new TrainingLog(dir, 30).rows();
            double early = rows.subList(0, 5).stream().mapToDouble(TrainingLog.Row::loss).average().orElseThrow();
            double late = rows.subList(25, 30).stream().mapToDouble(TrainingLog.Row::loss).average().orElseThrow();
            assertTrue(late < early, "loss falls: first 5 steps " + early + ", last 5 " + late);
            assertTrue(Files.exists(dir.resolve("loss.csv")));
        }
    }
}
