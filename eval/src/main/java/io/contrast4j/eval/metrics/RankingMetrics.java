package io.contrast4j.eval.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-query ranking metrics for retrieval evaluation (as in BEIR / pytrec_eval). A ranking is the
 * list of document ids in the order the system returned them; averaging over queries is the
 * caller's {@link #mean}.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** Fraction of the relevant documents that appear in the first k results (0 when none is relevant). */
    public static double recallAtK(List<String> ranking, Set<String> relevant, int k) {
        if (relevant.isEmpty()) return 0;
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) hits++;
        }
        return (double) hits / relevant.size();
    }

    /** 1 / rank of the first relevant result, 0 when none is returned (within k if k > 0). */
    public static double reciprocalRank(List<String> ranking, Set<String> relevant, int k) {
        int limit = k > 0 ? Math.min(k, ranking.size()) : ranking.size();
        for (int i = 0; i < limit; i++) {
            if (relevant.contains(ranking.get(i))) return 1.0 / (i + 1);
        }
        return 0;
    }

    /**
     * nDCG@k with graded gains (Järvelin & Kekäläinen 2002, linear gain as in pytrec_eval/trec_eval):
     * DCG = sum over the first k results of rel / log2(rank + 1), divided by the DCG of the ideal order
     * of all judged documents. Unjudged documents have gain 0.
     */
    public static double ndcgAtK(List<String> ranking, Map<String, Integer> gains, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int g = gains.getOrDefault(ranking.get(i), 0);
            if (g > 0) dcg += g / log2(i + 2);
        }
        int[] ideal = gains.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i] / log2(i + 2);
        return idcg == 0 ? 0 : dcg / idcg;
    }

    /** Relevant results among the first k, divided by k (trec_eval's P_k: k even when fewer are returned). */
    public static double precisionAtK(List<String> ranking, Set<String> relevant, int k) {
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) hits++;
        }
        return (double) hits / k;
    }

    /**
     * Average precision over the first k results (trec_eval's map_cut_k): the sum of the precision at
     * the rank of each relevant result within k, divided by the number of all relevant documents
     * (retrieved or not; 0 when none is relevant).
     */
    public static double averagePrecisionAtK(List<String> ranking, Set<String> relevant, int k) {
        if (relevant.isEmpty()) return 0;
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (relevant.contains(ranking.get(i))) sum += (double) ++hits / (i + 1);
        }
        return sum / relevant.size();
    }

    public static double mean(double[] perQuery) {
        if (perQuery.length == 0) return Double.NaN;
        double s = 0;
        for (double v : perQuery) s += v;
        return s / perQuery.length;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
