package io.contrast4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.sentence.SentenceEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark {@code local[2]} against the single-JVM encoder: same vectors, same order. */
class DistributedEncoderTest {
    static final int N = 96;
    static List<String> texts;
    static float[][] expected;

    @BeforeAll
    static void singleJvm() {
        texts = new ArrayList<>(LocalSpark.sentences(N));
        texts.set(5, ""); // an empty line is encoded too (row i stays line i)
        SentenceEncoder single = ExecutorEncoders.get(new EncoderSettings("minilm", 32, 1));
        expected = single.embed(texts);
    }

    @Test
    void datasetFunctionMatchesSingleJvmEncoderInOrder() {
        SparkSession spark = LocalSpark.get();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create("s" + i, texts.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        // four partitions, in input order, so that both task slots work
        Dataset<Row> four = spark.createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4), schema);
        Dataset<Row> encoded = DistributedEncoder.encode(four, new EncoderSettings("minilm", 16, 1));
        assertEquals(new DistributedEncoder.EmbeddingModel("all-MiniLM-L6-v2", 384), DistributedEncoder.modelOf(encoded));
        assertEquals(4, encoded.rdd().getNumPartitions());
        List<Row> out = encoded.collectAsList();
        assertEquals(N, out.size());
        for (int i = 0; i < N; i++) {
            assertEquals("s" + i, out.get(i).getString(0), "order");
            assertEquals(texts.get(i), out.get(i).getString(1));
            assertVectorEquals(expected[i], DistributedEncoder.embedding(out.get(i)), "row " + i);
        }
    }

    @Test
    void encodeJobWritesParquetWithModelMetadataAndProvenance(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("lines.txt");
        Files.write(in, texts);
        Path out = dir.resolve("encoded");
        Map<String, Object> summary = new SparkEncodeJob(null, in.toString(), "auto", out.toString(), "minilm", 32, 3, 1)
                .run(List.of("encode", "--spark", "local[2]"), null);
        assertEquals((long) N, summary.get("sentences"));
        assertTrue((int) summary.get("partitions") >= 3, "partitions " + summary.get("partitions"));

        Dataset<Row> back = EncodedParquet.read(LocalSpark.get(), out.toString());
        assertEquals(new DistributedEncoder.EmbeddingModel("all-MiniLM-L6-v2", 384), DistributedEncoder.modelOf(back));
        Map<String, float[]> byId = new HashMap<>();
        for (Row r : back.collectAsList()) {
            byId.put(r.getString(0), DistributedEncoder.embedding(r));
        }
        assertEquals(N, byId.size());
        for (int i = 0; i < N; i++) {
            assertVectorEquals(expected[i], byId.get("lines.txt:" + (i + 1)), "line " + (i + 1));
        }
        // the footer carries the metadata for any Parquet reader: Spark's schema string holds it
        Path part = Files.list(out.resolve(EncodedParquet.DATA)).filter(p -> p.toString().endsWith(".parquet"))
                .findFirst().orElseThrow();
        String footer = new String(Files.readAllBytes(part), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(footer.contains("contrast4j.model") && footer.contains("all-MiniLM-L6-v2"), "model name in the Parquet footer");

        JsonNode provenance = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("all-MiniLM-L6-v2", provenance.path("config").path("model_name").asText());
        assertEquals(384, provenance.path("config").path("dimension").asInt());
        assertEquals(N, provenance.path("notes").path("sentences").asInt());
        assertTrue(provenance.path("inputs").get(0).path("sha256").asText().length() == 64);
    }

    @Test
    void jsonlInputKeepsIdsAndFallsBackToLineNumbers(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("docs.jsonl");
        Files.writeString(in, "{\"id\": \"a\", \"text\": \"" + texts.get(0) + "\"}\n"
                + "{\"text\": \"" + texts.get(1) + "\", \"other\": 3}\n\n"
                + "{\"id\": 7, \"text\": \"" + texts.get(2) + "\"}\n");
        Dataset<Row> rows = TextInputs.read(LocalSpark.get(), in.toString(), TextInputs.Format.parse("auto", in.toString()), 2, false);
        List<Row> got = DistributedEncoder.encode(rows, new EncoderSettings("minilm", 8, 1)).collectAsList();
        assertEquals(List.of("a", "docs.jsonl:2", "7"), got.stream().map(r -> r.getString(0)).toList());
        for (int i = 0; i < 3; i++) {
            assertVectorEquals(expected[i], DistributedEncoder.embedding(got.get(i)), "jsonl row " + i);
        }
    }

    @Test
    void missingColumnIsNamed() {
        Dataset<Row> noText = LocalSpark.get().range(3).toDF("id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedEncoder.encode(noText, EncoderSettings.of("minilm")));
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }

    static void assertVectorEquals(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + " dimension");
        for (int j = 0; j < want.length; j++) {
            assertEquals(want[j], got[j], 1e-6, what + " component " + j);
        }
    }
}
