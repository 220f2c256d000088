package io.contrast4j.spark;

import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.search.IndexSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code contrast4j index build --spark}: a search index built in shards on Spark. The corpus is
 * either an {@code encode --spark} output (vectors are taken as they are, no re-encoding) or
 * text / JSONL / Parquet {@code (id, text)} rows, which are encoded first.
 *
 * @param shards     Lucene shards written in parallel (one per task)
 * @param segments   segments after the driver's merge; 0 keeps one per shard
 */
public record SparkIndexJob(String master, String corpus, String format, Path index, String modelSpec,
                            IndexSettings settings, String language, int shards, int segments, int torchThreads) {

    public Map<String, Object> run(List<String> args, PrintWriter err) {
        Provenance provenance = Provenance.start("index build --spark", args)
                .config("master", master).config("model", modelSpec).config("settings", settings)
                .config("shards", shards).config("segments", segments);
        if (Files.isRegularFile(Path.of(corpus))) {
            provenance.input(Path.of(corpus));
        }
        if (SparkEncodeJob.isLocal(corpus) && !Files.exists(Path.of(corpus.replaceFirst("^file:", "")))) {
            throw new IllegalArgumentException("input not found: " + corpus);
        }
        SparkSession spark = SparkSessions.open(master, "contrast4j index build");
        SparkProgress progress = err == null ? null : new SparkProgress("index", err, 2000);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            long start = System.nanoTime();
            Dataset<Row> encoded;
            boolean precomputed = isEncoded(spark, corpus);
            if (precomputed) {
                encoded = EncodedParquet.read(spark, corpus);
            } else {
                int threads = torchThreads > 0 ? torchThreads : SparkSessions.taskCpus(spark);
                Dataset<Row> rows = TextInputs.read(spark, corpus, TextInputs.Format.parse(format, corpus), shards, true);
                encoded = DistributedEncoder.encode(rows, new EncoderSettings(modelSpec, settings.batchSize(), threads));
            }
            ShardedIndexBuilder.Result result = ShardedIndexBuilder.build(encoded, index, modelSpec, settings, language, shards, segments);
            double seconds = (System.nanoTime() - start) / 1e9;
            provenance.config("model_name", result.model()).config("dimension", result.dimension())
                    .config("precomputed_vectors", precomputed).config("spark_version", spark.version())
                    .note("passages", result.passages()).note("shard_seconds", result.shardSeconds())
                    .note("add_seconds", result.addSeconds()).note("merge_seconds", result.mergeSeconds())
                    .note("build_seconds", seconds);
            Path provenanceFile = provenance.writeTo(index);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("index", index.toString());
            summary.put("model", result.model());
            summary.put("passages", result.passages());
            summary.put("shards", result.shards());
            summary.put("precomputed_vectors", precomputed);
            summary.put("shard_seconds", round(result.shardSeconds()));
            summary.put("add_seconds", round(result.addSeconds()));
            summary.put("merge_seconds", round(result.mergeSeconds()));
            summary.put("seconds", round(seconds));
            summary.put("provenance", provenanceFile.toString());
            return summary;
        } finally {
            if (progress != null) {
                spark.sparkContext().removeSparkListener(progress);
            }
        }
    }

    /** An encode output folder, or a Parquet input that already has an embedding column. */
    static boolean isEncoded(SparkSession spark, String corpus) {
        if (EncodedParquet.isEncodedFolder(corpus)) {
            return true;
        }
        if (TextInputs.Format.parse("auto", corpus) != TextInputs.Format.PARQUET) {
            return false;
        }
        return Arrays.asList(spark.read().parquet(corpus).columns()).contains(DistributedEncoder.EMBEDDING);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }
}
