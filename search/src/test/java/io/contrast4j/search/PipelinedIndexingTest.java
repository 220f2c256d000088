package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SearchIndexWriter} writes a batch to Lucene on its write-behind thread while the next one
 * is embedded: the index must hold exactly what in-line writing gave, i.e. every document's own
 * vector (the embedder's output, normalized), each id once, the latest version of a re-added id,
 * and counts and commits that include every batch.
 */
class PipelinedIndexingTest {
    @TempDir Path dir;

    @Test
    void everyDocumentKeepsItsOwnVectorAndTheLastVersionWins() throws Exception {
        HashingEmbedder embedder = new HashingEmbedder(64);
        // Small windows (2 x 64 = 128 texts) and commits, so several windows are in flight and commits fall inside them.
        IndexSettings settings = IndexSettings.DEFAULT.withBatchSize(2).withCommitEvery(50);
        assertEquals(128, settings.embedWindow());
        Map<String, String> expected = new LinkedHashMap<>();
        List<Long> commits = new ArrayList<>();
        Path index = dir.resolve("index");
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, embedder, "hashing:64", settings, null)) {
            writer.onCommit(commits::add);
            for (int i = 0; i < 400; i++) {
                String text = CrashingIndexer.text(i);
                writer.add(new IndexDocument("doc-" + i, text, "en", Map.of()));
                expected.put("doc-" + i, text);
            }
            // Re-added ids land in later batches than their first version: the later text must win.
            for (int i : new int[] {5, 100, 399}) {
                String text = "A new version of document " + i + " about " + CrashingIndexer.text(i + 1000);
                writer.add(new IndexDocument("doc-" + i, text, "en", Map.of()));
                expected.put("doc-" + i, text);
            }
            // 3 full windows of 128 are embedded (the last one possibly still in flight: the count waits for
            // it); the 19 documents after them wait for a fuller window.
            assertEquals(384, writer.documentsWritten(), "the count waits for the window in flight");
            writer.delete("doc-7"); // a delete after pending adds: they are written first, then deleted
            expected.remove("doc-7");
        }
        assertEquals(List.of(50L, 100L, 150L, 200L, 250L, 300L, 350L, 400L, 403L), commits);

        Map<String, float[]> vectors = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        try (var directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            assertEquals(expected.size(), reader.numDocs());
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(SearchFields.VECTOR);
                StoredFields stored = leaf.reader().storedFields();
                var live = leaf.reader().getLiveDocs();
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    var d = stored.document(doc, Set.of(SearchFields.ID, SearchFields.TEXT));
                    String id = d.get(SearchFields.ID);
                    assertTrue(vectors.put(id, values.vectorValue(it.index()).clone()) == null, "one live passage per id: " + id);
                    texts.put(id, d.get(SearchFields.TEXT));
                }
            }
        }
        assertEquals(expected.keySet(), vectors.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), texts.get(e.getKey()), e.getKey());
            float[] own = embedder.embed(List.of(e.getValue()))[0];
            VectorMath.normalize(own);
            assertArrayEquals(own, vectors.get(e.getKey()), e.getKey() + " holds the vector of its own text");
        }
    }
}
