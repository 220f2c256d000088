package io.contrast4j.spark;

import io.contrast4j.core.UserInputException;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Builds a search index from encoded rows ({@link DistributedEncoder}) in parallel: each of N
 * partitions writes a Lucene shard with the search module's {@link SearchIndexWriter} (its own
 * HNSW graph, BM25 postings and stored fields), then the driver adds the shards to one index with
 * {@code IndexWriter.addIndexes} and, unless told to keep them, merges them down to
 * {@code segments} segments. The result is an ordinary contrast4j index: {@code search} and
 * {@code serve} open it unchanged (same {@code IndexMetadata}).
 *
 * <p>Shards are written under {@code <index>.shards/}, which must be a folder that the executors
 * write and the driver reads (any path on one machine; a shared mount on a cluster), and removed
 * after the merge. A retried task writes a fresh folder (named by its attempt), and only the
 * folders of successful tasks are merged.
 */
public final class ShardedIndexBuilder {
    private ShardedIndexBuilder() {}

    /** What the build did, with its times (shards in parallel, then the driver's merge). */
    public record Result(String model, int dimension, long passages, int shards, double shardSeconds,
                         double addSeconds, double mergeSeconds) {}

    /** One shard written by one task. */
    public record Shard(String path, long passages) implements Serializable {}

    /**
     * @param index     the index folder; must not hold an index yet
     * @param modelSpec how the command line loads the model again (recorded in the index)
     * @param language  language recorded with every passage
     * @param segments  merge down to this many segments after adding the shards; 0 = keep them
     *                  (one HNSW graph per shard segment; Lucene searches them all and merges by score)
     */
    public static Result build(Dataset<Row> encoded, Path index, String modelSpec, IndexSettings settings,
                               String language, int shards, int segments) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be >= 1, got " + shards);
        }
        if (segments < 0) {
            throw new IllegalArgumentException("segments must be >= 0, got " + segments);
        }
        if (settings.passageTokens() > 0) {
            throw new IllegalArgumentException("passageTokens must be 0 for a sharded build (rows are passages already)");
        }
        DistributedEncoder.EmbeddingModel model = DistributedEncoder.modelOf(encoded);
        Path absolute = index.toAbsolutePath();
        if (hasIndex(absolute)) {
            throw new UserInputException("index " + index + " exists already: a sharded build writes a new index folder");
        }
        Path shardRoot = absolute.resolveSibling(absolute.getFileName() + ".shards");
        deleteTree(shardRoot);
        long t0 = System.nanoTime();
        List<Shard> written = encoded.select(DistributedEncoder.ID, DistributedEncoder.TEXT, DistributedEncoder.EMBEDDING)
                .repartition(shards)
                .mapPartitions(new WriteShard(shardRoot.toString(),
                        new HashMap<>(new IndexMetadata(model.name(), modelSpec, model.dimension(), settings).toUserData()),
                        language == null ? "" : language), Encoders.bean(ShardBean.class))
                .collectAsList().stream().map(b -> new Shard(b.getPath(), b.getPassages())).toList();
        double shardSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long passages;
        double addSeconds;
        double mergeSeconds = 0;
        try (SearchIndexWriter writer = SearchIndexWriter.openForVectors(absolute, model.name(), model.dimension(), modelSpec, settings)) {
            writer.addIndexes(written.stream().map(s -> Path.of(s.path())).toList());
            writer.commit();
            addSeconds = (System.nanoTime() - t1) / 1e9;
            if (segments > 0) {
                long t2 = System.nanoTime();
                writer.forceMerge(segments);
                writer.commit();
                mergeSeconds = (System.nanoTime() - t2) / 1e9;
            }
            passages = writer.passagesWritten();
        }
        deleteTree(shardRoot);
        return new Result(model.name(), model.dimension(), passages, written.size(), shardSeconds, addSeconds, mergeSeconds);
    }

    private static boolean hasIndex(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }

    /** Spark bean for a written shard (records are not Spark beans). */
    public static final class ShardBean implements Serializable {
        private String path;
        private long passages;

        public ShardBean() {}

        ShardBean(String path, long passages) {
            this.path = path;
            this.passages = passages;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public long getPassages() {
            return passages;
        }

        public void setPassages(long passages) {
            this.passages = passages;
        }
    }

    /** Runs on an executor: writes its partition's rows to a new shard folder. */
    private record WriteShard(String shardRoot, HashMap<String, String> metadata, String language)
            implements MapPartitionsFunction<Row, ShardBean> {
        @Override
        public Iterator<ShardBean> call(Iterator<Row> rows) {
            // IndexSettings is not Serializable: it travels in the index's own user-data form.
            IndexMetadata m = IndexMetadata.fromUserData(metadata, "shard settings");
            TaskContext task = TaskContext.get();
            Path shard = Path.of(shardRoot, "shard-" + task.partitionId() + "-attempt-" + task.attemptNumber());
            deleteTree(shard);
            long n = 0;
            try (SearchIndexWriter writer = SearchIndexWriter.openForVectors(shard, m.model(), m.dimension(), m.modelSpec(), m.settings())) {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    writer.addEmbedded(new IndexDocument(r.getString(0), r.getString(1), language, Map.of()),
                            DistributedEncoder.embedding(r));
                    n++;
                }
            }
            List<ShardBean> out = new ArrayList<>(1);
            out.add(new ShardBean(shard.toString(), n));
            return out.iterator();
        }
    }
}
