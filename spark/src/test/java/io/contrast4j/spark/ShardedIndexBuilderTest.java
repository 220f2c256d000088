package io.contrast4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SemanticSearcher;
import io.contrast4j.sentence.SentenceEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharded build on {@code local[2]} against one writer over the same sentences. */
class ShardedIndexBuilderTest {
    static final int DOCS = 400;
    static final int QUERIES = 40;
    static List<String> sentences;
    static Dataset<Row> encoded;
    static SentenceEncoder encoder;

    @TempDir static Path dir;

    @BeforeAll
    static void encodeOnce() {
        sentences = LocalSpark.sentences(DOCS + QUERIES);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            rows.add(RowFactory.create("d" + i, sentences.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        var spark = LocalSpark.get();
        Dataset<Row> input = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4), schema);
        encoded = DistributedEncoder.encode(input, new EncoderSettings("minilm", 32, 1)).cache();
        assertEquals(DOCS, encoded.count());
        encoder = ExecutorEncoders.get(new EncoderSettings("minilm", 32, 1));
    }

    @AfterAll
    static void release() {
        encoded.unpersist();
    }

    @Test
    void mergedShardsPassCheckIndexAndMatchASingleWriterBuild() throws Exception {
        Path sharded = dir.resolve("sharded");
        ShardedIndexBuilder.Result result = ShardedIndexBuilder.build(encoded, sharded, "minilm", IndexSettings.DEFAULT, "en", 3, 1);
        assertEquals(DOCS, result.passages());
        assertEquals(3, result.shards());
        assertTrue(!Files.exists(dir.resolve("sharded.shards")), "shard folders removed after the merge");

        Path single = dir.resolve("single");
        try (SearchIndexWriter w = SearchIndexWriter.open(single, encoder, "minilm", IndexSettings.DEFAULT, null)) {
            for (int i = 0; i < DOCS; i++) {
                w.add(new IndexDocument("d" + i, sentences.get(i), "en", Map.of()));
            }
            w.commit();
            w.forceMerge(1);
        }

        try (Directory d = FSDirectory.open(sharded); CheckIndex check = new CheckIndex(d)) {
            CheckIndex.Status status = check.checkIndex();
            assertTrue(status.clean, "CheckIndex on the merged index");
            assertEquals(1, status.segmentInfos.size(), "merged to one segment");
        }

        double overlap = 0;
        try (SemanticSearcher a = SemanticSearcher.open(sharded, encoder);
                SemanticSearcher b = SemanticSearcher.open(single, encoder)) {
            assertEquals(b.metadata(), a.metadata(), "same IndexMetadata as the single writer's");
            assertEquals(DOCS, a.passages());
            for (int q = 0; q < QUERIES; q++) {
                String query = sentences.get(DOCS + q);
                Set<String> got = ids(a.search(new SearchRequest(query, 10, SearchMode.VECTOR)).hits());
                Set<String> want = ids(b.search(new SearchRequest(query, 10, SearchMode.VECTOR)).hits());
                assertEquals(10, want.size());
                got.retainAll(want);
                overlap += got.size() / 10.0;
            }
            // text search works on the merged index too (BM25 postings came along with the shards)
            assertEquals(ids(b.search(new SearchRequest("public credit", 5, SearchMode.TEXT)).hits()),
                    ids(a.search(new SearchRequest("public credit", 5, SearchMode.TEXT)).hits()));
        }
        overlap /= QUERIES;
        assertTrue(overlap >= 0.95, "top-10 overlap with the single-writer build: " + overlap);
    }

    @Test
    void segmentsZeroKeepsOneSegmentPerShardAndExistingIndexIsRefused() throws Exception {
        Path kept = dir.resolve("kept");
        ShardedIndexBuilder.Result r = ShardedIndexBuilder.build(encoded, kept, "minilm", IndexSettings.DEFAULT, "en", 2, 0);
        assertEquals(0.0, r.mergeSeconds());
        try (Directory d = FSDirectory.open(kept); DirectoryReader reader = DirectoryReader.open(d)) {
            assertEquals(2, reader.leaves().size());
            assertEquals(DOCS, reader.numDocs());
        }
        try (SemanticSearcher s = SemanticSearcher.open(kept, encoder)) {
            List<SearchHit> hits = s.search(new SearchRequest(sentences.get(7), 1, SearchMode.VECTOR)).hits();
            assertEquals("d7", hits.get(0).id(), "a passage finds itself across shard segments");
        }
        assertThrows(UserInputException.class,
                () -> ShardedIndexBuilder.build(encoded, kept, "minilm", IndexSettings.DEFAULT, "en", 2, 0));
    }

    private static Set<String> ids(List<SearchHit> hits) {
        Set<String> s = new HashSet<>();
        for (SearchHit h : hits) {
            s.add(h.id());
        }
        return s;
    }
}
