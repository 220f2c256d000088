package io.contrast4j.sentence.negatives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mining on a small real set encoded with the real all-MiniLM-L6-v2: every mined negative is checked
 * against an independent ranking in doubles (rank range, margin, similarity cap, exclusions). (The
 * Lucene index source lives in cli: see IndexCandidatesTest.)
 */
class HardNegativeMinerTest {

    static final List<TrainingExample> PAIRS = List.of(
            TrainingExample.pair("A man is playing a guitar on stage.", "A musician performs with his guitar in front of a crowd."),
            TrainingExample.pair("The stock market fell sharply on Monday.", "Share prices dropped steeply at the start of the week."),
            TrainingExample.pair("A child is riding a bicycle in the park.", "A young kid cycles through the park."),
            TrainingExample.pair("The company reported record profits this quarter.", "Quarterly earnings at the firm reached an all-time high."),
            TrainingExample.pair("Heavy rain caused flooding in the city.", "The town was flooded after a storm brought lots of rain."),
            TrainingExample.pair("The chef is cutting vegetables in the kitchen.", "A cook chops carrots and onions."),
            TrainingExample.pair("Scientists discovered a new species of frog.", "Researchers found a previously unknown frog species."),
            TrainingExample.pair("The team won the championship after a long season.", "After months of games the club took the title."),
            TrainingExample.pair("A woman is reading a book on the train.", "On her commute a lady reads a novel."),
            TrainingExample.pair("The president gave a speech about the economy.", "The head of state talked about economic policy."),
            // The same anchor with a second positive: neither positive may become its negative.
            TrainingExample.pair("A man is playing a guitar on stage.", "A guitarist plays a concert."));

    static final List<String> DISTRACTORS = List.of(
            "A woman plays the violin in an orchestra.", "A man is playing the piano at a bar.",
            "Bond yields rose as investors sold stocks.", "The bank raised interest rates again.",
            "Two boys are skateboarding down the street.", "A girl rides her horse across a field.",
            "The storm knocked out power to thousands of homes.", "Snow closed the mountain roads.",
            "A baker is kneading dough for bread.", "Tourists took photos of the old cathedral.",
            "The senator criticized the new tax plan.", "Fans cheered as the players entered the stadium.");

    static SentenceEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new SentenceEncoder(Models.load("minilm", Device.cpu()), 32);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    static List<String> pool() {
        List<String> pool = new ArrayList<>();
        for (TrainingExample p : PAIRS) pool.add(p.positive());
        pool.addAll(DISTRACTORS);
        pool.add(PAIRS.get(1).anchor()); // the anchor itself among the candidates: never its own negative
        return new ArrayList<>(new LinkedHashSet<>(pool));
    }

    static double cos(float[] a, float[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * (double) b[i];
            na += a[i] * (double) a[i];
            nb += b[i] * (double) b[i];
        }
        return d / Math.sqrt(na * nb);
    }

    /** The expected negatives, from scratch: rank the pool by cosine, exclude, filter, take the first n. */
    static List<String> reference(TrainingExample p, List<String> pool, Map<String, float[]> v, MiningConfig c, int[] rankOf) {
        Set<String> skip = new HashSet<>();
        skip.add(p.anchor());
        for (TrainingExample q : PAIRS) if (q.anchor().equals(p.anchor())) skip.add(q.positive());
        List<String> ranked = pool.stream().filter(t -> !skip.contains(t))
                .sorted(Comparator.comparingDouble(t -> -cos(v.get(p.anchor()), v.get(t)))).toList();
        double positive = cos(v.get(p.anchor()), v.get(p.positive()));
        List<String> out = new ArrayList<>();
        for (int r = c.rankMin(); r <= Math.min(c.rankMax(), ranked.size()) && out.size() < c.negativesPerAnchor(); r++) {
            String t = ranked.get(r - 1);
            double s = cos(v.get(p.anchor()), v.get(t));
            if (!Double.isNaN(c.absoluteMargin()) && s > positive - c.absoluteMargin()) continue;
            if (!Double.isNaN(c.relativeMargin()) && s > positive * (1 - c.relativeMargin())) continue;
            if (!Double.isNaN(c.maxPositiveSimilarity()) && cos(v.get(t), v.get(p.positive())) > c.maxPositiveSimilarity()) continue;
            out.add(t);
        }
        if (rankOf != null) rankOf[0] = ranked.indexOf(out.isEmpty() ? null : out.get(0)) + 1;
        return out;
    }

    static Map<String, float[]> vectors(List<String> texts) {
        Map<String, float[]> v = new java.util.HashMap<>();
        float[][] rows = encoder.embed(texts);
        for (int i = 0; i < rows.length; i++) v.put(texts.get(i), rows[i]);
        return v;
    }

    @Test
    void respectsRankRangeMarginAndSimilarityCap(@TempDir Path dir) {
        List<String> pool = pool();
        List<String> all = new ArrayList<>(pool);
        for (TrainingExample p : PAIRS) all.add(p.anchor());
        Map<String, float[]> v = vectors(new ArrayList<>(new LinkedHashSet<>(all)));
        List<MiningConfig> configs = List.of(
                new MiningConfig(2, 2, 8, Double.NaN, Double.NaN, Double.NaN),
                new MiningConfig(2, 1, 10, 0.35, Double.NaN, Double.NaN),
                new MiningConfig(3, 1, 12, Double.NaN, 0.45, 0.35),
                new MiningConfig(1, 3, 3, Double.NaN, Double.NaN, Double.NaN));
        long droppedMargin = 0, droppedCap = 0;
        for (MiningConfig c : configs) {
            HardNegativeMiner miner = new HardNegativeMiner(encoder, c);
            HardNegativeMiner.Result r = miner.mine(PAIRS, miner.exactPool(pool));
            droppedMargin += r.stats().droppedByMargin();
            droppedCap += r.stats().droppedBySimilarityCap();
            int full = 0;
            for (int i = 0; i < PAIRS.size(); i++) {
                TrainingExample p = PAIRS.get(i);
                List<String> got = r.examples().get(i).negatives();
                assertEquals(reference(p, pool, v, c, null), got, "pair " + i + " with " + c);
                assertTrue(got.size() <= c.negativesPerAnchor());
                assertEquals(got.size(), new HashSet<>(got).size(), "no duplicates");
                assertFalse(got.contains(p.anchor()) || got.contains(p.positive()), "never the anchor or the positive");
                if (p.anchor().equals(PAIRS.get(0).anchor())) {
                    assertFalse(got.contains(PAIRS.get(0).positive()) || got.contains(PAIRS.get(10).positive()),
                            "never another positive of the same anchor");
                }
                double positive = cos(v.get(p.anchor()), v.get(p.positive()));
                for (String n : got) {
                    double s = cos(v.get(p.anchor()), v.get(n));
                    if (!Double.isNaN(c.absoluteMargin())) assertTrue(s <= positive - c.absoluteMargin() + 1e-5);
                    if (!Double.isNaN(c.relativeMargin())) assertTrue(s <= positive * (1 - c.relativeMargin()) + 1e-5);
                    if (!Double.isNaN(c.maxPositiveSimilarity())) assertTrue(cos(v.get(n), v.get(p.positive())) <= c.maxPositiveSimilarity() + 1e-5);
                }
                if (got.size() == c.negativesPerAnchor()) full++;
            }
            assertEquals(full, r.stats().full());
            if (c == configs.get(0)) assertEquals(PAIRS.size(), full, "without margins every pair finds its negatives");
            assertEquals(PAIRS.size(), r.stats().full() + r.stats().shortOfNegatives() + r.stats().none());
        }
        // The set is built so that the filters bite: rank 1 is skipped, margins and the cap drop candidates.
        assertTrue(droppedMargin > 0, "some candidates fell within the margin");
        assertTrue(droppedCap > 0, "some candidates were too similar to the positive");
        MiningConfig skipFirst = configs.get(0);
        for (TrainingExample p : PAIRS) {
            int[] rank = new int[1];
            reference(p, pool, v, skipFirst, rank);
            assertTrue(rank[0] >= 2, "rank 1 is never mined with rank-min 2");
        }
    }
}
