package io.contrast4j.spark;

import io.contrast4j.sentence.SentenceEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Sentence embeddings as a Spark transformation: {@code (id, text)} rows in, {@code (id, text,
 * embedding array<float>)} rows out, in the same partitions and the same order. Each partition is
 * encoded by its executor's shared encoder ({@link ExecutorEncoders}: one model per JVM, loaded on
 * first use) in chunks, so a partition is never held in memory whole.
 *
 * <p>The model's name and dimension travel with the data as Spark column metadata on {@code
 * embedding} ({@link #MODEL_KEY}, {@link #DIMENSION_KEY}); Parquet files written from the result
 * keep them in their footer (Spark stores the schema, metadata included, there).
 */
public final class DistributedEncoder {
    public static final String ID = "id";
    public static final String TEXT = "text";
    public static final String EMBEDDING = "embedding";
    public static final String MODEL_KEY = "contrast4j.model";
    public static final String DIMENSION_KEY = "contrast4j.dimension";

    /** Rows handed to the encoder at once: enough for length bucketing, small enough for memory. */
    static final int CHUNK_ROWS = 1024;

    private DistributedEncoder() {}

    /** The model that embedded a dataset's {@code embedding} column, from its metadata. */
    public record EmbeddingModel(String name, int dimension) {}

    /**
     * Adds the {@code embedding} column. {@code input} needs a string column {@code text} and a
     * column {@code id} (cast to string); other columns are dropped. Lazy, like any transformation.
     *
     * @throws IllegalArgumentException when a column is missing
     */
    public static Dataset<Row> encode(Dataset<Row> input, EncoderSettings settings) {
        List<String> columns = Arrays.asList(input.columns());
        for (String c : List.of(ID, TEXT)) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("input has no '" + c + "' column (columns: " + columns + ")");
            }
        }
        // Loaded on the driver for its name and dimension; in local mode the tasks share it.
        SentenceEncoder encoder = ExecutorEncoders.get(settings);
        Metadata metadata = new MetadataBuilder().putString(MODEL_KEY, encoder.name())
                .putLong(DIMENSION_KEY, encoder.dimension()).build();
        StructType schema = new StructType(new StructField[] {
            DataTypes.createStructField(ID, DataTypes.StringType, false),
            DataTypes.createStructField(TEXT, DataTypes.StringType, false),
            new StructField(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType, false), false, metadata)
        });
        Dataset<Row> pairs = input.select(functions.col(ID).cast(DataTypes.StringType).as(ID),
                functions.col(TEXT).cast(DataTypes.StringType).as(TEXT));
        Dataset<Row> encoded = pairs.mapPartitions(new EncodePartition(settings), Encoders.row(schema));
        // mapPartitions' encoder keeps types but not field metadata: put it back on the column.
        return encoded.withColumn(EMBEDDING, new Column(EMBEDDING).as(EMBEDDING, metadata));
    }

    /** The model recorded on {@code dataset}'s embedding column, or an error naming what is missing. */
    public static EmbeddingModel modelOf(Dataset<Row> dataset) {
        StructType schema = dataset.schema();
        if (!Arrays.asList(schema.fieldNames()).contains(EMBEDDING)) {
            throw new IllegalArgumentException("dataset has no '" + EMBEDDING + "' column");
        }
        Metadata m = schema.apply(EMBEDDING).metadata();
        if (!m.contains(MODEL_KEY) || !m.contains(DIMENSION_KEY)) {
            throw new IllegalArgumentException("the '" + EMBEDDING + "' column carries no model name/dimension"
                    + " (metadata keys " + MODEL_KEY + ", " + DIMENSION_KEY + "): not written by contrast4j's encoder");
        }
        return new EmbeddingModel(m.getString(MODEL_KEY), (int) m.getLong(DIMENSION_KEY));
    }

    /** Runs on the executors: one shared encoder per JVM, chunks of {@link #CHUNK_ROWS} rows. */
    private static final class EncodePartition implements MapPartitionsFunction<Row, Row> {
        private final EncoderSettings settings;

        EncodePartition(EncoderSettings settings) {
            this.settings = settings;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SentenceEncoder encoder = ExecutorEncoders.get(settings);
            return new Iterator<>() {
                private final List<Row> out = new ArrayList<>(CHUNK_ROWS);
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < out.size()) {
                        return true;
                    }
                    out.clear();
                    next = 0;
                    List<String> ids = new ArrayList<>(CHUNK_ROWS);
                    List<String> texts = new ArrayList<>(CHUNK_ROWS);
                    while (rows.hasNext() && texts.size() < CHUNK_ROWS) {
                        Row r = rows.next();
                        String id = r.getString(0);
                        String text = r.getString(1);
                        if (id == null) {
                            throw new IllegalArgumentException("a row has a null id (text: " + abbreviate(text) + ")");
                        }
                        if (text == null) {
                            throw new IllegalArgumentException("row " + id + " has a null text");
                        }
                        ids.add(id);
                        texts.add(text);
                    }
                    if (texts.isEmpty()) {
                        return false;
                    }
                    float[][] vectors = encoder.embed(texts);
                    for (int i = 0; i < vectors.length; i++) {
                        out.add(RowFactory.create(ids.get(i), texts.get(i), boxed(vectors[i])));
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return out.get(next++);
                }
            };
        }

        private static Float[] boxed(float[] v) {
            Float[] b = new Float[v.length];
            for (int i = 0; i < v.length; i++) {
                b[i] = v[i];
            }
            return b;
        }

        private static String abbreviate(String s) {
            return s == null ? "null" : s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }

    /** A row's embedding as a primitive array. */
    public static float[] embedding(Row row) {
        List<Float> list = row.getList(row.fieldIndex(EMBEDDING));
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i);
        }
        return v;
    }
}
