package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Index build, the three search modes, filters, snippets, update, delete and model checks, on disk. */
class SearchIndexTest {
    @TempDir Path dir;

    private static final HashingEmbedder EMBEDDER = new HashingEmbedder(256);

    private Path build(IndexSettings settings) {
        Path index = dir.resolve("index-" + settings.quantization());
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", settings, null)) {
            TestDocuments.all().forEach(writer::add);
        }
        return index;
    }

    private static List<String> ids(SearchResults results) {
        return results.hits().stream().map(SearchHit::id).toList();
    }

    @Test
    void vectorTextAndHybridFindTheMatchingDocument() {
        Path index = build(IndexSettings.DEFAULT.withBatchSize(4));
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(14, searcher.passages());
            for (SearchMode mode : SearchMode.values()) {
                SearchResults r = searcher.search(new SearchRequest("baking bread in the oven", 3, mode));
                assertEquals("cook-3", r.hits().get(0).id(), mode + ": " + ids(r));
                assertTrue(r.hits().size() <= 3);
            }
            SearchHit top = searcher.search(new SearchRequest("galaxy redshift telescope", 5, SearchMode.VECTOR)).hits().get(0);
            assertEquals("astro-1", top.id());
            assertTrue(top.score() > 0.5f && top.score() <= 1.0001f, "cosine score " + top.score());
            assertEquals(1, top.vectorRank());
            assertEquals(Map.of("topic", "science"), top.fields());
            assertEquals("en", top.language());
        }
    }

    @Test
    void hybridRanksByReciprocalRankFusion() {
        Path index = build(IndexSettings.DEFAULT);
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            SearchResults r = searcher.search(new SearchRequest("bread dough oven", 5, SearchMode.HYBRID));
            for (SearchHit h : r.hits()) {
                double expected = (h.vectorRank() > 0 ? 1.0 / (60 + h.vectorRank()) : 0) + (h.textRank() > 0 ? 1.0 / (60 + h.textRank()) : 0);
                assertEquals(expected, h.score(), 1e-6, h.id());
            }
            for (int i = 1; i < r.hits().size(); i++) {
                assertTrue(r.hits().get(i - 1).score() >= r.hits().get(i).score());
            }
            Set<String> top2 = Set.copyOf(ids(r).subList(0, 2));
            assertEquals(Set.of("cook-1", "cook-3"), top2);
        }
    }

    @Test
    void filtersRestrictEveryMode() {
        Path index = build(IndexSettings.DEFAULT);
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            for (SearchMode mode : SearchMode.values()) {
                SearchResults r = searcher.search(new SearchRequest("bread and the train to the coast", 10, mode,
                        Map.of("topic", "travel"), SearchRequest.DEFAULT_OVER_FETCH));
                assertFalse(r.hits().isEmpty(), mode.toString());
                assertTrue(r.hits().stream().allMatch(h -> h.fields().get("topic").equals("travel")), mode + ": " + ids(r));
            }
            SearchResults none = searcher.search(new SearchRequest("bread", 10, SearchMode.TEXT, Map.of("language", "fr"), 5));
            assertTrue(none.hits().isEmpty());
        }
    }

    @Test
    void snippetsHighlightQueryWordsAndEscapeHtml() {
        Path index = build(IndexSettings.DEFAULT);
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            SearchHit hit = searcher.search(new SearchRequest("database tables", 1, SearchMode.TEXT)).hits().get(0);
            assertEquals("tech-3", hit.id());
            assertTrue(hit.snippet().contains("<mark>database</mark>"), hit.snippet());
            assertTrue(hit.snippet().contains("&lt;b&gt;over&lt;&#x2F;b&gt;"), hit.snippet());
            assertFalse(hit.snippet().contains("<b>"), hit.snippet());
            assertTrue(hit.text().contains("<b>over</b>"), "stored text is returned as written");
        }
    }

    @Test
    void updateReplacesAndDeleteRemovesById() {
        Path index = build(IndexSettings.DEFAULT);
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", IndexSettings.DEFAULT, null)) {
            writer.update(TestDocuments.doc("cook-2", "Grill the fish over charcoal with lemon and rosemary.", "food"));
            writer.delete("sport-1");
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(13, searcher.passages());
            SearchResults fish = searcher.search(new SearchRequest("charcoal fish", 3, SearchMode.TEXT));
            assertEquals("cook-2", fish.hits().get(0).id());
            assertTrue(searcher.search(new SearchRequest("tomato garlic basil", 10, SearchMode.TEXT)).hits().isEmpty());
            assertFalse(ids(searcher.search(new SearchRequest("football striker league", 14, SearchMode.HYBRID))).contains("sport-1"));
        }
    }

    @Test
    void refusesQueriesFromAnotherModel() {
        Path index = build(IndexSettings.DEFAULT);
        HashingEmbedder other = new HashingEmbedder(128);
        ModelMismatchException e = assertThrows(ModelMismatchException.class, () -> SemanticSearcher.open(index, other));
        assertTrue(e.getMessage().contains("hashing-bow-english-256") && e.getMessage().contains("hashing-bow-english-128"), e.getMessage());
        try (SemanticSearcher textOnly = SemanticSearcher.open(index, null)) {
            assertEquals("tech-2", textOnly.search(new SearchRequest("search engine relevance", 1, SearchMode.TEXT)).hits().get(0).id());
            assertThrows(UserInputException.class, () -> textOnly.search(new SearchRequest("search", 1, SearchMode.VECTOR)));
            float[] v = EMBEDDER.embed(List.of("search engine relevance"))[0];
            assertThrows(ModelMismatchException.class, () -> textOnly.searchVector(v, "all-MiniLM-L6-v2", 3, Map.of(), 5));
            assertEquals("tech-2", textOnly.searchVector(v, EMBEDDER.name(), 3, Map.of(), 5).hits().get(0).id());
        }
        assertThrows(ModelMismatchException.class,
                () -> SearchIndexWriter.open(index, other, "hashing", IndexSettings.DEFAULT, null));
        assertThrows(UserInputException.class,
                () -> SearchIndexWriter.open(index, EMBEDDER, "hashing", IndexSettings.DEFAULT.withMaxConn(32), null));
    }

    @Test
    void openingAFolderWithoutAnIndexIsAUserError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        UserInputException e = assertThrows(UserInputException.class, () -> SemanticSearcher.open(empty, EMBEDDER));
        assertTrue(e.getMessage().contains("no Lucene index"), e.getMessage());
        assertThrows(UserInputException.class, () -> SemanticSearcher.open(dir.resolve("missing"), EMBEDDER));
    }

    @ParameterizedTest
    @EnumSource(VectorQuantization.class)
    void quantizedGraphsAreWrittenWithTheirFormatAndSearchable(VectorQuantization q) throws Exception {
        Path index = build(IndexSettings.DEFAULT.withQuantization(q));
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(q, searcher.metadata().settings().quantization());
            SearchResults r = searcher.search(new SearchRequest("Ferries connect the islands of the archipelago during the summer.", 1, SearchMode.VECTOR));
            assertEquals("travel-2", r.hits().get(0).id());
        }
        String expectedFormat = q.format(16, 100, 1, null, true).getName();
        assertEquals(q == VectorQuantization.NONE, expectedFormat.equals("Lucene99HnswVectorsFormat"), expectedFormat);
        try (var d = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(SearchFields.VECTOR);
                assertEquals(expectedFormat, info.getAttribute("PerFieldKnnVectorsFormat.format"));
            }
        }
    }

    @Test
    void chunkingIndexesPassagesAndUpdatesReplaceAllOfThem() {
        // Passages are packed from OpenNLP sentences (nlp-core's English model).
        IndexSettings settings = IndexSettings.DEFAULT.withPassageTokens(12);
        Path index = dir.resolve("chunked");
        String text = "The river floods the valley every spring. Farmers plant rice on the wet fields. "
                + "In autumn the harvest is dried in the sun. Markets in town sell the grain all winter.";
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", settings, null)) {
            writer.add(new IndexDocument("farm", text, "en", Map.of()));
            writer.add(TestDocuments.doc("other", "A short unrelated note about violins.", "music"));
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(4 + 1, searcher.passages(), "sentences of 7, 7, 9 and 8 words: no two fit in 12 words");
            SearchHit hit = searcher.search(new SearchRequest("harvest dried in the sun", 1, SearchMode.TEXT)).hits().get(0);
            assertEquals("farm", hit.id());
            assertEquals(2, hit.passage());
        }
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", settings, null)) {
            writer.update(new IndexDocument("farm", "Now a single sentence.", "en", Map.of()));
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(2, searcher.passages());
            Set<String> ids = searcher.search(new SearchRequest("harvest rice valley", 10, SearchMode.TEXT)).hits().stream()
                    .map(SearchHit::id).collect(Collectors.toSet());
            assertTrue(ids.isEmpty(), ids.toString());
        }
    }

    @Test
    void metadataTravelsInTheCommit() {
        Path index = build(IndexSettings.DEFAULT.withMaxConn(24).withBeamWidth(80).withAnalyzer(TextAnalyzer.STANDARD));
        try (SemanticSearcher searcher = SemanticSearcher.open(index, null)) {
            IndexMetadata m = searcher.metadata();
            assertEquals(EMBEDDER.name(), m.model());
            assertEquals("hashing", m.modelSpec());
            assertEquals(256, m.dimension());
            assertEquals(24, m.settings().maxConn());
            assertEquals(80, m.settings().beamWidth());
            assertEquals(TextAnalyzer.STANDARD, m.settings().analyzer());
            assertNotNull(searcher.path());
        }
    }

    @Test
    void precomputedVectorsAreIndexedUnderTheirModelName() {
        Path index = dir.resolve("precomputed");
        List<IndexDocument> docs = TestDocuments.all();
        float[][] vectors = EMBEDDER.embed(docs.stream().map(IndexDocument::text).toList());
        try (SearchIndexWriter writer = SearchIndexWriter.openForVectors(index, EMBEDDER.name(), EMBEDDER.dimension(), null, IndexSettings.DEFAULT)) {
            for (int i = 0; i < docs.size(); i++) {
                writer.addEmbedded(docs.get(i), vectors[i]);
            }
            assertThrows(UserInputException.class, () -> writer.add(docs.get(0)));
            assertThrows(UserInputException.class, () -> writer.addEmbedded(docs.get(0), new float[3]));
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER)) {
            assertEquals(14, searcher.passages());
            assertEquals("bio-2", searcher.search(new SearchRequest("bees and honey", 1, SearchMode.VECTOR)).hits().get(0).id());
        }
    }
}
