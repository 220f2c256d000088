import io.contrast4j.core.io.NpyReader;
import io.contrast4j.core.vector.VectorMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.InfoStream;

/**
 * HNSW graph build only, the part FAISS's IndexHNSWFlat also does: Lucene indexes just the vectors
 * (dot product on unit vectors, M, beam width = efConstruction; no text, no BM25) with T threads.
 * With T > 1, T indexing threads each add a contiguous share of the vectors (each builds the graph
 * of its own in-memory segment, as Lucene does for concurrent indexing), and the final merge to one
 * segment runs Lucene's concurrent HNSW merge with T workers (Lucene99HnswVectorsFormat's
 * numMergeWorkers and executor: the merged graph starts from the largest segment's and the others
 * are inserted in parallel). Prints one JSON line per thread count: seconds to add (graph building
 * in the indexing threads), to flush, to merge, in all; and recall@10 of k=10 / k'=50 searches
 * against the exact top-10, so that a faster parallel build is not bought with a worse graph.
 *
 *   java -cp CLI_CLASSPATH HnswBuildBench.java DOCS.npy QUERIES.npy WORKDIR LIMIT M BEAM THREADS,...
 */
public final class HnswBuildBench {
    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Path docsNpy = Path.of(args[0]);
        Path queriesNpy = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int limit = Integer.parseInt(args[3]);
        int m = Integer.parseInt(args[4]);
        int beam = Integer.parseInt(args[5]);
        int[] threadCounts = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();

        NpyReader.Matrix all = NpyReader.read(docsNpy);
        int n = Math.min(limit, all.rows());
        int dim = all.cols();
        float[] docs = Arrays.copyOf(all.data(), n * dim);
        float[][] queries = NpyReader.read(queriesNpy).toRows();
        int[][] truth = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = VectorMath.topKDot(queries[q], docs, n, dim, K).indices();
        }

        for (int threads : threadCounts) {
            Path index = work.resolve("lucene-vectors-m" + m + "-b" + beam + "-" + n + "-t" + threads);
            deleteTree(index);
            ExecutorService mergeExec = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
            KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, beam, threads, mergeExec);
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(new Lucene104Codec() {
                        @Override
                        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                            return format;
                        }
                    })
                    .setRAMBufferSizeMB(2048) // no flush by size: one segment per indexing thread
                    .setInfoStream(InfoStream.NO_OUTPUT);
            long t0 = System.nanoTime();
            long t1;
            long t2;
            try (var dir = FSDirectory.open(index); IndexWriter writer = new IndexWriter(dir, config)) {
                ExecutorService adders = Executors.newFixedThreadPool(threads);
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = (int) ((long) n * t / threads);
                    int to = (int) ((long) n * (t + 1) / threads);
                    parts.add(adders.submit(() -> {
                        for (int i = from; i < to; i++) {
                            Document d = new Document();
                            d.add(new KnnFloatVectorField("vector", Arrays.copyOfRange(docs, i * dim, (i + 1) * dim),
                                    VectorSimilarityFunction.DOT_PRODUCT));
                            d.add(new StoredField("row", i));
                            writer.addDocument(d);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
                adders.shutdown();
                t1 = System.nanoTime();
                writer.commit();
                t2 = System.nanoTime();
                writer.forceMerge(1);
                writer.commit();
            } finally {
                if (mergeExec != null) {
                    mergeExec.shutdown();
                }
            }
            long t3 = System.nanoTime();

            double recall = 0;
            try (var dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                StoredFields stored = searcher.storedFields();
                int[] rowOf = new int[reader.maxDoc()];
                for (int d = 0; d < reader.maxDoc(); d++) {
                    rowOf[d] = stored.document(d).getField("row").numericValue().intValue();
                }
                for (int q = 0; q < queries.length; q++) {
                    Set<Integer> expect = new HashSet<>();
                    for (int r : truth[q]) {
                        expect.add(r);
                    }
                    int hit = 0;
                    for (ScoreDoc sd : searcher.search(new KnnFloatVectorQuery("vector", queries[q], 5 * K), K).scoreDocs) {
                        hit += expect.contains(rowOf[sd.doc]) ? 1 : 0;
                    }
                    recall += hit / (double) K;
                }
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"engine\": \"lucene\", \"build\": \"vectors only\", \"threads\": %d, \"m\": %d, \"beam\": %d, \"docs\": %d, "
                            + "\"add_s\": %.2f, \"flush_s\": %.2f, \"merge_s\": %.2f, \"build_s\": %.2f, \"recall_at_10_k50\": %.4f}",
                    threads, m, beam, n, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9,
                    recall / queries.length));
            System.out.flush();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
