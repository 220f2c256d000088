package io.contrast4j.eval.sts;

import static org.junit.jupiter.api.Assertions.*;

import io.contrast4j.core.UserInputException;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.eval.Datasets;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.HashingBagOfWords;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.core.stats.Correlation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StsEvaluationTest {

    @Test
    void allAndMeanAggregations() {
        Path root = Datasets.root();
        Map<String, List<ScoredPair>> subsets = StsEvaluation.load(root, "STS12");
        assertEquals(5, subsets.size());
        EmbeddingCache embedder = new EmbeddingCache(new HashingBagOfWords(1024));
        TaskResult r = StsEvaluation.evaluate("STS12", subsets, embedder);
        assertEquals(3108, r.metrics().get("n").intValue());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Number>> per = (Map<String, Map<String, Number>>) r.details().get("subsets");
        double mean = per.values().stream().mapToDouble(m -> m.get("spearman").doubleValue()).average().orElseThrow();
        assertEquals(mean, r.metrics().get("spearman_mean").doubleValue(), 1e-9);
        // "all" is the Spearman of the concatenation, which the scatter keeps.
        assertEquals(100 * Correlation.spearman(r.scatter().predicted(), r.scatter().gold()), r.metrics().get("spearman").doubleValue(), 1e-9);
        assertNotEquals(r.metrics().get("spearman").doubleValue(), r.metrics().get("spearman_mean").doubleValue(), 1e-6);
        // The report keeps every pair's prediction and gold score, from which "all" is recomputed exactly.
        double[] pred = (double[]) r.details().get("predicted"), gold = (double[]) r.details().get("gold");
        assertEquals(3108, pred.length);
        assertEquals(100 * Correlation.spearman(pred, gold), r.metrics().get("spearman").doubleValue(), 0);
        assertEquals(subsets.values().iterator().next().get(0).score(), gold[0], 0);
        // Word overlap is a weak but real signal on STS12.
        assertTrue(r.metrics().get("spearman").doubleValue() > 30, r.metrics().toString());
    }

    @Test
    void sickVariantsAndDefaults() {
        Path root = Datasets.root();
        assertEquals(4927, StsEvaluation.load(root, "SICKRelatedness").get("test").size());
        assertEquals(9927, StsEvaluation.load(root, "SICKRelatedness-all").get("all").size());
        assertEquals(1379, StsEvaluation.load(root, "STSBenchmark").get("test").size());
        assertEquals(1500, StsEvaluation.load(root, "STSBenchmark-dev").get("dev").size());
        List<String> defaults = StsEvaluation.available(root);
        assertTrue(defaults.containsAll(List.of("STS12", "STS13", "STS14", "STS15", "STSBenchmark", "SICKRelatedness")), defaults.toString());
    }

    @Test
    void missingFolderIsNamed(@org.junit.jupiter.api.io.TempDir Path empty) throws Exception {
        java.nio.file.Files.createDirectories(empty.resolve("senteval/STS"));
        assertEquals(List.of(), StsEvaluation.available(empty));
        UserInputException e = assertThrows(UserInputException.class, () -> StsEvaluation.load(empty, "STS16"));
        assertTrue(e.getMessage().contains("STS16-en-test"), e.getMessage());
    }
}
