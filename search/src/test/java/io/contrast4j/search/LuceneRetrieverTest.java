package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index as a Retriever: vector mode equals brute force on a small set, text and hybrid find the lexical match. */
class LuceneRetrieverTest {
    private static final String[] WORDS = {"river", "cold", "fish", "swim", "bird", "dawn", "sings", "cat", "purrs", "mat",
        "dog", "barks", "postman", "tree", "leaf", "green", "stone", "wall", "light", "rain"};

    private static Map<String, String> documents() {
        Map<String, String> docs = new LinkedHashMap<>();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 60; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 6; w++) sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
            docs.put("doc" + i, sb.toString().strip());
        }
        return docs;
    }

    @Test
    void vectorModeEqualsBruteForceAndTextModeFindsTheWords(@TempDir Path dir) {
        Map<String, String> docs = documents();
        HashingEmbedder embedder = new HashingEmbedder(64);
        String query = docs.get("doc7");
        try (LuceneRetriever vector = LuceneRetriever.build(dir.resolve("v"), embedder, docs, IndexSettings.DEFAULT, SearchMode.VECTOR, 10)) {
            vector.prepare(List.of(query));
            List<Neighbor> got = vector.retrieve(query, 10);
            // brute-force cosine over the same embeddings
            float[] q = embedder.embed(List.of(query))[0];
            VectorMath.normalize(q);
            List<String> ids = new ArrayList<>(docs.keySet());
            float[][] d = embedder.embed(new ArrayList<>(docs.values()));
            List<Neighbor> exact = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                VectorMath.normalize(d[i]);
                exact.add(new Neighbor(ids.get(i), VectorMath.dot(q, d[i])));
            }
            exact.sort((a, b) -> Float.compare(b.score(), a.score()));
            assertEquals(10, got.size());
            for (int i = 0; i < 10; i++) assertEquals(exact.get(i).score(), got.get(i).score(), 1e-5, "rank " + (i + 1));
            assertEquals(1f, got.get(0).score(), 1e-5);
            assertTrue(vector.description().contains("hnsw none"), vector.description());
            assertEquals(List.of(), vector.retrieve("  ", 10));
        }
        try (LuceneRetriever text = LuceneRetriever.build(dir.resolve("t"), embedder, docs, IndexSettings.DEFAULT.withQuantization(VectorQuantization.INT8),
                SearchMode.TEXT, 1)) {
            List<Neighbor> got = text.retrieve("postman barks", 100);
            assertTrue(got.size() > 0 && got.size() < docs.size(), "only documents with a query word: " + got.size());
            for (Neighbor n : got) assertTrue(docs.get(n.key()).matches(".*\\b(postman|barks)\\b.*"), n.key());
            for (int i = 1; i < got.size(); i++) assertTrue(got.get(i - 1).score() >= got.get(i).score());
        }
        try (LuceneRetriever hybrid = LuceneRetriever.build(dir.resolve("h"), embedder, docs, IndexSettings.DEFAULT, SearchMode.HYBRID, 5)) {
            hybrid.prepare(List.of(query));
            List<Neighbor> got = hybrid.retrieve(query, 5);
            assertEquals("doc7", got.get(0).key());
            assertTrue(hybrid.description().startsWith("lucene hybrid"), hybrid.description());
        }
    }

    /** The same queries as SemanticSearcher: the same ids and scores, in every mode. */
    @Test
    void ranksAsSemanticSearcherDoes(@TempDir Path dir) {
        Map<String, String> docs = documents();
        HashingEmbedder embedder = new HashingEmbedder(64);
        List<String> queries = List.of(docs.get("doc3"), "postman barks in the rain", "green leaf");
        for (SearchMode mode : SearchMode.values()) {
            Path index = dir.resolve(mode.label());
            try (LuceneRetriever retriever = LuceneRetriever.build(index, embedder, docs, IndexSettings.DEFAULT, mode, 2);
                 SemanticSearcher searcher = SemanticSearcher.open(index, embedder)) {
                retriever.prepare(queries);
                for (String q : queries) {
                    List<Neighbor> got = retriever.retrieve(q, 7);
                    List<SearchHit> want = searcher.search(new SearchRequest(q, 7, mode, Map.of(), 2)).hits();
                    assertEquals(want.size(), got.size(), mode + " " + q);
                    for (int i = 0; i < got.size(); i++) {
                        assertEquals(want.get(i).id(), got.get(i).key(), mode + " " + q + " rank " + (i + 1));
                        assertEquals(want.get(i).score(), got.get(i).score(), 0f, mode + " " + q + " rank " + (i + 1));
                    }
                }
            }
        }
    }
}
