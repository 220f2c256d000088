package io.contrast4j.sentence.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.negatives.TrainingExample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairObjectiveTest {

    static List<TrainingExample> examples() {
        List<TrainingExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> negs = new ArrayList<>();
            for (int j = 0; j < i % 3; j++) negs.add("negative " + i + "." + j);
            out.add(new TrainingExample("anchor " + i, "positive " + i, negs));
        }
        return out;
    }

    @Test
    void batchesCarryTheFirstHNegativesAndDropShortExamples() {
        PairObjective o = new PairObjective(examples(), 1, 3, new InfoNceLoss(0.05f, false, false), null);
        assertEquals(6, o.examples(), "examples 0, 3, 6, 9 have no negative");
        assertEquals(4, o.droppedShort());
        ContrastiveBatch b = o.next(4);
        assertEquals(3, b.views().size());
        for (int i = 0; i < 4; i++) {
            String id = b.anchors().get(i).substring("anchor ".length());
            assertEquals("positive " + id, b.positives().get(i));
            assertEquals("negative " + id + ".0", b.hardNegatives().get(i));
        }
        PairObjective none = new PairObjective(examples(), 0, 3, new InfoNceLoss(0.05f, false, false), null);
        assertEquals(10, none.examples());
        assertEquals(2, none.next(4).views().size());
        assertThrows(IllegalArgumentException.class, () -> new PairObjective(examples(), 3, 3, new InfoNceLoss(0.05f, false, false), null));
    }

    @Test
    void mochiAddsNegativesDeterministicallyPerBatch() {
        InfoNceLoss loss = new InfoNceLoss(0.1f, false, false);
        PairObjective plain = new PairObjective(examples(), 1, 3, loss, null);
        PairObjective mixed = new PairObjective(examples(), 1, 3, loss, new HardNegativeMixer(3, 4, 2, 7));
        SplittableRandom rng = new SplittableRandom(4);
        int b = 4, d = 16;
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new float[3 * b * d];
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            NDList emb = new NDList(m.create(java.util.Arrays.copyOfRange(x, 0, b * d), new Shape(b, d)),
                    m.create(java.util.Arrays.copyOfRange(x, b * d, 2 * b * d), new Shape(b, d)),
                    m.create(java.util.Arrays.copyOfRange(x, 2 * b * d, 3 * b * d), new Shape(b, d)));
            ContrastiveBatch batch = plain.next(b);
            mixed.next(b);
            float without = plain.lossOf(batch, emb).getFloat();
            float with = mixed.lossOf(batch, emb).getFloat();
            assertTrue(with > without, "more negatives raise InfoNCE: " + with + " vs " + without);
            assertEquals(with, mixed.lossOf(batch, emb).getFloat(), 0f, "the same batch mixes the same way");
        }
    }
}
