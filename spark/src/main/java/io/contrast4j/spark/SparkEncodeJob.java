package io.contrast4j.spark;

import io.contrast4j.core.provenance.Provenance;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code contrast4j encode --spark}: reads {@code (id, text)} rows, encodes them on the cluster
 * and writes {@link EncodedParquet} with its provenance. The library form of the command.
 *
 * @param master       Spark master URL, or null under spark-submit
 * @param input        text / JSONL / Parquet path
 * @param format       input format ({@code auto} detects from the name)
 * @param out          output folder (must not hold embeddings.parquet yet)
 * @param partitions   minimum partitions (0 = Spark's choice; use a few per executor core)
 * @param torchThreads PyTorch threads per task (0 = {@code spark.task.cpus})
 */
public record SparkEncodeJob(String master, String input, String format, String out, String modelSpec,
                             int batchSize, int partitions, int torchThreads) {

    /** Runs the job; returns the JSON summary. Progress goes to {@code err} (null: none). */
    public Map<String, Object> run(List<String> args, PrintWriter err) {
        Provenance provenance = Provenance.start("encode --spark", args)
                .config("master", master).config("model", modelSpec).config("batch_size", batchSize)
                .config("partitions", partitions).config("input_format", format);
        if (Files.isRegularFile(Path.of(input))) {
            provenance.input(Path.of(input));
        }
        if (isLocal(input) && !Files.exists(Path.of(input.replaceFirst("^file:", "")))) {
            throw new IllegalArgumentException("input not found: " + input);
        }
        SparkSession spark = SparkSessions.open(master, "contrast4j encode");
        SparkProgress progress = err == null ? null : new SparkProgress("encode", err, 2000);
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            int threads = torchThreads > 0 ? torchThreads : SparkSessions.taskCpus(spark);
            EncoderSettings settings = new EncoderSettings(modelSpec, batchSize, threads);
            Dataset<Row> rows = TextInputs.read(spark, input, TextInputs.Format.parse(format, input), partitions, false);
            int parts = rows.rdd().getNumPartitions();
            Dataset<Row> encoded = DistributedEncoder.encode(rows, settings);
            // From here: the job itself (read, encode, write). The driver's model load above is not
            // counted, as single-JVM 'encode' does not count its own.
            long start = System.nanoTime();
            DistributedEncoder.EmbeddingModel model = DistributedEncoder.modelOf(encoded);
            EncodedParquet.write(encoded, out);
            double seconds = (System.nanoTime() - start) / 1e9;
            long written = EncodedParquet.read(spark, out).count();
            if (progress != null) {
                progress.print();
            }
            provenance.config("model_name", model.name()).config("dimension", model.dimension())
                    .config("torch_threads_per_task", threads).config("spark_version", spark.version())
                    .note("sentences", written).note("partitions_used", parts).note("encode_seconds", seconds)
                    .note("default_parallelism", spark.sparkContext().defaultParallelism());
            Path provenanceFile = isLocal(out) ? provenance.writeTo(Path.of(out)) : null;
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", model.name());
            summary.put("dimension", model.dimension());
            summary.put("in", input);
            summary.put("out", EncodedParquet.dataPath(out));
            summary.put("sentences", written);
            summary.put("partitions", parts);
            summary.put("master", spark.sparkContext().master());
            summary.put("torch_threads_per_task", threads);
            summary.put("encode_seconds", seconds);
            summary.put("sentences_per_second", written / Math.max(seconds, 1e-9));
            summary.put("provenance", provenanceFile == null ? null : provenanceFile.toString());
            return summary;
        } finally {
            if (progress != null) {
                spark.sparkContext().removeSparkListener(progress);
            }
        }
    }

    static boolean isLocal(String path) {
        return !path.contains("://") || path.startsWith("file:");
    }
}
