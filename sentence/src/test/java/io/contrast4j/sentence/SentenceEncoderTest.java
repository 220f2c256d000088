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
    void chunkStreamMatchesWholeListInOrderAndOnTheCallersThread() {
        SentenceEncoder enc = encoder(3);
        float[][] whole = enc.embed(MIXED);
        List<List<String>> chunks = List.of(MIXED.subList(0, 3), MIXED.subList(3, 5), MIXED.subList(5, 7));
        List<String> seen = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int[] progress = {0};
        Thread caller = Thread.currentThread();
        enc.embedChunks(chunks.iterator(), "", n -> progress[0] += n, (texts, v) -> {
            assertEquals(caller, Thread.currentThread(), "sink runs on the calling thread");
            assertEquals(texts.size(), v.length);
            seen.addAll(texts);
            vectors.addAll(Arrays.asList(v));
        });
        assertEquals(MIXED, seen);
        assertEquals(MIXED.size(), progress[0]);
        for (int i = 0; i < whole.length; i++) {
            assertTrue(TestModels.maxAbsDiff(whole[i], vectors.get(i)) < 1e-5, "text " + i);
        }
    }

    @Test
    void chunkStreamRethrowsTheReadersFailureAfterTheChunksBeforeIt() {
        SentenceEncoder enc = encoder(4);
        java.util.Iterator<List<String>> failing = new java.util.Iterator<>() {
            int served;

            @Override
            public boolean hasNext() {
                if (served == 1) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("disk gone"));
                }
                return true;
            }

            @Override
            public List<String> next() {
                served++;
                return List.of("first chunk");
            }
        };
        List<String> seen = new ArrayList<>();
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> enc.embedChunks(failing, "", n -> {}, (texts, v) -> seen.addAll(texts)));
        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
        assertEquals(List.of("first chunk"), seen, "the chunk read before the failure is delivered, nothing after");
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
