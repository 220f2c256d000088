package io.contrast4j.sentence.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.sentence.objective.DeclutrSpanSampler.DocumentSpans;
import io.contrast4j.sentence.objective.DeclutrSpanSampler.Span;
import io.contrast4j.sentence.objective.DeclutrSpanSampler.Strategy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statistical checks of the DeCLUTR sampler on real documents (State of the Union addresses). */
class DeclutrSpanSamplerTest {

    private static List<String> documents;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DeclutrSpanSamplerTest.class.getResourceAsStream("sotu-sample.txt")) {
            documents = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        assertEquals(8, documents.size());
    }

    /** Samples many times over all documents long enough; returns (anchor, positives, doc) triples. */
    private static List<DocumentSpans> sampleMany(DeclutrSpanSampler sampler, int rounds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<DocumentSpans> out = new ArrayList<>();
        List<String[]> tokenized = documents.stream().map(DeclutrSpanSampler::tokenize).toList();
        for (int r = 0; r < rounds; r++) {
            for (String[] doc : tokenized) {
                sampler.sample(doc, rng).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Kolmogorov-Smirnov distance between observed lengths and floor(Beta(a,b) * range + min). */
    private static double ksDistance(List<Integer> lengths, int a, int b, int min, int max) {
        int range = max - min;
        long[] counts = new long[range + 1];
        for (int len : lengths) {
            counts[len - min]++;
        }
        double d = 0;
        long cum = 0;
        for (int k = 0; k <= range; k++) {
            cum += counts[k];
            double empirical = (double) cum / lengths.size();
            // P(floor(B * range) <= k) = P(B < (k + 1) / range)
            double expected = BetaSampler.cdf((k + 1) / (double) range, a, b);
            d = Math.max(d, Math.abs(empirical - expected));
        }
        return d;
    }

    @Test
    void anchorLengthsFollowBeta42AndPositiveLengthsBeta24() {
        int min = 8;
        int max = 64;
        DeclutrSpanSampler sampler = new DeclutrSpanSampler(2, 2, min, max, Strategy.ANY);
        List<DocumentSpans> samples = sampleMany(sampler, 400, 7);
        List<Integer> anchorLens = new ArrayList<>();
        List<Integer> positiveLens = new ArrayList<>();
        for (DocumentSpans s : samples) {
            s.anchors().forEach(a -> anchorLens.add(a.length()));
            s.positives().forEach(ps -> ps.forEach(p -> positiveLens.add(p.length())));
        }
        assertEquals(400 * 8 * 2, anchorLens.size());
        assertEquals(400 * 8 * 2 * 2, positiveLens.size());
        assertTrue(anchorLens.stream().allMatch(l -> l >= min && l < max));
        assertTrue(positiveLens.stream().allMatch(l -> l >= min && l < max));
        // 1% critical value of the one-sample KS test is 1.63 / sqrt(n).
        double anchorKs = ksDistance(anchorLens, 4, 2, min, max);
        double positiveKs = ksDistance(positiveLens, 2, 4, min, max);
        assertTrue(anchorKs < 1.63 / Math.sqrt(anchorLens.size()), "anchor KS " + anchorKs);
        assertTrue(positiveKs < 1.63 / Math.sqrt(positiveLens.size()), "positive KS " + positiveKs);
        // And the swapped shapes are clearly rejected, so the test can fail.
        assertTrue(ksDistance(anchorLens, 2, 4, min, max) > 0.2);
        assertTrue(ksDistance(positiveLens, 4, 2, min, max) > 0.2);
        double anchorMean = anchorLens.stream().mapToInt(i -> i).average().orElseThrow();
        double positiveMean = positiveLens.stream().mapToInt(i -> i).average().orElseThrow();
        // E[floor(B * 56) + 8] ~ 8 + 56 * E[B] - 0.5: Beta(4,2) mean 2/3, Beta(2,4) mean 1/3.
        assertEquals(8 + 56 * 2.0 / 3 - 0.5, anchorMean, 0.6);
        assertEquals(8 + 56 / 3.0 - 0.5, positiveMean, 0.6);
    }

    @Test
    void positivesOverlapAreAdjacentOrAreSubsumedAndAnchorsAreDisjoint() {
        DeclutrSpanSampler sampler = new DeclutrSpanSampler(2, 3, 8, 64, Strategy.ANY);
        List<DocumentSpans> samples = sampleMany(sampler, 200, 11);
        int subsumed = 0, adjacent = 0, overlapping = 0, total = 0;
        for (DocumentSpans s : samples) {
            Span a0 = s.anchors().get(0);
            Span a1 = s.anchors().get(1);
            assertTrue(a0.end() <= a1.start() || a1.end() <= a0.start(), "anchors overlap: " + a0 + " " + a1);
            for (int i = 0; i < 2; i++) {
                Span anchor = s.anchors().get(i);
                assertEquals(3, s.positives().get(i).size());
                for (Span p : s.positives().get(i)) {
                    total++;
                    assertTrue(p.start() >= 0 && p.end() <= s.tokens().length);
                    assertTrue(p.start() <= anchor.end() && p.end() >= anchor.start(), "positive apart from anchor");
                    if (p.start() >= anchor.start() && p.end() <= anchor.end()) {
                        subsumed++;
                    } else if (p.end() == anchor.start() || p.start() == anchor.end()) {
                        adjacent++;
                    } else {
                        overlapping++;
                    }
                }
            }
        }
        // All three relations occur. Positive start is uniform over len + anchorLen + 1 places, of
        // which 2 are adjacent: ~2/(19+45) ~ 3%; subsumed ~ (45-19)/64 ~ 40%.
        double n = total;
        assertTrue(adjacent / n > 0.01 && adjacent / n < 0.08, "adjacent " + adjacent / n);
        assertTrue(subsumed / n > 0.25 && subsumed / n < 0.6, "subsumed " + subsumed / n);
        assertTrue(overlapping / n > 0.3, "overlapping " + overlapping / n);
    }

    @Test
    void spanTextsAreRunsOfTheDocument() {
        DeclutrSpanSampler sampler = new DeclutrSpanSampler(2, 2, 16, 128, Strategy.ANY);
        SplittableRandom rng = new SplittableRandom(3);
        for (String doc : documents) {
            Optional<DocumentSpans> s = sampler.sample(doc, rng);
            if (s.isEmpty()) continue;
            for (String t : s.get().anchorTexts()) assertTrue(doc.contains(t));
            for (String t : s.get().positiveTexts()) assertTrue(doc.contains(t));
            assertEquals(4, s.get().positiveTexts().size());
        }
    }

    @Test
    void restrictedStrategiesKeepTheirRelation() {
        DeclutrSpanSampler subsuming = new DeclutrSpanSampler(2, 2, 8, 64, Strategy.SUBSUMING);
        DeclutrSpanSampler adjacentOnly = new DeclutrSpanSampler(2, 2, 8, 64, Strategy.ADJACENT);
        for (DocumentSpans s : sampleMany(subsuming, 50, 5)) {
            for (int i = 0; i < 2; i++) {
                Span a = s.anchors().get(i);
                for (Span p : s.positives().get(i)) assertTrue(p.start() >= a.start() && p.end() <= a.end());
            }
        }
        for (DocumentSpans s : sampleMany(adjacentOnly, 50, 5)) {
            for (int i = 0; i < 2; i++) {
                Span a = s.anchors().get(i);
                for (Span p : s.positives().get(i)) assertTrue(p.end() == a.start() || p.start() == a.end());
            }
        }
    }

    @Test
    void documentsShorterThanTheMinimumAreSkipped() {
        // A * max * 2 = 2 * 1024 * 2 = 4096 tokens.
        DeclutrSpanSampler sampler = new DeclutrSpanSampler(2, 2, 32, 1024, Strategy.ANY);
        SplittableRandom rng = new SplittableRandom(1);
        long expectedSkipped = documents.stream().filter(d -> DeclutrSpanSampler.tokenize(d).length < 4096).count();
        long skipped = documents.stream().filter(d -> sampler.sample(d, rng).isEmpty()).count();
        assertEquals(4, expectedSkipped, Arrays.toString(documents.stream().mapToInt(d -> DeclutrSpanSampler.tokenize(d).length).toArray()));
        assertEquals(expectedSkipped, skipped);
        assertEquals(4096, sampler.minimumDocumentTokens());
    }
}
