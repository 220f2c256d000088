package io.contrast4j.eval.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private final List<String> ranking = List.of("d3", "d1", "d7", "d2", "d9");

    @Test
    void recallCountsRelevantWithinK() {
        Set<String> rel = Set.of("d1", "d2", "d8");
        assertEquals(0.0, RankingMetrics.recallAtK(ranking, rel, 1), 0);
        assertEquals(1.0 / 3, RankingMetrics.recallAtK(ranking, rel, 2), 1e-12);
        assertEquals(2.0 / 3, RankingMetrics.recallAtK(ranking, rel, 10), 1e-12);
    }

    @Test
    void reciprocalRankOfFirstHit() {
        assertEquals(0.5, RankingMetrics.reciprocalRank(ranking, Set.of("d1", "d2"), 10), 0);
        assertEquals(0.0, RankingMetrics.reciprocalRank(ranking, Set.of("d2"), 3), 0);
        assertEquals(0.25, RankingMetrics.reciprocalRank(ranking, Set.of("d2"), 0), 0);
    }

    @Test
    void ndcgByHand() {
        // gains at ranks 1..5: d3=0, d1=2, d7=0, d2=1, d9=0; DCG = 2/log2(3) + 1/log2(5)
        // ideal: [2, 1, 3(d8)] sorted = [3, 2, 1] -> 3/1 + 2/log2(3) + 1/2
        Map<String, Integer> gains = Map.of("d1", 2, "d2", 1, "d8", 3);
        double l3 = Math.log(3) / Math.log(2), l5 = Math.log(5) / Math.log(2);
        double expected = (2 / l3 + 1 / l5) / (3 + 2 / l3 + 0.5);
        assertEquals(expected, RankingMetrics.ndcgAtK(ranking, gains, 10), 1e-12);
        assertEquals(1.0, RankingMetrics.ndcgAtK(List.of("d8", "d1", "d2"), gains, 10), 1e-12);
        assertEquals(0.0, RankingMetrics.ndcgAtK(ranking, Map.of(), 10), 0);
    }

    @Test
    void bitextBothDirections() {
        // source 0 and 1 both point nearest to target 0; target 1 is nearest to source 1.
        float[][] src = {{1, 0}, {0.9f, 0.1f}, {0, 1}};
        float[][] tgt = {{1, 0}, {0.6f, 0.4f}, {0, 1}};
        BitextRetrieval.Result r = BitextRetrieval.accuracy(src, tgt);
        assertEquals(2.0 / 3, r.sourceToTarget(), 1e-12); // src1 -> tgt0 is wrong
        assertEquals(1.0, r.targetToSource(), 1e-12);     // tgt0->src0, tgt1->src1, tgt2->src2
        assertEquals(3, r.n());
    }
}
