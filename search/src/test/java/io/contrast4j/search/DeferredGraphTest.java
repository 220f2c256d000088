package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SearchIndexWriter#deferGraphs}: flushed segments carry vectors but no HNSW graph, and
 * {@code forceMerge} leaves one segment whose graph holds every document; searching it finds each
 * document from its own vector (or an identical one). The same build without deferring has graphs in its flushed
 * segments (so the graph probe below does see graphs where Lucene builds them).
 */
class DeferredGraphTest {
    private static final int DOCS = 2_000;
    @TempDir Path dir;

    @Test
    void segmentsWaitForTheirGraphUntilTheFinalMerge() throws Exception {
        // Commits every 700 documents: segments of 700, 700 and 600, each big enough for Lucene to build a
        // graph by default (a graph from about 650 vectors on).
        IndexSettings settings = IndexSettings.DEFAULT.withCommitEvery(700);
        Path deferred = dir.resolve("deferred");
        Path plain = dir.resolve("plain");
        for (Path index : List.of(deferred, plain)) {
            try (SearchIndexWriter writer = SearchIndexWriter.open(index, new HashingEmbedder(64), "hashing:64", settings, null)) {
                if (index == deferred) {
                    assertTrue(writer.deferGraphs(), "an empty index defers");
                }
                for (int i = 0; i < DOCS; i++) {
                    writer.add(new IndexDocument("doc-" + i, CrashingIndexer.text(i), "en", Map.of()));
                }
                writer.commit();
                List<Integer> graphs = graphSizes(index);
                assertTrue(graphs.size() >= 3, "one segment per commit: " + graphs);
                if (index == deferred) {
                    assertTrue(graphs.stream().allMatch(n -> n == 0), "no graph before the final merge: " + graphs);
                } else {
                    assertTrue(graphs.stream().filter(n -> n >= 600).count() >= 2, "Lucene's own flushes build graphs: " + graphs);
                }
                writer.forceMerge(1);
            }
            assertEquals(List.of(DOCS), graphSizes(index), "one segment, its graph holding every document");
        }
        // The merged graph finds each document from its own vector, as well as the plain build's graph does.
        int deferredFound = selfFound(deferred);
        int plainFound = selfFound(plain);
        // (hashed bag-of-words vectors crowd together, so neither graph finds all 40 at k = 10)
        assertTrue(plainFound >= 20 && deferredFound >= plainFound - 2,
                "documents found from their own vector: deferred " + deferredFound + ", plain " + plainFound + " of 40");
        // Reopening an index that holds documents does not defer (its graphs are extended by merges instead).
        try (SearchIndexWriter writer = SearchIndexWriter.open(deferred, new HashingEmbedder(64), "hashing:64", settings, null)) {
            assertFalse(writer.deferGraphs());
        }
    }

    /** Of 40 documents, how many find their own vector (or an identical one) in the top 10 of an HNSW search. */
    static int selfFound(Path index) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            FloatVectorValues vectors = reader.leaves().get(0).reader().getFloatVectorValues(SearchFields.VECTOR);
            int found = 0;
            for (int ord = 0; ord < DOCS; ord += 50) {
                TopDocs top = searcher.search(new KnnFloatVectorQuery(SearchFields.VECTOR, vectors.vectorValue(ord).clone(), 10), 10);
                // score (1 + cos) / 2 = 1: the document itself, or one with the very same vector (generated texts repeat)
                if (top.scoreDocs.length > 0 && top.scoreDocs[0].score > 0.99999f) {
                    found++;
                }
            }
            return found;
        }
    }

    /** Nodes in each segment's HNSW graph of the vector field (0: the segment has none). */
    static List<Integer> graphSizes(Path index) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            for (LeafReaderContext leaf : reader.leaves()) {
                KnnVectorsReader vectors = ((CodecReader) leaf.reader()).getVectorReader();
                if (vectors instanceof PerFieldKnnVectorsFormat.FieldsReader perField) {
                    vectors = perField.getFieldReader(SearchFields.VECTOR);
                }
                HnswGraph graph = ((HnswGraphProvider) vectors).getGraph(SearchFields.VECTOR);
                sizes.add(graph == null ? 0 : graph.size());
            }
        }
        return sizes;
    }
}
