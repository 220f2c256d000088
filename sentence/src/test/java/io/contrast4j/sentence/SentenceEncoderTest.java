package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.sentence.model.SentenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SentenceEncoderTest {

    static final List<String> MIXED = List.of(
            "Short.",
            "A somewhat longer sentence about a man who plays the guitar in the park every Sunday.",
            "",
            "Two words",
            "The stock market fell sharply today after the central bank raised interest rates again.",
            "Cats sleep.",
            "Another medium length line of text.");

    SentenceEncoder encoder(int batchSize) {
        return new SentenceEncoder(TestModels.minilm(), batchSize); // shared model: not closed here
    }

    @Test
    void bucketedBatchesReturnInputOrderAndMatchOneByOne() {
        float[][] batched = encoder(3).embed(MIXED);
        SentenceEncoder single = encoder(1);
        for (int i = 0; i < MIXED.size(); i++) {
            float[] alone = single.embed(List.of(MIXED.get(i)))[0];
            double diff = TestModels.maxAbsDiff(alone, batched[i]);
            assertTrue(diff < 1e-5, "text " + i + " differs from its unbatched vector by " + diff);
        }
    }

    @Test
    void deterministicAcrossCalls() {
        SentenceEncoder enc = encoder(4);
        float[][] a = enc.embed(MIXED);
        float[][] b = enc.embed(MIXED);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i]);
        }
    }

    @Test
    void emptyTextGetsAUnitVectorAndNullIsRejected() {
        float[] v = encoder(8).embed(List.of("", "   "))[0];
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-5);
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> encoder(8).embed(withNull));
        assertTrue(e.getMessage().contains("text 2"), e.getMessage());
        assertEquals(0, encoder(8).embed(List.of()).length);
    }

    @Test
    void overlongTextsAreTruncatedAt256Tokens() {
        SentenceEncoder enc = encoder(8);
        String base = "Contrastive learning pulls positives together and pushes negatives apart. ";
        // 13 tokens per repetition: both texts share their first 256 tokens
        float[][] v = enc.embed(List.of(base.repeat(30), base.repeat(60) + " different ending"));
        assertEquals(2, enc.truncatedCount());
        assertArrayEquals(v[0], v[1]);
        SentenceModel m = TestModels.minilm();
        assertEquals(256, m.tokenizer().encode(base.repeat(30)).length());
    }

    @Test
    void concurrentCallersGetTheSameVectors() throws Exception {
        SentenceEncoder enc = encoder(4);
        float[][] expected = enc.embed(MIXED);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> enc.embed(MIXED)));
            }
            for (Future<float[][]> f : futures) {
                float[][] got = f.get();
                for (int i = 0; i < got.length; i++) {
                    assertTrue(TestModels.maxAbsDiff(expected[i], got[i]) < 1e-6, Arrays.toString(got[i]));
                }
            }
        }
    }
}
