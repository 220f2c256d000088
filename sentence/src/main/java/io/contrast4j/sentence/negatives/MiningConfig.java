package io.contrast4j.sentence.negatives;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which retrieved candidates count as hard negatives of an (anchor, positive) pair. The filters
 * follow sentence-transformers' {@code mine_hard_negatives} (range_min / range_max,
 * absolute_margin / relative_margin) plus a cap on the similarity to the positive.
 *
 * <p>Ranks are 1-based positions in the anchor's candidate list by cosine to the anchor, counted
 * after removing the anchor itself, its positive(s) and duplicate texts, so rank 1 is the most
 * similar other text. Skipping the first ranks ({@code rankMin > 1}) avoids the nearest neighbours,
 * which are the likeliest unlabeled positives (false negatives).
 *
 * @param negativesPerAnchor how many negatives to keep per pair (hardest first)
 * @param rankMin first rank kept (1 = from the top)
 * @param rankMax last rank considered; also how deep the index is searched
 * @param absoluteMargin keep only {@code score(anchor, neg) <= score(anchor, pos) - margin}; NaN = off
 * @param relativeMargin keep only {@code score(anchor, neg) <= score(anchor, pos) * (1 - margin)}; NaN = off
 * @param maxPositiveSimilarity drop a candidate whose cosine to the positive exceeds this (a likely
 *     paraphrase of it, i.e. a false negative); NaN = off
 */
public record MiningConfig(int negativesPerAnchor, int rankMin, int rankMax, double absoluteMargin, double relativeMargin,
        double maxPositiveSimilarity) {

    public MiningConfig {
        require(negativesPerAnchor >= 1, "negatives per anchor must be >= 1, got " + negativesPerAnchor);
        require(rankMin >= 1 && rankMax >= rankMin, "rank range must satisfy 1 <= min <= max, got " + rankMin + ".." + rankMax);
        require(rankMax - rankMin + 1 >= negativesPerAnchor,
                "rank range " + rankMin + ".." + rankMax + " holds fewer than " + negativesPerAnchor + " negatives per anchor");
        require(Double.isNaN(absoluteMargin) || absoluteMargin >= 0, "absolute margin must be >= 0, got " + absoluteMargin);
        require(Double.isNaN(relativeMargin) || (relativeMargin >= 0 && relativeMargin < 1),
                "relative margin must be in [0, 1), got " + relativeMargin);
        require(Double.isNaN(maxPositiveSimilarity) || (maxPositiveSimilarity > -1 && maxPositiveSimilarity <= 1),
                "max similarity must be in (-1, 1], got " + maxPositiveSimilarity);
    }

    /** One negative from ranks 1..50, no margin, no cap. */
    public static MiningConfig defaults() {
        return new MiningConfig(1, 1, 50, Double.NaN, Double.NaN, Double.NaN);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** Whether a candidate scoring {@code negative} against the anchor passes the margin filters. */
    public boolean passesMargin(double negative, double positive) {
        if (!Double.isNaN(absoluteMargin) && negative > positive - absoluteMargin) return false;
        return Double.isNaN(relativeMargin) || negative <= positive * (1 - relativeMargin);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("negatives_per_anchor", negativesPerAnchor);
        m.put("rank_min", rankMin);
        m.put("rank_max", rankMax);
        m.put("absolute_margin", Double.isNaN(absoluteMargin) ? null : absoluteMargin);
        m.put("relative_margin", Double.isNaN(relativeMargin) ? null : relativeMargin);
        m.put("max_positive_similarity", Double.isNaN(maxPositiveSimilarity) ? null : maxPositiveSimilarity);
        return m;
    }
}
