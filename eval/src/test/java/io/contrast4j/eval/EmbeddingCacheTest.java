package io.contrast4j.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    @Test
    void encodesEachDistinctTextOnce(@TempDir Path dir) {
        HashingBagOfWords model = new HashingBagOfWords(16);
        EmbeddingCache cache = new EmbeddingCache(model, 2, dir);
        List<String> texts = List.of("a b", "c", "a b", "d e f");
        float[][] first = cache.embed(texts);
        assertEquals(3, model.embedded.get());
        assertArrayEquals(first[0], first[2]);
        assertArrayEquals(model.embed(List.of("d e f"))[0], first[3]);
        model.embedded.set(0);
        cache.embed(List.of("c", "a b"));
        assertEquals(0, model.embedded.get());
        assertEquals(3, cache.misses());

        // A new cache over the same folder reads the vectors back instead of re-encoding.
        HashingBagOfWords again = new HashingBagOfWords(16);
        EmbeddingCache reopened = new EmbeddingCache(again, 2, dir);
        float[][] read = reopened.embed(texts);
        assertEquals(0, again.embedded.get());
        for (int i = 0; i < texts.size(); i++) assertArrayEquals(first[i], read[i]);
        assertEquals(1, reopened.missing(List.of("new text", "c")));
    }
}
