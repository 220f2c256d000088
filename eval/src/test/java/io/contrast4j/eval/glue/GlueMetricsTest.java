package io.contrast4j.eval.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected values from scikit-learn 1.2.1 and SciPy (Debian python3-sklearn), the implementation
 * GLUE's reference code calls:
 * <pre>
 * /usr/bin/python3 -c "from sklearn.metrics import matthews_corrcoef, f1_score, accuracy_score;
 *   from scipy.stats import pearsonr, spearmanr;
 *   g=[1,0,1,1,0,0,1,0,1,1,0,1]; p=[1,0,0,1,0,1,1,0,1,0,0,1];
 *   print(matthews_corrcoef(g,p), f1_score(g,p), accuracy_score(g,p));
 *   gs=[4.2,0.5,3.0,3.0,1.25,5.0,2.4]; ps=[0.81,0.10,0.55,0.62,0.30,0.93,0.55];
 *   print(pearsonr(ps,gs)[0], spearmanr(ps,gs)[0])"
 * 0.50709255283711 0.7692307692307692 0.75
 * 0.989937992066508 0.9727272727272728
 * </pre>
 */
class GlueMetricsTest {
    private static final List<String> GOLD = List.of("1", "0", "1", "1", "0", "0", "1", "0", "1", "1", "0", "1");
    private static final List<String> PRED = List.of("1", "0", "0", "1", "0", "1", "1", "0", "1", "0", "0", "1");

    @Test
    void classificationMetricsMatchScikitLearn() {
        Map<String, Double> cola = GlueMetrics.score(GlueTask.COLA, GOLD, PRED);
        assertEquals(List.of("mcc"), List.copyOf(cola.keySet()));
        assertEquals(100 * 0.50709255283711, cola.get("mcc"), 1e-9);
        Map<String, Double> mrpc = GlueMetrics.score(GlueTask.MRPC, GOLD, PRED);
        assertEquals(75.0, mrpc.get("acc"), 1e-9);
        assertEquals(100 * 0.7692307692307692, mrpc.get("f1"), 1e-9);
        // scikit-learn: matthews_corrcoef([1,1,0],[1,1,1]) = 0.0, f1_score([0,0],[0,0], zero_division=0) = 0.0
        assertEquals(0.0, GlueMetrics.matthews(List.of("1", "1", "0"), List.of("1", "1", "1"), "1"));
        assertEquals(0.0, GlueMetrics.f1(List.of("0", "0"), List.of("0", "0"), "1"));
    }

    @Test
    void stsbCorrelationsMatchScipy() {
        List<String> gold = List.of("4.2", "0.5", "3.0", "3.0", "1.25", "5.0", "2.4");
        List<String> pred = List.of("0.81", "0.10", "0.55", "0.62", "0.30", "0.93", "0.55");
        Map<String, Double> m = GlueMetrics.score(GlueTask.STSB, gold, pred);
        assertEquals(100 * 0.989937992066508, m.get("pearson"), 1e-9);
        assertEquals(100 * 0.9727272727272728, m.get("spearman"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> GlueMetrics.score(GlueTask.SST2, GOLD, PRED.subList(0, 3)));
    }

    @Test
    void submissionFilesHaveTheLeaderboardNamesAndHeader(@TempDir Path dir) throws Exception {
        List<GlueExample> test = List.of(new GlueExample("0", "a", "b", null), new GlueExample("1", "c", "d", null));
        Path f = GlueSubmission.write(dir, GlueTask.STSB, "test", test, List.of("5.7", "2.25"));
        assertEquals("STS-B.tsv", f.getFileName().toString());
        assertEquals("index\tprediction\n0\t5.000\n1\t2.250\n", Files.readString(f));
        assertEquals("MNLI-mm.tsv", GlueSubmission.write(dir, GlueTask.MNLI, "test_mismatched", test,
                List.of("entailment", "neutral")).getFileName().toString());
    }
}
