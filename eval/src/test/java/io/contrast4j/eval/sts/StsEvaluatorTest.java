package io.contrast4j.eval.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.eval.Datasets;
import io.contrast4j.eval.HashingBagOfWords;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Evaluator contract over the STS harness gives the harness's own numbers. */
class StsEvaluatorTest {

    @Test
    void devAndSuiteScoresAreTheHarnessScores() {
        Path root = Datasets.root();
        HashingBagOfWords words = new HashingBagOfWords(1024);
        Evaluator dev = StsEvaluator.stsBenchmarkDev(root);
        assertEquals("stsb_dev_spearman", dev.name());
        Map<String, Double> m = dev.evaluate(words);
        double direct = StsEvaluation.evaluate("STSBenchmark-dev", StsEvaluation.load(root, "STSBenchmark-dev"), words)
                .metrics().get("spearman").doubleValue();
        assertEquals(direct, dev.primaryScore(m));
        assertTrue(direct > 20, "word overlap is a real signal on STS-B: " + direct);

        StsEvaluator suite = StsEvaluator.suite(root, List.of("STS12", "STSBenchmark"));
        Map<String, Double> s = suite.evaluate(words);
        assertEquals("average", suite.primaryMetric());
        assertEquals((s.get("STS12") + s.get("STSBenchmark")) / 2, s.get("average"), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StsEvaluator.suite(root, List.of("STS99")));
        assertTrue(e.getMessage().startsWith("tasks: STS99 not found"), e.getMessage());
    }

    @Test
    void pairsInMemory() {
        List<ScoredPair> pairs = List.of(new ScoredPair("a cat sat", "a cat sat down", 5), new ScoredPair("a cat sat", "stocks fell", 0),
                new ScoredPair("rain today", "rain all day", 4), new ScoredPair("rain today", "the cat", 1));
        StsEvaluator e = StsEvaluator.ofPairs("toy", pairs);
        assertEquals("toy", e.primaryMetric());
        assertTrue(e.primaryScore(e.evaluate(new HashingBagOfWords(256))) > 50);
    }
}
