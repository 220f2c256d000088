import io.contrast4j.core.io.NpyReader;
import io.contrast4j.core.vector.VectorMath;
import io.contrast4j.search.SearchHit;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.search.SemanticSearcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * recall@10 of index vector search against exact search, for bench/spark/run.sh (run with java's
 * source launcher on the CLI's classpath):
 *   IndexRecall DOCS.npy ID_PREFIX QUERIES.txt INDEX...
 * DOCS.npy holds the indexed sentences' vectors in line order (ids ID_PREFIX:line), QUERIES.txt
 * held-out query sentences. Prints one JSON line per index.
 */
public class IndexRecall {
    public static void main(String[] args) throws Exception {
        NpyReader.Matrix docs = NpyReader.read(Path.of(args[0]));
        String prefix = args[1];
        List<String> queries = Files.readAllLines(Path.of(args[2]));
        float[][] rows = docs.toRows();
        for (float[] r : rows) {
            VectorMath.normalize(r);
        }
        try (SentenceEncoder encoder = new SentenceEncoder(Models.load("minilm"), 32)) {
            float[][] q = encoder.embed(queries);
            List<Set<String>> exact = new ArrayList<>();
            for (float[] v : q) {
                VectorMath.normalize(v);
                List<Integer> order = new ArrayList<>(IntStream.range(0, rows.length).boxed().toList());
                order.sort(Comparator.comparingDouble(i -> -VectorMath.dot(v, rows[i])));
                Set<String> top = new HashSet<>();
                for (int i = 0; i < 10; i++) {
                    top.add(prefix + ":" + (order.get(i) + 1));
                }
                exact.add(top);
            }
            for (int a = 3; a < args.length; a++) {
                double recall = 0;
                long t0 = System.nanoTime();
                try (SemanticSearcher s = SemanticSearcher.open(Path.of(args[a]), encoder)) {
                    for (int i = 0; i < q.length; i++) {
                        Set<String> got = new HashSet<>();
                        for (SearchHit h : s.searchVector(q[i], encoder.name(), 10, Map.of(), 1).hits()) {
                            got.add(h.id());
                        }
                        got.retainAll(exact.get(i));
                        recall += got.size() / 10.0;
                    }
                }
                System.out.printf(java.util.Locale.ROOT, "{\"index\": \"%s\", \"queries\": %d, \"recall_at_10\": %.4f, \"query_ms\": %.2f}%n",
                        args[a], q.length, recall / q.length, (System.nanoTime() - t0) / 1e6 / q.length);
            }
        }
    }
}
