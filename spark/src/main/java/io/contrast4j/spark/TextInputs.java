package io.contrast4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads {@code (id, text)} rows for {@link DistributedEncoder}, in input order, split into a
 * requested number of partitions without a shuffle where the format allows:
 * <ul>
 *   <li>{@link Format#LINES}: a UTF-8 text file, one text a line; id {@code <file name>:<line>}
 *       (1-based, as the local corpus reader names lines), blank lines kept or skipped;
 *   <li>{@link Format#JSONL}: one JSON object a line with a string {@code text} and an optional
 *       {@code id} (missing ids become {@code <file name>:<line>});
 *   <li>{@link Format#PARQUET}: a Parquet file or folder with {@code id} and {@code text} columns.
 * </ul>
 * Paths are anything Spark reads (a local path must be visible to every executor).
 */
public final class TextInputs {
    public enum Format {
        LINES, JSONL, PARQUET;

        /** {@code auto} picks by name: {@code .jsonl/.json}, {@code .parquet} or a folder, else lines. */
        public static Format parse(String name, String path) {
            String n = name == null ? "auto" : name.toLowerCase(Locale.ROOT);
            return switch (n) {
                case "lines", "text", "txt" -> LINES;
                case "jsonl", "json" -> JSONL;
                case "parquet" -> PARQUET;
                case "auto" -> detect(path);
                default -> throw new IllegalArgumentException("input format must be auto, lines, jsonl or parquet, got " + name);
            };
        }

        static Format detect(String path) {
            String p = path.toLowerCase(Locale.ROOT);
            if (p.endsWith(".jsonl") || p.endsWith(".json") || p.endsWith(".jsonl.gz")) {
                return JSONL;
            }
            if (p.endsWith(".parquet") || Files.isDirectory(Path.of(path))) {
                return PARQUET;
            }
            return LINES;
        }
    }

    private static final StructType ID_TEXT = new StructType()
            .add(DistributedEncoder.ID, DataTypes.StringType, false)
            .add(DistributedEncoder.TEXT, DataTypes.StringType, false);

    private TextInputs() {}

    /**
     * @param partitions at least this many partitions (more when the input is large); 0 = Spark's choice
     * @param skipBlank  drop texts that are empty after stripping (a corpus for an index); keep them
     *                   for encoding, where row i must stay line i
     */
    public static Dataset<Row> read(SparkSession spark, String path, Format format, int partitions, boolean skipBlank) {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        }
        Dataset<Row> rows = switch (format) {
            case LINES -> lines(spark, path, partitions);
            case JSONL -> jsonl(spark, path, partitions);
            case PARQUET -> parquet(spark, path, partitions);
        };
        return skipBlank ? rows.filter(functions.length(functions.trim(functions.col(DistributedEncoder.TEXT))).gt(0)) : rows;
    }

    private static JavaRDD<String> textFile(SparkSession spark, String path, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // minPartitions splits even a small file into byte ranges, in order: no shuffle needed.
        return partitions > 0 ? sc.textFile(path, partitions) : sc.textFile(path);
    }

    private static Dataset<Row> lines(SparkSession spark, String path, int partitions) {
        String prefix = fileName(path);
        JavaRDD<Row> rows = textFile(spark, path, partitions).zipWithIndex()
                .map(t -> RowFactory.create(prefix + ":" + (t._2() + 1), t._1()));
        return spark.createDataFrame(rows, ID_TEXT);
    }

    private static Dataset<Row> jsonl(SparkSession spark, String path, int partitions) {
        String prefix = fileName(path);
        JavaRDD<Row> numbered = textFile(spark, path, partitions).zipWithIndex()
                .map(t -> RowFactory.create(prefix + ":" + (t._2() + 1), t._1()));
        Dataset<Row> lines = spark.createDataFrame(numbered, new StructType().add("line_id", DataTypes.StringType)
                .add("json", DataTypes.StringType));
        StructType fields = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        Dataset<Row> parsed = lines.filter(functions.length(functions.trim(functions.col("json"))).gt(0))
                .select(functions.col("line_id"), functions.from_json(functions.col("json"), fields,
                        java.util.Map.of("mode", "FAILFAST")).as("o"));
        return parsed.select(functions.coalesce(functions.col("o.id"), functions.col("line_id")).as(DistributedEncoder.ID),
                functions.col("o.text").as(DistributedEncoder.TEXT));
    }

    private static Dataset<Row> parquet(SparkSession spark, String path, int partitions) {
        Dataset<Row> in = spark.read().parquet(path);
        List<String> cols = Arrays.asList(in.columns());
        if (!cols.contains(DistributedEncoder.ID) || !cols.contains(DistributedEncoder.TEXT)) {
            throw new IllegalArgumentException(path + ": Parquet input needs 'id' and 'text' columns, has " + cols);
        }
        Dataset<Row> rows = in.select(functions.col(DistributedEncoder.ID).cast(DataTypes.StringType).as(DistributedEncoder.ID),
                functions.col(DistributedEncoder.TEXT).cast(DataTypes.StringType).as(DistributedEncoder.TEXT));
        if (partitions > rows.rdd().getNumPartitions()) {
            // More partitions than row groups: a range split on the read order keeps the order.
            rows = rows.withColumn("_row", functions.monotonically_increasing_id())
                    .repartitionByRange(partitions, functions.col("_row"))
                    .sortWithinPartitions("_row").drop("_row");
        }
        return rows;
    }

    private static String fileName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
