package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contrast4j.core.UserInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partial or garbled commit metadata is one error naming the field; k x over-fetch is bounded. */
class IndexMetadataTest {
    private static Map<String, String> valid() {
        return new HashMap<>(new IndexMetadata("m", "hashing", 64, IndexSettings.DEFAULT).toUserData());
    }

    @Test
    void roundTrips() {
        IndexMetadata m = IndexMetadata.fromUserData(valid(), "idx");
        assertEquals(new IndexMetadata("m", "hashing", 64, IndexSettings.DEFAULT.withPassageTokens(0)), m);
    }

    @Test
    void missingOrGarbledFieldsNameTheField() {
        Map<String, String> d = valid();
        d.remove("contrast4j.dimension");
        UserInputException e = assertThrows(UserInputException.class, () -> IndexMetadata.fromUserData(d, "idx"));
        assertEquals("idx: corrupt contrast4j metadata in the last commit: field \"dimension\" is missing; rebuild the index",
                e.getMessage());
        Map<String, String> g = valid();
        g.put("contrast4j.hnsw_m", "sixteen");
        e = assertThrows(UserInputException.class, () -> IndexMetadata.fromUserData(g, "idx"));
        assertEquals("idx: corrupt contrast4j metadata in the last commit: field \"hnsw_m\" is 'sixteen', expected an integer"
                + " in [2, 512]; rebuild the index", e.getMessage());
        Map<String, String> q = valid();
        q.put("contrast4j.quantization", "INT3");
        e = assertThrows(UserInputException.class, () -> IndexMetadata.fromUserData(q, "idx"));
        assertEquals("idx: corrupt contrast4j metadata in the last commit: field \"quantization\" is 'INT3', expected one of"
                + " [NONE, INT8, INT4]; rebuild the index", e.getMessage());
        Map<String, String> f = valid();
        f.put("contrast4j.format", "x");
        assertThrows(UserInputException.class, () -> IndexMetadata.fromUserData(f, "idx"));
    }

    @Test
    void candidatesAreBoundedInsteadOfOverflowing() {
        assertEquals(50_000, new SearchRequest("q", 10_000, SearchMode.HYBRID, Map.of(), 5).candidates());
        UserInputException e = assertThrows(UserInputException.class,
                () -> new SearchRequest("q", 10_000, SearchMode.HYBRID, Map.of(), 1_000_000));
        assertEquals("k x over-fetch factor = 10000 x 1000000 = 10000000000 candidates per list, more than the limit of 100000;"
                + " lower k or the over-fetch factor", e.getMessage());
    }
}
