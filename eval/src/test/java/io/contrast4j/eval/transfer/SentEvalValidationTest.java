package io.contrast4j.eval.transfer;

import static org.junit.jupiter.api.Assertions.*;

import io.contrast4j.eval.Datasets;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.HashingBagOfWords;
import io.contrast4j.eval.TaskResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SentEvalValidationTest {

    @Test
    void stratifiedFoldsPartitionAndKeepClassShares() {
        int[] labels = new int[103];
        for (int i = 0; i < labels.length; i++) labels[i] = i < 30 ? 1 : 0;
        List<StratifiedKFold.Split> folds = StratifiedKFold.split(labels, 10, 1111);
        Set<Integer> seen = new HashSet<>();
        for (StratifiedKFold.Split s : folds) {
            assertEquals(labels.length, s.train().length + s.test().length);
            int pos = 0;
            for (int i : s.test()) {
                assertTrue(seen.add(i), "row in two test folds");
                pos += labels[i];
            }
            assertTrue(pos == 3, "each fold holds 3 of the 30 positives, got " + pos);
            assertTrue(s.test().length == 10 || s.test().length == 11);
        }
        assertEquals(labels.length, seen.size());
        assertArrayEquals(folds.get(4).test(), StratifiedKFold.split(labels, 10, 1111).get(4).test());
        assertFalse(java.util.Arrays.equals(folds.get(4).test(), StratifiedKFold.split(labels, 10, 7).get(4).test()));
    }

    @Test
    void separableDataIsLearnedPerfectly() {
        // Two classes split by the sign of x0 + x1 with a margin; 3-class variant adds a third band.
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        int n = 300;
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[i][0] = (float) (y[i] * 3 + r.nextDouble());
            x[i][1] = (float) r.nextDouble();
        }
        SentEvalValidation v = new SentEvalValidation(5, 2, null);
        ValidationResult inner = v.innerKFold(x, y);
        assertEquals(100.0, inner.testAcc(), 1e-9);
        assertEquals(5, inner.chosenC().length);
        // out-of-fold predictions of every row: all right on separable data
        assertEquals(java.util.Arrays.toString(y), java.util.Arrays.toString(inner.testPredictions()));
        ValidationResult k = v.kFold(x, y, x, y);
        assertEquals(100.0, k.testAcc(), 1e-9);
        assertEquals(n, k.testPredictions().length);
    }

    @Test
    void f1OfPositiveClass() {
        // tp = 2 (rows 0, 1), fp = 1 (row 2), fn = 1 (row 3): F1 = 4 / (4 + 2)
        assertEquals(4.0 / 6, TransferEvaluation.f1(new int[] {1, 1, 1, 0, 0}, new int[] {1, 1, 0, 1, 0}, 1), 1e-12);
        assertEquals("a b .", TransferEvaluation.normalize("  a \t b  . "));
        assertEquals(".", TransferEvaluation.normalize("   "));
    }

    @Test
    void pairFeaturesFollowSentEvalOrder() {
        float[] u = {1, -2}, v = {3, 1};
        assertArrayEquals(new float[] {2, 3, 3, -2}, PairFeatures.SENTEVAL.combine(u, v));
        assertArrayEquals(new float[] {1, -2, 3, 1, 2, 3, 3, -2}, PairFeatures.FULL.combine(u, v));
    }

    @Test
    void trecWithBagOfWordsBeatsMajorityClassByFar() {
        TransferTask.Data data = TransferTask.TREC.load(Datasets.root());
        assertEquals(5452, data.train().size());
        assertEquals(500, data.test().size());
        TaskResult r = new TransferEvaluation(5, 2, PairFeatures.SENTEVAL)
                .evaluate(TransferTask.TREC, data, new EmbeddingCache(new HashingBagOfWords(512)), null);
        double acc = r.metrics().get("acc").doubleValue();
        // The majority class (ENTY? DESC) is ~23% of TREC_10; question words alone carry most of the signal.
        assertTrue(acc > 70 && acc <= 100, "TREC accuracy with hashed bag of words: " + acc);
        assertEquals(500, r.metrics().get("n").intValue());
        assertTrue(r.metrics().get("devacc").doubleValue() > 60);
        // one '1'/'0' per test question, whose mean is the reported accuracy
        String correct = (String) r.details().get("test_correct");
        assertEquals(500, correct.length());
        assertEquals(acc, Math.round(100.0 * 100 * correct.chars().filter(c -> c == '1').count() / 500) / 100.0, 1e-9);
    }
}
