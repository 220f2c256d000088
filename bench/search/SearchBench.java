import io.contrast4j.core.io.NpyReader;
import io.contrast4j.core.io.NpyWriter;
import io.contrast4j.core.vector.ScoredIndices;
import io.contrast4j.core.vector.VectorMath;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SemanticSearcher;
import io.contrast4j.search.VectorQuantization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

/**
 * Lucene HNSW side of bench/search/run.sh: exact top-10 by brute force (VectorMath, SIMD), then for
 * each quantization an index of the document vectors (M, beam width; merged to one segment), and
 * for each over-fetch factor: recall@10 against the exact top-10, QPS and p50/p99 latency of single-
 * threaded kNN queries. Also the service path (SemanticSearcher.searchVector: stored fields and
 * snippets included) at the default over-fetch. One JSON object a line on stdout.
 *
 *   java -cp CLI_CLASSPATH SearchBench.java DOCS.npy DOCS.txt QUERIES.npy WORKDIR LIMIT M BEAM QUANTS OVERFETCHES
 */
public final class SearchBench {
    static final int K = 10;

    public static void main(String[] args) throws Exception {
        Path docsNpy = Path.of(args[0]);
        Path docsTxt = Path.of(args[1]);
        Path queriesNpy = Path.of(args[2]);
        Path work = Path.of(args[3]);
        int limit = Integer.parseInt(args[4]);
        int m = Integer.parseInt(args[5]);
        int beam = Integer.parseInt(args[6]);
        List<VectorQuantization> quants = Arrays.stream(args[7].split(",")).map(VectorQuantization::parse).toList();
        int[] overFetches = Arrays.stream(args[8].split(",")).mapToInt(Integer::parseInt).toArray();

        NpyReader.Matrix all = NpyReader.read(docsNpy);
        int n = Math.min(limit, all.rows());
        int dim = all.cols();
        float[] docs = Arrays.copyOf(all.data(), n * dim);
        float[][] queries = NpyReader.read(queriesNpy).toRows();
        List<String> texts;
        try (Stream<String> lines = Files.lines(docsTxt)) {
            texts = lines.limit(n).toList();
        }

        // Exact top-10 by brute force: the ground truth (also saved for the FAISS side).
        long t0 = System.nanoTime();
        int[][] truth = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = VectorMath.topKDot(queries[q], docs, n, dim, K).indices();
        }
        double exactSeconds = (System.nanoTime() - t0) / 1e9;
        float[][] truthRows = new float[queries.length][K];
        for (int q = 0; q < queries.length; q++) {
            for (int i = 0; i < K; i++) {
                truthRows[q][i] = truth[q][i];
            }
        }
        NpyWriter.write(work.resolve("truth-" + n + ".npy"), truthRows);
        System.out.println(String.format(Locale.ROOT,
                "{\"engine\": \"exact\", \"docs\": %d, \"queries\": %d, \"qps\": %.1f, \"simd\": \"%s\"}",
                n, queries.length, queries.length / exactSeconds, VectorMath.implementation()));

        for (VectorQuantization quant : quants) {
            Path index = work.resolve("lucene-" + quant.name().toLowerCase(Locale.ROOT) + "-m" + m + "-b" + beam + "-" + n);
            deleteTree(index);
            IndexSettings settings = IndexSettings.DEFAULT.withMaxConn(m).withBeamWidth(beam).withQuantization(quant)
                    .withCommitEvery(Integer.MAX_VALUE);
            long b0 = System.nanoTime();
            try (SearchIndexWriter writer = SearchIndexWriter.openForVectors(index, "all-MiniLM-L6-v2", dim, "minilm", settings)) {
                float[] row = new float[dim];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(docs, i * dim, row, 0, dim);
                    writer.addEmbedded(new IndexDocument(Integer.toString(i), texts.get(i), "en", Map.of()), row);
                }
                writer.commit();
                writer.forceMerge(1);
            }
            double buildSeconds = (System.nanoTime() - b0) / 1e9;
            long bytes = size(index);

            try (var dir = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                int[] rowOf = new int[reader.maxDoc()];
                StoredFields stored = searcher.storedFields();
                for (int d = 0; d < reader.maxDoc(); d++) {
                    rowOf[d] = Integer.parseInt(stored.document(d, Set.of("id")).get("id"));
                }
                for (int f : overFetches) {
                    int kPrime = Math.max(K, f * K);
                    for (int w = 0; w < Math.min(200, queries.length); w++) {
                        searcher.search(new KnnFloatVectorQuery("vector", queries[w], kPrime), K); // warm-up
                    }
                    long[] nanos = new long[queries.length];
                    double recall = 0;
                    for (int q = 0; q < queries.length; q++) {
                        long s = System.nanoTime();
                        TopDocs top = searcher.search(new KnnFloatVectorQuery("vector", queries[q], kPrime), K);
                        nanos[q] = System.nanoTime() - s;
                        recall += overlap(top, rowOf, truth[q]);
                    }
                    report("lucene", quant.name().toLowerCase(Locale.ROOT), m, beam, "over_fetch", f, n, recall / queries.length,
                            nanos, buildSeconds, bytes);
                }
            }
            // The service path: kNN + stored fields + snippet for each hit.
            try (SemanticSearcher searcher = SemanticSearcher.open(index, null)) {
                int f = io.contrast4j.search.SearchRequest.DEFAULT_OVER_FETCH;
                for (int w = 0; w < Math.min(200, queries.length); w++) {
                    searcher.searchVector(queries[w], "all-MiniLM-L6-v2", K, Map.of(), f);
                }
                long[] nanos = new long[queries.length];
                double recall = 0;
                for (int q = 0; q < queries.length; q++) {
                    long s = System.nanoTime();
                    var hits = searcher.searchVector(queries[q], "all-MiniLM-L6-v2", K, Map.of(), f).hits();
                    nanos[q] = System.nanoTime() - s;
                    Set<Integer> expect = new HashSet<>();
                    for (int r : truth[q]) {
                        expect.add(r);
                    }
                    recall += hits.stream().filter(h -> expect.contains(Integer.parseInt(h.id()))).count() / (double) K;
                }
                report("lucene-service", quant.name().toLowerCase(Locale.ROOT), m, beam, "over_fetch", f, n,
                        recall / queries.length, nanos, buildSeconds, bytes);
            }
        }
    }

    static double overlap(TopDocs top, int[] rowOf, int[] truth) {
        Set<Integer> expect = new HashSet<>();
        for (int r : truth) {
            expect.add(r);
        }
        int hit = 0;
        for (ScoreDoc sd : top.scoreDocs) {
            if (expect.contains(rowOf[sd.doc])) {
                hit++;
            }
        }
        return hit / (double) K;
    }

    static void report(String engine, String quant, int m, int beam, String knob, int value, int n, double recall,
                       long[] nanos, double buildSeconds, long bytes) {
        long total = 0;
        for (long x : nanos) {
            total += x;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) Math.floor(0.50 * (sorted.length - 1))] / 1e6;
        double p99 = sorted[(int) Math.floor(0.99 * (sorted.length - 1))] / 1e6;
        System.out.println(String.format(Locale.ROOT,
                "{\"engine\": \"%s\", \"quantization\": \"%s\", \"m\": %d, \"beam\": %d, \"%s\": %d, \"docs\": %d, "
                        + "\"recall_at_10\": %.4f, \"qps\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"build_s\": %.1f, \"index_mb\": %.1f}",
                engine, quant, m, beam, knob, value, n, recall, nanos.length / (total / 1e9), p50, p99, buildSeconds, bytes / 1048576.0));
        System.out.flush();
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("provenance.json"))
                    .mapToLong(p -> p.toFile().length()).sum();
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
