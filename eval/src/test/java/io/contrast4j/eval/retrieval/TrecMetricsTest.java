package io.contrast4j.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contrast4j.core.Neighbor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The measures against trec_eval 10.0 itself on a fixture with tied scores, graded labels, relevant
 * documents never retrieved, a query without relevant documents, a query without results and one
 * with 150 results. Files under src/test/resources/retrieval, made by
 * {@code /usr/bin/python3 bench/eval/trec_fixture.py TREC_EVAL eval/src/test/resources/retrieval}
 * (TREC_EVAL: trec_eval built from github.com/usnistgov/trec_eval, 10.0-rc3); the script checks
 * trec_eval's nDCG@10 against scikit-learn 1.2.1's ndcg_score before writing expected.tsv.
 * trec_eval prints 4 decimals, hence the tolerance.
 */
class TrecMetricsTest {

    private static List<String> lines(String name) throws IOException {
        try (InputStream in = TrecMetricsTest.class.getResourceAsStream("/retrieval/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }

    @Test
    void matchesTrecEvalOnTiesAndGradedLabels() throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (String l : lines("qrels.tsv")) {
            String[] f = l.split(" ");
            qrels.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(f[2], Integer.parseInt(f[3]));
        }
        Map<String, List<Neighbor>> run = new TreeMap<>();
        for (String l : lines("run.tsv")) {
            String[] f = l.split(" ");
            run.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new Neighbor(f[2], Float.parseFloat(f[4])));
        }
        Map<String, Map<String, Double>> expected = new TreeMap<>();
        for (String l : lines("expected.tsv")) {
            String[] f = l.split("\t");
            expected.computeIfAbsent(f[0], q -> new TreeMap<>()).put(f[1], Double.parseDouble(f[2]));
        }
        Map<String, Double> sums = new TreeMap<>();
        for (Map.Entry<String, Map<String, Integer>> q : qrels.entrySet()) {
            Map<String, Double> got = TrecMetrics.evaluate(run.getOrDefault(q.getKey(), List.of()), q.getValue());
            for (String m : TrecMetrics.NAMES) {
                assertEquals(expected.get(q.getKey()).get(m), got.get(m), 5.1e-5, q.getKey() + " " + m);
                sums.merge(m, got.get(m), Double::sum);
            }
        }
        for (String m : TrecMetrics.NAMES) {
            assertEquals(expected.get("all").get(m), sums.get(m) / qrels.size(), 5.1e-5, "mean " + m);
        }
    }

    @Test
    void tiesGoToTheLargerIdWhateverTheInputOrder() {
        List<Neighbor> results = List.of(new Neighbor("a", 0.5f), new Neighbor("c", 0.5f), new Neighbor("b", 0.9f), new Neighbor("B", 0.5f));
        assertEquals(List.of("b", "c", "a", "B"), TrecMetrics.order(results));
        // one relevant document tied with two others: its place, and so every measure, follows the ids
        Map<String, Double> m = TrecMetrics.evaluate(results, Map.of("a", 2));
        assertEquals(1.0 / 3, m.get(TrecMetrics.MRR_10), 1e-12);
        assertEquals(1 / (Math.log(4) / Math.log(2)), m.get(TrecMetrics.NDCG_10), 1e-12);
        assertEquals(0.1, m.get(TrecMetrics.P_10), 1e-12);
    }
}
