package io.contrast4j.eval.bitext;

import io.contrast4j.core.Embedder;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.metrics.BitextRetrieval;
import io.contrast4j.eval.metrics.RankingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tatoeba-style bitext retrieval (Artetxe and Schwenk 2019, as reported by XTREME and InfoXLM,
 * Chi et al. 2021 Sec. 4.3): each English sentence retrieves its translation among all target
 * sentences of the test set by cosine, and the other way round. Reports accuracy (nearest neighbour
 * is the translation) in both directions and their mean, plus recall@k and MRR@10, all x100.
 */
public final class BitextEvaluation {
    public static final int[] RECALL_AT = {1, 5, 10};

    private BitextEvaluation() {}

    /** The first {@code limit} pairs (all when limit <= 0), in file order. */
    public static List<TranslationPair> first(List<TranslationPair> pairs, int limit) {
        return limit > 0 && pairs.size() > limit ? List.copyOf(pairs.subList(0, limit)) : List.copyOf(pairs);
    }

    public static TaskResult evaluate(String task, List<TranslationPair> pairs, Embedder model) {
        if (pairs.size() < 2) throw new IllegalArgumentException("bitext retrieval needs at least 2 pairs, got " + pairs.size());
        List<String> source = new ArrayList<>(pairs.size());
        List<String> target = new ArrayList<>(pairs.size());
        for (TranslationPair p : pairs) {
            source.add(p.source());
            target.add(p.target());
        }
        float[][] s = model.embed(source);
        float[][] t = model.embed(target);
        return evaluate(task, s, t);
    }

    /** Row i of {@code source} and {@code target} are a translation pair. */
    public static TaskResult evaluate(String task, float[][] source, float[][] target) {
        BitextRetrieval.Result acc = BitextRetrieval.accuracy(source, target);
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("acc", 100 * acc.mean());
        metrics.put("acc_src2tgt", 100 * acc.sourceToTarget());
        metrics.put("acc_tgt2src", 100 * acc.targetToSource());
        Ranked s2t = rank(source, target);
        Ranked t2s = rank(target, source);
        for (int k : RECALL_AT) {
            metrics.put("recall@" + k + "_src2tgt", 100 * s2t.recall(k));
            metrics.put("recall@" + k + "_tgt2src", 100 * t2s.recall(k));
        }
        metrics.put("mrr@10_src2tgt", 100 * s2t.mrr(10));
        metrics.put("mrr@10_tgt2src", 100 * t2s.mrr(10));
        metrics.put("n", acc.n());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("similarity", "cosine");
        details.put("candidates", "all target sentences of the test set");
        return new TaskResult(task, metrics, details, null);
    }

    /** The top-10 candidate ids of every query, for RankingMetrics. */
    private record Ranked(List<List<String>> top) {
        double recall(int k) {
            double[] per = new double[top.size()];
            for (int i = 0; i < per.length; i++) per[i] = RankingMetrics.recallAtK(top.get(i), Set.of(Integer.toString(i)), k);
            return RankingMetrics.mean(per);
        }

        double mrr(int k) {
            double[] per = new double[top.size()];
            for (int i = 0; i < per.length; i++) per[i] = RankingMetrics.reciprocalRank(top.get(i), Set.of(Integer.toString(i)), k);
            return RankingMetrics.mean(per);
        }
    }

    private static Ranked rank(float[][] queries, float[][] candidates) {
        float[][] q = unit(queries), c = unit(candidates);
        int depth = Math.min(RECALL_AT[RECALL_AT.length - 1], c.length);
        List<List<String>> top = new ArrayList<>(q.length);
        for (float[] query : q) {
            // Insertion into a short sorted list: depth is 10, so this beats sorting all n scores.
            int[] ids = new int[depth];
            float[] scores = new float[depth];
            java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < c.length; j++) {
                float sim = dot(query, c[j]);
                if (sim <= scores[depth - 1]) continue;
                int pos = depth - 1;
                while (pos > 0 && scores[pos - 1] < sim) {
                    scores[pos] = scores[pos - 1];
                    ids[pos] = ids[pos - 1];
                    pos--;
                }
                scores[pos] = sim;
                ids[pos] = j;
            }
            List<String> ranking = new ArrayList<>(depth);
            for (int id : ids) ranking.add(Integer.toString(id));
            top.add(ranking);
        }
        return new Ranked(top);
    }

    private static float[][] unit(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float n = (float) Math.sqrt(dot(rows[i], rows[i]));
            out[i] = new float[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) out[i][k] = n == 0 ? 0 : rows[i][k] / n;
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }
}
