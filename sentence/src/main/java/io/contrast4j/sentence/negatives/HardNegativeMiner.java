package io.contrast4j.sentence.negatives;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mines hard negatives for (anchor, positive) pairs with the current encoder: each anchor's nearest
 * candidates by cosine (exact search or a Lucene index, {@link CandidateSource}) are ranked after
 * removing the anchor itself, every positive of that anchor and duplicate texts; candidates outside
 * the rank range, above the margin below the positive's score, or too similar to the positive
 * ({@link MiningConfig}) are dropped; the first {@code negativesPerAnchor} survivors, hardest first,
 * are the pair's negatives. This is the recipe of sentence-transformers' {@code mine_hard_negatives}
 * (and of the "hard negatives from a retriever" setups of DPR, Karpukhin et al. 2020, Sec. 3.2),
 * with the false-negative guards as filters.
 *
 * <p>Embeddings are cached by text, so a text shared by several pairs or by the pool is embedded
 * once. Candidate texts are embedded only for the similarity cap, and only as far down each list
 * as the cap needs to go. Deterministic for a deterministic encoder and source (ties are broken by
 * the source's order).
 */
public final class HardNegativeMiner {

    /** Counts for the report; every pair is in exactly one of full / short / none. */
    public record Stats(int pairs, int full, int shortOfNegatives, int none, long droppedByMargin, long droppedBySimilarityCap,
            long excludedSelfOrPositive, long duplicates, long textsEmbedded) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pairs", pairs);
            m.put("pairs_with_all_negatives", full);
            m.put("pairs_with_fewer_negatives", shortOfNegatives);
            m.put("pairs_without_negatives", none);
            m.put("candidates_dropped_margin", droppedByMargin);
            m.put("candidates_dropped_similarity_cap", droppedBySimilarityCap);
            m.put("candidates_excluded_anchor_or_positive", excludedSelfOrPositive);
            m.put("candidates_duplicate", duplicates);
            m.put("texts_embedded", textsEmbedded);
            return m;
        }
    }

    public record Result(List<TrainingExample> examples, Stats stats) {}

    private final Embedder encoder;
    private final MiningConfig config;
    private final Map<String, float[]> vectors = new HashMap<>();

    public HardNegativeMiner(Embedder encoder, MiningConfig config) {
        this.encoder = encoder;
        this.config = config;
    }

    public MiningConfig config() {
        return config;
    }

    /** An exact-search pool over {@code texts} (distinct texts kept, first occurrence order), embedded with the encoder. */
    public ExactCandidates exactPool(List<String> texts) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(texts));
        embedMissing(distinct);
        float[][] rows = new float[distinct.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = vectors.get(distinct.get(i));
        return new ExactCandidates(distinct, rows);
    }

    public Result mine(List<TrainingExample> pairs, CandidateSource source) {
        Map<String, Set<String>> positivesOf = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (TrainingExample p : pairs) {
            positivesOf.computeIfAbsent(p.anchor(), a -> new HashSet<>()).add(p.positive());
            texts.add(p.anchor());
            texts.add(p.positive());
        }
        embedMissing(texts);
        long margin = 0, excluded = 0, duplicates = 0;
        // Candidates that pass rank and margin, in rank order, per pair.
        List<List<String>> passing = new ArrayList<>(pairs.size());
        for (TrainingExample p : pairs) {
            float[] a = vectors.get(p.anchor());
            double positiveScore = VectorMath.dot(a, vectors.get(p.positive()));
            Set<String> skip = positivesOf.get(p.anchor());
            List<String> kept = new ArrayList<>();
            int depth = config.rankMax() + skip.size() + 1;
            for (int attempt = 0; ; attempt++) {
                List<CandidateSource.Candidate> found = source.nearest(a, depth);
                kept.clear();
                Set<String> seen = new HashSet<>();
                int rank = 0;
                long m = 0, x = 0, dup = 0;
                for (CandidateSource.Candidate c : found) {
                    String text = PairsTsv.clean(c.text());
                    if (text.isEmpty() || text.equals(p.anchor()) || skip.contains(text)) {
                        x++;
                        continue;
                    }
                    if (!seen.add(text)) {
                        dup++;
                        continue;
                    }
                    rank++;
                    if (rank < config.rankMin()) continue;
                    if (rank > config.rankMax()) break;
                    if (!config.passesMargin(c.score(), positiveScore)) {
                        m++;
                        continue;
                    }
                    kept.add(text);
                }
                // Exclusions and duplicates can eat into the depth: search deeper while the source had more.
                if (rank >= config.rankMax() || found.size() < depth || attempt == 3) {
                    margin += m;
                    excluded += x;
                    duplicates += dup;
                    break;
                }
                depth *= 2;
            }
            passing.add(kept);
        }
        long capped = 0;
        List<List<String>> chosen = new ArrayList<>(pairs.size());
        for (int i = 0; i < pairs.size(); i++) chosen.add(new ArrayList<>());
        if (Double.isNaN(config.maxPositiveSimilarity())) {
            for (int i = 0; i < pairs.size(); i++) {
                List<String> k = passing.get(i);
                chosen.get(i).addAll(k.subList(0, Math.min(config.negativesPerAnchor(), k.size())));
            }
        } else {
            // Rounds: embed the next few candidates of every unfinished pair at once, then test them.
            int[] next = new int[pairs.size()];
            boolean open = true;
            while (open) {
                open = false;
                List<String> wanted = new ArrayList<>();
                for (int i = 0; i < pairs.size(); i++) {
                    int need = config.negativesPerAnchor() - chosen.get(i).size();
                    List<String> k = passing.get(i);
                    if (need > 0 && next[i] < k.size()) wanted.addAll(k.subList(next[i], Math.min(k.size(), next[i] + 2 * need)));
                }
                embedMissing(wanted);
                for (int i = 0; i < pairs.size(); i++) {
                    int need = config.negativesPerAnchor() - chosen.get(i).size();
                    List<String> k = passing.get(i);
                    if (need <= 0 || next[i] >= k.size()) continue;
                    int end = Math.min(k.size(), next[i] + 2 * need);
                    float[] pos = vectors.get(pairs.get(i).positive());
                    for (; next[i] < end && chosen.get(i).size() < config.negativesPerAnchor(); next[i]++) {
                        String text = k.get(next[i]);
                        if (VectorMath.dot(vectors.get(text), pos) > config.maxPositiveSimilarity()) {
                            capped++;
                        } else {
                            chosen.get(i).add(text);
                        }
                    }
                    if (chosen.get(i).size() < config.negativesPerAnchor() && next[i] < k.size()) open = true;
                }
            }
        }
        List<TrainingExample> out = new ArrayList<>(pairs.size());
        int full = 0, few = 0, none = 0;
        for (int i = 0; i < pairs.size(); i++) {
            List<String> negatives = chosen.get(i);
            out.add(pairs.get(i).withNegatives(negatives));
            if (negatives.size() == config.negativesPerAnchor()) full++;
            else if (negatives.isEmpty()) none++;
            else few++;
        }
        return new Result(out, new Stats(pairs.size(), full, few, none, margin, capped, excluded, duplicates, vectors.size()));
    }

    /** Unit vector of a text (embedding it if needed). */
    public float[] vector(String text) {
        embedMissing(List.of(text));
        return vectors.get(text);
    }

    private void embedMissing(List<String> texts) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
        missing.removeIf(vectors::containsKey);
        if (missing.isEmpty()) return;
        float[][] rows = encoder.embed(missing);
        for (int i = 0; i < rows.length; i++) {
            float[] v = rows[i].clone();
            VectorMath.normalize(v);
            vectors.put(missing.get(i), v);
        }
    }
}
