package io.contrast4j.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.stats.Correlation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = ComparisonTest.class.getResourceAsStream("/compare/" + name)) {
            return JSON.readTree(in);
        }
    }

    /**
     * bench/tools/paired.py's output on the fixture reports, printed by
     * {@code python3 bench/tools/paired.py eval/src/test/resources/compare/before.json eval/src/test/resources/compare/after.json}
     * (Python 3.11). The reports come from {@code bench/eval/compare_fixture.py}: their discordant
     * counts are those of docs/conpono.md's full-size SProc table, whose rows paired.py reprints
     * (p to 3 significant digits where the doc rounds to 1).
     */
    private static final String PAIRED_PY = """
            | task | n | before | after | diff [95% CI] | lost / gained | McNemar p |
            |---|---:|---:|---:|---|---:|---:|
            | SProc-stories-seed42 | 4000 | 54.57 | 60.90 | +6.33 [+5.09, +7.56] | 201 / 454 | 1.99e-23 |
            | SProc-stories-seed43 | 4000 | 54.57 | 60.08 | +5.50 [+4.33, +6.67] | 179 / 399 | 2.89e-20 |
            | SProc-shuffled-control | 4000 | 54.57 | 53.95 | -0.62 [-1.82, +0.57] | 310 / 285 | 0.325 |
            | SProc-brown-fiction | 4000 | 54.57 | 56.45 | +1.88 [+0.75, +3.00] | 227 / 302 | 0.00127 |
            | SProc-brown-1-400 | 4000 | 54.57 | 56.30 | +1.73 [+0.72, +2.73] | 175 / 244 | 0.000872 |
            | SProc-brown-K4 | 4000 | 54.57 | 55.65 | +1.07 [-0.10, +2.25] | 266 / 309 | 0.0798 |
            | Tiny | 40 | 55.00 | 70.00 | +15.00 [-1.33, +31.33] | 3 / 9 | 0.146 |
            """;

    @Test
    void reproducesPairedPyOnTheConponoCounts() throws IOException {
        ReportComparison.Result r = ReportComparison.compare(resource("before.json"), resource("after.json"),
                new ReportComparison.Settings(1000, 1000, 42));
        ComparisonReport report = new ComparisonReport(r, "before.json", "after.json", null);
        assertEquals(PAIRED_PY, report.mcnemarTable());
        // the acc rows carry McNemar's p, and a bootstrap interval close to the Wald one
        ReportComparison.Row seed42 = r.rows().stream().filter(x -> x.task().equals("SProc-stories-seed42")).findFirst().orElseThrow();
        assertEquals(ReportComparison.MCNEMAR, seed42.test());
        assertEquals(1.99e-23, seed42.p(), 0.01e-23);
        McNemarTest m = r.mcnemar().get("SProc-stories-seed42");
        assertEquals(m.low(), seed42.low(), 0.25);
        assertEquals(m.high(), seed42.high(), 0.25);
        assertTrue(report.markdown().contains("| SProc-brown-K4 | acc | 54.58 | 55.65 | +1.07 | ["), report.markdown());
        assertTrue(report.html().contains("<td>SProc-stories-seed42</td><td>acc</td>"));
    }

    @Test
    void exactBinomialTailByHand() {
        // b = 3, c = 9: 2 * (C(12,0) + C(12,1) + C(12,2) + C(12,3)) / 2^12 = 2 * 299 / 4096
        assertEquals(2 * 299 / 4096.0, McNemarTest.exactP(3, 9), 1e-15);
        assertEquals(1.0, McNemarTest.exactP(5, 5), 0);
        assertEquals(1.0, McNemarTest.exactP(0, 0), 0);
        // b = 0, c = 6: 2 / 64
        assertEquals(2 / 64.0, McNemarTest.exactP(0, 6), 1e-15);
    }

    @Test
    void pythonFormatting() {
        assertEquals("1.99e-23", ComparisonReport.significant(1.9893e-23, 3));
        assertEquals("0.000872", ComparisonReport.significant(0.00087234, 3));
        assertEquals("2e-05", ComparisonReport.significant(2.0001e-5, 3));
        assertEquals("1", ComparisonReport.significant(1.0, 3));
        assertEquals("0.325", ComparisonReport.significant(0.32451, 3));
        assertEquals("54.57", ComparisonReport.fixed(100 * (2183 / 4000.0), 2, false)); // 54.574999... in binary
        assertEquals("-0.00", ComparisonReport.fixed(-0.001, 2, true));
        assertEquals("+6.33", ComparisonReport.fixed(6.325, 2, true));
    }

    private static ObjectNode stsReport(String model, double[] predicted, double[] gold) {
        ObjectNode root = JSON.createObjectNode().put("model", model);
        root.putObject("tasks").putObject("STSBenchmark").put("spearman", 100 * Correlation.spearman(predicted, gold))
                .put("pearson", 100 * Correlation.pearson(predicted, gold)).put("spearman_mean", 1.0).put("n", gold.length);
        ObjectNode d = root.putObject("details").putObject("STSBenchmark");
        for (double v : predicted) d.withArray("predicted").add(v);
        for (double v : gold) d.withArray("gold").add(v);
        return root;
    }

    @Test
    void correlationsAreTestedPairByPair() {
        Random rnd = new Random(5);
        int n = 300;
        double[] gold = new double[n], good = new double[n], bad = new double[n];
        for (int i = 0; i < n; i++) {
            gold[i] = Math.round(rnd.nextDouble() * 50) / 10.0; // 0.0 .. 5.0 with ties, as STS gold scores
            good[i] = gold[i] / 5 + 0.3 * rnd.nextGaussian();
            bad[i] = gold[i] / 5 + 0.9 * rnd.nextGaussian();
        }
        ReportComparison.Settings s = new ReportComparison.Settings(500, 500, 42);
        ReportComparison.Result r = ReportComparison.compare(stsReport("bad", bad, gold), stsReport("good", good, gold), s);
        ReportComparison.Row sp = r.rows().get(0);
        assertEquals("spearman", sp.metric());
        assertTrue(sp.diff() > 20, "good beats bad by far: " + sp.diff());
        assertTrue(sp.low() > 0 && sp.low() < sp.diff() && sp.diff() < sp.high(), sp.toString());
        assertEquals(1.0 / 501, sp.p(), 1e-12); // no permutation comes near the observed difference
        assertEquals(ReportComparison.PERMUTATION, sp.test());
        assertEquals("pearson", r.rows().get(1).metric());
        ReportComparison.Row mean = r.rows().get(2);
        assertEquals("spearman_mean", mean.metric());
        assertNull(mean.p()); // no per-example results for a mean over subsets
        // the same model twice: no difference, p = 1, interval [0, 0]
        ReportComparison.Row same = ReportComparison.compare(stsReport("a", good, gold), stsReport("b", good, gold), s).rows().get(0);
        assertEquals(0, same.diff(), 0);
        assertEquals(1.0, same.p(), 0);
        assertEquals(0, same.low(), 1e-12);
        // different gold scores: not the same test set
        double[] otherGold = gold.clone();
        otherGold[7] += 1;
        UserInputException e = assertThrows(UserInputException.class,
                () -> ReportComparison.compare(stsReport("a", good, gold), stsReport("b", good, otherGold), s));
        assertTrue(e.getMessage().contains("details.STSBenchmark.gold"), e.getMessage());
    }

    @Test
    void ranksMatchCorrelationsAverageRanks() {
        double[] v = {0.3, 0.1, 0.3, 0.9, 0.1, 0.3};
        assertEquals(List.of(4.0, 1.5, 4.0, 6.0, 1.5, 4.0), java.util.Arrays.stream(ReportComparison.ranks(v)).boxed().toList());
        assertEquals(java.util.Arrays.toString(Correlation.averageRanks(v)), java.util.Arrays.toString(ReportComparison.ranks(v)));
    }

    private static ObjectNode retrievalReport(String model, double[] ndcg, double qps) {
        ObjectNode root = JSON.createObjectNode().put("model", model);
        double mean = java.util.Arrays.stream(ndcg).average().orElseThrow();
        root.putObject("tasks").putObject("sts-paraphrase").put("ndcg@10", mean).put("qps", qps).put("n", ndcg.length);
        ObjectNode d = root.putObject("details").putObject("sts-paraphrase");
        for (int i = 0; i < ndcg.length; i++) d.withArray("query_ids").add("q" + i);
        ObjectNode perQuery = d.putObject("per_query");
        for (double v : ndcg) perQuery.withArray("ndcg@10").add(v);
        return root;
    }

    @Test
    void perQueryRetrievalMeasures() {
        // B wins on 12 queries by 10 points and loses none: sign-flip p = 2 / 2^12 exactly, if all 2^12 were enumerated
        double[] a = new double[12], b = new double[12];
        for (int i = 0; i < 12; i++) {
            a[i] = 50;
            b[i] = 60;
        }
        ReportComparison.Result r = ReportComparison.compare(retrievalReport("a", a, 100), retrievalReport("b", b, 120),
                new ReportComparison.Settings(1000, 20000, 42));
        ReportComparison.Row ndcg = r.rows().get(0);
        assertEquals(10, ndcg.diff(), 1e-12);
        assertEquals(2 / 4096.0, ndcg.p(), 0.0006);
        assertEquals(10, ndcg.low(), 1e-12); // every resample has the same difference
        ReportComparison.Row qps = r.rows().get(1);
        assertEquals(20, qps.diff(), 1e-12);
        assertNull(qps.low());
        ObjectNode other = retrievalReport("b", b, 120);
        ((com.fasterxml.jackson.databind.node.ArrayNode) other.path("details").path("sts-paraphrase").path("query_ids")).set(0,
                JSON.getNodeFactory().textNode("zzz"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> ReportComparison.compare(retrievalReport("a", a, 100), other, ReportComparison.Settings.DEFAULT));
        assertTrue(e.getMessage().contains("query_ids"), e.getMessage());
        Map<String, Object> json = new ComparisonReport(r, "a.json", "b.json", null).toMap();
        assertTrue(json.toString().contains("ci95"), json.toString());
    }
}
