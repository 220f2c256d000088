package io.contrast4j.eval.retrieval;

import io.contrast4j.core.Neighbor;
import io.contrast4j.eval.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retrieval measures BEIR reports, with trec_eval's definitions (trec_eval 10.0, run with
 * {@code -c}), per query on the 0..1 scale:
 * <ul>
 *   <li>{@code ndcg@10} = trec_eval {@code ndcg_cut.10}: gain = the qrels relevance value itself
 *       (linear, not 2^rel - 1), discount log2(rank + 1), divided by the DCG of the ideal order of
 *       all judged documents with relevance > 0 (Järvelin & Kekäläinen 2002);
 *   <li>{@code map@100} = {@code map_cut.100}: precision at each relevant rank within 100, summed,
 *       divided by the number of relevant documents (all of them, retrieved or not);
 *   <li>{@code recall@100} = {@code recall.100}: relevant documents in the first 100 / all relevant;
 *   <li>{@code mrr@10} = {@code recip_rank} on the first 10 results ({@code -M 10}): 1 / rank of
 *       the first relevant result, 0 when none is in the first 10;
 *   <li>{@code p@10} = {@code P.10}: relevant documents in the first 10, divided by 10.
 * </ul>
 * "Relevant" is relevance >= 1 (trec_eval's default {@code -l 1}); relevance 0 is judged not
 * relevant and unjudged documents count as not relevant. A judged query without any relevant
 * document scores 0 on every measure and is still averaged in, as trec_eval does.
 *
 * <p>Order: trec_eval ignores a run's ranks and sorts each query's results by score, descending,
 * then by document id, descending (its {@code comp_sim_docno}: {@code strcmp(p2->docno, p1->docno)},
 * i.e. byte order of the ids; Java's code-point order is the same as UTF-8 byte order). So ties are
 * broken the same way here, whatever order the retriever returned them in.
 * Checked against trec_eval and scikit-learn on a fixture with ties and graded labels
 * ({@code bench/eval/trec_fixture.py}, test {@code TrecMetricsTest}).
 */
public final class TrecMetrics {
    public static final String NDCG_10 = "ndcg@10", MAP_100 = "map@100", RECALL_100 = "recall@100", MRR_10 = "mrr@10", P_10 = "p@10";
    /** The measures in report order. */
    public static final List<String> NAMES = List.of(NDCG_10, MAP_100, RECALL_100, MRR_10, P_10);
    /** The deepest cut of the measures: how many results a retriever must return per query. */
    public static final int DEPTH = 100;

    private TrecMetrics() {}

    /** The result ids in trec_eval's order: score descending, then id descending by code point (= UTF-8 byte order). */
    public static List<String> order(List<Neighbor> results) {
        List<Neighbor> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble((Neighbor n) -> -(double) n.score())
                .thenComparing((a, b) -> compareCodePoints(b.key(), a.key())));
        List<String> ids = new ArrayList<>(sorted.size());
        for (Neighbor n : sorted) ids.add(n.key());
        return ids;
    }

    /** Every measure of {@link #NAMES} for one query, in that order (0..1). */
    public static Map<String, Double> evaluate(List<Neighbor> results, Map<String, Integer> judged) {
        List<String> ranking = order(results);
        Set<String> relevant = new HashSet<>();
        judged.forEach((doc, rel) -> {
            if (rel >= 1) relevant.add(doc);
        });
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(NDCG_10, RankingMetrics.ndcgAtK(ranking, judged, 10));
        m.put(MAP_100, RankingMetrics.averagePrecisionAtK(ranking, relevant, 100));
        m.put(RECALL_100, RankingMetrics.recallAtK(ranking, relevant, 100));
        m.put(MRR_10, RankingMetrics.reciprocalRank(ranking, relevant, 10));
        m.put(P_10, RankingMetrics.precisionAtK(ranking, relevant, 10));
        return m;
    }

    static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
