package io.contrast4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The on-disk form of encoded rows: an output folder holding {@code embeddings.parquet} (Spark's
 * Parquet folder of {@code id, text, embedding}; the model's name and dimension are in its footer
 * as the embedding column's metadata) and {@code provenance.json} beside it. The provenance file
 * cannot live inside the Parquet folder: Spark would try to read it as data.
 */
public final class EncodedParquet {
    public static final String DATA = "embeddings.parquet";

    private EncodedParquet() {}

    /** Writes {@code encoded} to {@code dir/embeddings.parquet}; refuses to overwrite. */
    public static void write(Dataset<Row> encoded, String dir) {
        DistributedEncoder.modelOf(encoded); // fails early on rows without model metadata
        encoded.write().mode(SaveMode.ErrorIfExists).parquet(dataPath(dir));
    }

    /** Reads encoded rows from an output folder (or a Parquet path given directly). */
    public static Dataset<Row> read(SparkSession spark, String dirOrParquet) {
        Dataset<Row> rows = spark.read().parquet(dataPath(dirOrParquet));
        DistributedEncoder.modelOf(rows);
        return rows;
    }

    /** Whether {@code path} is an encode output (folder with embeddings.parquet) on the local disk. */
    public static boolean isEncodedFolder(String path) {
        return Files.isDirectory(Path.of(path).resolve(DATA));
    }

    static String dataPath(String dir) {
        if (dir.endsWith(".parquet") || dir.endsWith(".parquet/")) {
            return dir;
        }
        return (dir.endsWith("/") ? dir : dir + "/") + DATA;
    }
}
