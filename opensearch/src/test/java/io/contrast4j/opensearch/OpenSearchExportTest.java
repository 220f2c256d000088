package io.contrast4j.opensearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.vector.VectorMath;
import io.contrast4j.search.HashingEmbedder;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.ModelMismatchException;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export of a MiniLM index into a real OpenSearch 3.5 node (k-NN plugin, Lucene engine) and
 * queries through opensearch-java: recall@10 against exact search, text and hybrid answers, and
 * the model check on both sides.
 */
class OpenSearchExportTest {
    /** 2,000 STS-B test sentences with the datasets folder (the set), else the 560 bundled State of the Union sentences. */
    static int docs;
    static final int QUERIES = 40;
    @TempDir static Path dir;
    static OpenSearchTestNode node;
    static OpenSearchConnection connection;
    static SentenceEncoder encoder;
    static List<String> sentences;
    static float[][] vectors;
    /** A two-word BM25 query with hits in the set, and the phrase its top hit holds. */
    static String textQuery, topPhrase;
    /** A hybrid query with hits in both lists, and a word in at least 10 documents. */
    static String hybridQuery, commonWord;
    static Path local;

    @BeforeAll
    static void startNodeAndBuildLocalIndex() throws Exception {
        node = OpenSearchTestNode.start(dir.resolve("node"));
        connection = OpenSearchConnection.open(node.url(), null);
        java.util.Optional<Path> data = io.contrast4j.data.DataDirectory.fromEnvironment();
        if (data.isPresent()) {
            java.util.LinkedHashSet<String> distinct = new java.util.LinkedHashSet<>();
            for (io.contrast4j.data.ScoredPair p : io.contrast4j.data.StsReader.readStsBenchmark(
                    io.contrast4j.data.SentEvalLayout.stsBenchmark(data.get(), "test"))) {
                distinct.add(p.s1());
                distinct.add(p.s2());
            }
            sentences = List.copyOf(distinct);
            docs = 2000;
            textQuery = "playing guitar";
            topPhrase = "guitar";
            hybridQuery = "a man is playing a guitar";
            commonWord = "man";
        } else {
            try (InputStream in = OpenSearchExportTest.class.getResourceAsStream("sotu-sentences.txt")) {
                sentences = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            docs = 560;
            textQuery = "public credit";
            topPhrase = "public credit";
            hybridQuery = "the revenue of the treasury";
            commonWord = "commerce";
        }
        encoder = new SentenceEncoder(Models.load("minilm"), 32);
        vectors = encoder.embed(sentences.subList(0, docs));
        local = dir.resolve("local");
        try (SearchIndexWriter w = SearchIndexWriter.openForVectors(local, encoder.name(), encoder.dimension(), "minilm", IndexSettings.DEFAULT)) {
            for (int i = 0; i < docs; i++) {
                w.addEmbedded(new IndexDocument("s" + i, sentences.get(i), "en", Map.of("n", Integer.toString(i))), vectors[i]);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (node != null) {
            node.close();
        }
        if (encoder != null) {
            encoder.close();
        }
    }

    @Test
    void exportedIndexAnswersVectorTextAndHybridQueries() {
        OpenSearchExporter.Result r = OpenSearchExporter.export(local, connection.client(), "sotu", 200);
        assertEquals(docs, r.passages());
        assertEquals("all-MiniLM-L6-v2", r.model());

        OpenSearchSearcher searcher = OpenSearchSearcher.open(connection.client(), "sotu", encoder);
        assertEquals("minilm", searcher.metadata().modelSpec());
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            String query = sentences.get(docs + q);
            Set<String> exact = exactTop10(query);
            SearchResults got = searcher.search(new SearchRequest(query, 10, SearchMode.VECTOR));
            assertEquals(10, got.hits().size());
            Set<String> ids = new HashSet<>();
            got.hits().forEach(h -> ids.add(h.id()));
            ids.retainAll(exact);
            recall += ids.size() / 10.0;
            // scores come back as cosines, best first, like the local index's
            SearchHit top = got.hits().get(0);
            float cos = VectorMath.dot(normalized(encoder.embed(List.of(query))[0]), vectors[Integer.parseInt(top.id().substring(1))]);
            assertEquals(cos, top.score(), 1e-3, "cosine of the top hit");
        }
        recall /= QUERIES;
        assertTrue(recall >= 0.95, "recall@10 against exact search: " + recall);

        SearchResults text = searcher.search(new SearchRequest(textQuery, 5, SearchMode.TEXT));
        assertFalse(text.hits().isEmpty());
        assertTrue(text.hits().get(0).text().toLowerCase(Locale.ROOT).contains(topPhrase), text.hits().get(0).text());
        String[] words = textQuery.split(" ");
        for (SearchHit h : text.hits()) {
            String t = h.text().toLowerCase(Locale.ROOT);
            assertTrue(t.contains(words[0]) || t.contains(words[1]), h.text());
            assertTrue(h.snippet().contains("<mark>"), h.snippet());
            assertTrue(h.textRank() > 0);
            assertEquals(Integer.toString(Integer.parseInt(h.id().substring(1))), h.fields().get("n"), "user fields travel");
        }

        SearchResults hybrid = searcher.search(new SearchRequest(hybridQuery, 10, SearchMode.HYBRID));
        assertEquals(10, hybrid.hits().size());
        assertTrue(hybrid.hits().stream().anyMatch(h -> h.vectorRank() > 0 && h.textRank() > 0), "some hits in both lists");

        // exporting the same index again replaces the documents (ids are <id>#<passage>)
        assertEquals(docs, OpenSearchExporter.export(local, connection.client(), "sotu", 500).passages());
        assertEquals(10, searcher.search(new SearchRequest(commonWord, 10, SearchMode.TEXT)).hits().size());
    }

    @Test
    void anotherModelIsRefusedOnExportAndOnQuery() {
        Path hashing = dir.resolve("hashing");
        HashingEmbedder other = new HashingEmbedder(64);
        try (SearchIndexWriter w = SearchIndexWriter.open(hashing, other, "hashing:64", IndexSettings.DEFAULT, null)) {
            w.add(new IndexDocument("h1", "a hashed document", "en", Map.of()));
        }
        OpenSearchExporter.export(hashing, connection.client(), "hashed", 100);
        // the MiniLM index may not go into an index that records the hashing model
        ModelMismatchException e = assertThrows(ModelMismatchException.class,
                () -> OpenSearchExporter.export(local, connection.client(), "hashed", 100));
        assertTrue(e.getMessage().contains(other.name()), e.getMessage());
        assertThrows(ModelMismatchException.class, () -> OpenSearchSearcher.open(connection.client(), "hashed", encoder));
        assertThrows(IllegalArgumentException.class, () -> OpenSearchSearcher.open(connection.client(), "missing", encoder));
    }

    private static Set<String> exactTop10(String query) {
        float[] q = normalized(encoder.embed(List.of(query))[0]);
        List<Integer> order = new ArrayList<>(IntStream.range(0, docs).boxed().toList());
        order.sort(Comparator.comparingDouble(i -> -VectorMath.dot(q, vectors[i])));
        Set<String> top = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            top.add("s" + order.get(i));
        }
        return top;
    }

    private static float[] normalized(float[] v) {
        float[] c = v.clone();
        VectorMath.normalize(c);
        return c;
    }
}
