package io.contrast4j.sentence.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.text.SentenceSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CONPONO sampler on real documents (State of the Union addresses split by OpenNLP). */
class ConponoSamplerTest {

    private static List<String> texts;
    private static List<List<String>> split;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ConponoSamplerTest.class.getResourceAsStream("sotu-sample.txt")) {
            texts = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        split = texts.stream().map(SentenceSplitter.english()::split).toList();
        assertEquals(8, split.size());
        for (List<String> d : split) assertTrue(d.size() > 30, "a SOTU address has many sentences, got " + d.size());
    }

    @Test
    void targetsAreTheSentencesKPositionsAwayAndNegativesAreWhereTheyShouldBe() {
        ConponoSampler sampler = ConponoSampler.fromTexts(texts, SentenceSplitter.english(), 2, 3, 4);
        assertArrayEquals(new int[] {-2, -1, 1, 2}, sampler.offsets());
        assertEquals(8, sampler.usableDocuments());
        assertEquals(0, sampler.skippedDocuments());
        SplittableRandom rng = new SplittableRandom(7);
        Set<Integer> anchorsSeen = new HashSet<>();
        for (int round = 0; round < 200; round++) {
            int d = round % 8;
            List<String> doc = split.get(d);
            ConponoSampler.Example e = sampler.sample(d, rng);
            assertTrue(e.anchor() >= 2 && e.anchor() <= doc.size() - 3, "anchor " + e.anchor() + " lacks context");
            assertEquals(doc.get(e.anchor()), sampler.anchorText(e));
            List<String> targets = sampler.targetTexts(e);
            int[] k = sampler.offsets();
            for (int j = 0; j < k.length; j++) {
                assertEquals(e.anchor() + k[j], e.targets()[j]);
                assertEquals(doc.get(e.anchor() + k[j]), targets.get(j), "target at k=" + k[j]);
            }
            Set<Integer> hard = new HashSet<>();
            for (int h : e.hardNegatives()) {
                assertTrue(Math.abs(h - e.anchor()) > 2, "hard negative " + h + " inside the window of " + e.anchor());
                assertTrue(hard.add(h), "hard negatives repeat");
            }
            assertEquals(3, hard.size());
            for (int r = 0; r < 4; r++) {
                assertNotEquals(d, e.randomDocuments()[r], "a random negative from the anchor's own document");
            }
            List<String> negatives = sampler.negativeTexts(e);
            assertEquals(7, negatives.size());
            assertEquals(doc.get(e.hardNegatives()[0]), negatives.get(0));
            assertEquals(split.get(e.randomDocuments()[0]).get(e.randomSentences()[0]), negatives.get(3));
            anchorsSeen.add(d * 10_000 + e.anchor());
        }
        assertTrue(anchorsSeen.size() > 150, "anchors should vary, saw " + anchorsSeen.size() + " distinct of 200");
    }

    @Test
    void tooShortDocumentsAreSkippedAndCounted() {
        // Real openings of the addresses, cut to 2K+H (too short) and 2K+1+H (just enough) sentences.
        int k = 2, hard = 2;
        int need = 2 * k + 1 + hard;
        List<List<String>> docs = new ArrayList<>(split);
        for (int i = 0; i < 3; i++) docs.add(split.get(i).subList(0, need - 1));
        docs.add(split.get(3).subList(0, 1));
        docs.add(split.get(4).subList(0, need));
        ConponoSampler sampler = new ConponoSampler(docs, k, hard, 1);
        assertEquals(need, sampler.minimumSentences());
        assertEquals(4, sampler.skippedDocuments());
        assertEquals(9, sampler.usableDocuments());
        // The just-long-enough document: the hard negatives are exactly the sentences outside the window.
        for (int seed = 0; seed < 20; seed++) {
            ConponoSampler.Example e = sampler.sample(8, new SplittableRandom(seed));
            assertTrue(e.anchor() >= 2 && e.anchor() <= need - 3, "anchor " + e.anchor());
            int[] outside = java.util.stream.IntStream.range(0, need).filter(i -> Math.abs(i - e.anchor()) > k).toArray();
            assertArrayEquals(outside, java.util.stream.IntStream.of(e.hardNegatives()).sorted().toArray());
        }
        assertThrows(IllegalArgumentException.class, () -> new ConponoSampler(docs.subList(8, 12), k, hard, 1));
    }
}
