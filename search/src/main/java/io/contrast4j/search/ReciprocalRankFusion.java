package io.contrast4j.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher 2009, "Reciprocal Rank Fusion outperforms
 * Condorcet and individual Rank Learning Methods", section 2): score(d) = sum over lists of
 * 1 / (c + rank(d)), ranks from 1, c = 60. Uses ranks only, so cosine and BM25 need no calibration.
 */
public final class ReciprocalRankFusion {
    public static final int DEFAULT_C = 60;

    private final int c;

    public ReciprocalRankFusion(int c) {
        if (c < 0) {
            throw new IllegalArgumentException("c must be >= 0");
        }
        this.c = c;
    }

    /** A fused entry: the key, its fused score, and its 1-based rank in each input list (0 = absent). */
    public record Fused<K>(K key, double score, int[] ranks) {}

    /** Fuses ranked lists of keys (best first); ties keep the order of first appearance. */
    public <K> List<Fused<K>> fuse(List<List<K>> rankings) {
        Map<K, double[]> scores = new LinkedHashMap<>();
        Map<K, int[]> ranks = new LinkedHashMap<>();
        for (int list = 0; list < rankings.size(); list++) {
            List<K> ranking = rankings.get(list);
            for (int i = 0; i < ranking.size(); i++) {
                K key = ranking.get(i);
                int[] r = ranks.computeIfAbsent(key, x -> new int[rankings.size()]);
                if (r[list] != 0) {
                    continue; // a key counts once per list, at its best rank
                }
                r[list] = i + 1;
                scores.computeIfAbsent(key, x -> new double[1])[0] += 1.0 / (c + i + 1);
            }
        }
        List<Fused<K>> out = new ArrayList<>(scores.size());
        scores.forEach((key, s) -> out.add(new Fused<>(key, s[0], ranks.get(key))));
        out.sort(Comparator.comparingDouble((Fused<K> f) -> -f.score())); // stable: ties keep first appearance
        return out;
    }
}
