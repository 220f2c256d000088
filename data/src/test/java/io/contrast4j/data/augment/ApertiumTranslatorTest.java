package io.contrast4j.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Apertium (Debian apertium + apertium-eng-spa): translation, alignment, cache, timeouts. */
class ApertiumTranslatorTest {

    private static final List<String> SENTENCES = List.of(
            "The cat sat on the mat.",
            "I love eating fresh bread every morning.",
            "",
            "The government announced new taxes\ton imported cars.",
            "Zorblax flibbered the quantum snargle yesterday.",
            "She did not want to go to the party, but her friends insisted.",
            "This film is a charming and often affecting journey.",
            "What time does the train leave?");

    @BeforeAll
    static void needsApertium() {
        List<String> modes = ApertiumTranslator.installedModes();
        assumeTrue(modes.contains("eng-spa") && modes.contains("spa-eng"),
                "Apertium with eng-spa and spa-eng is not installed (Debian packages apertium, apertium-eng-spa): "
                        + "skipping the real Apertium tests");
    }

    @Test
    void batchesAreEvenOverTheWorkersAndAsFewAsTheCapAllows() {
        assertEquals(2000, ApertiumTranslator.balancedBatchSize(2000, 1, 10_000)); // one run, one start-up
        assertEquals(1000, ApertiumTranslator.balancedBatchSize(2000, 2, 10_000)); // one batch per worker
        assertEquals(6250, ApertiumTranslator.balancedBatchSize(25_000, 2, 10_000)); // 4 equal batches, not 10k+10k+5k
        assertEquals(2, ApertiumTranslator.balancedBatchSize(5, 3, 10_000));
        assertEquals(3, ApertiumTranslator.balancedBatchSize(8, 1, 3));
        assertEquals(1, ApertiumTranslator.balancedBatchSize(0, 2, 10));
    }

    @Test
    void translatesEnglishToSpanishOneLinePerSentence() {
        try (ApertiumTranslator t = new ApertiumTranslator(List.of("eng-spa"), 2, 3, Duration.ofMillis(200))) {
            List<Translation> out = t.translate(SENTENCES);
            assertEquals(SENTENCES.size(), out.size());
            for (int i = 0; i < out.size(); i++) {
                assertEquals(SENTENCES.get(i), out.get(i).source(), "input order kept");
                assertTrue(out.get(i).succeeded(), out.get(i).error());
            }
            assertTrue(out.get(0).target().toLowerCase().contains("gato"), out.get(0).target());
            assertTrue(out.get(1).target().toLowerCase().contains("pan"), out.get(1).target());
            assertEquals("", out.get(2).target());
            // Unknown words pass through without Apertium's '*' marks.
            assertTrue(out.get(4).target().contains("Zorblax"), out.get(4).target());
            for (Translation x : out) {
                assertFalse(x.target().matches(".*(^|\\s)[*#@]\\S.*"), x.target());
                assertFalse(x.target().contains("  "), x.target());
            }
        }
    }

    @Test
    void backTranslatesThroughSpanishAndTheCacheAnswersReruns(@TempDir Path cacheDir) {
        List<String> sentences = new ArrayList<>(SENTENCES);
        sentences.add("The cat sat on the mat."); // a duplicate is translated once
        List<Translation> first;
        try (CachingTranslator t = new CachingTranslator(BackTranslator.apertium(2, 4),
                new TranslationCache(cacheDir, "backtranslate:apertium:eng-spa>spa-eng"), 100)) {
            AtomicInteger progress = new AtomicInteger();
            first = t.translate(sentences, progress::addAndGet);
            assertEquals(sentences.size(), progress.get());
            assertEquals(0, t.hits());
            assertEquals(sentences.size() - 1, t.misses());
        }
        assertEquals(sentences.size(), first.size());
        for (Translation x : first) assertTrue(x.succeeded(), x.error());
        // English again, and reworded: "sat on the mat" comes back as something else.
        assertTrue(first.get(0).target().toLowerCase().contains("cat"), first.get(0).target());
        assertNotEquals(first.get(0).source(), first.get(0).target());
        assertEquals(first.get(0).target(), first.get(first.size() - 1).target());
        try (CachingTranslator again = new CachingTranslator(BackTranslator.apertium(2, 4),
                new TranslationCache(cacheDir, "backtranslate:apertium:eng-spa>spa-eng"), 100)) {
            List<Translation> second = again.translate(sentences);
            assertEquals(sentences.size(), again.hits());
            assertEquals(0, again.misses());
            for (int i = 0; i < sentences.size(); i++) assertEquals(first.get(i).target(), second.get(i).target());
        }
        // Another pair never answers from this cache.
        TranslationCache other = new TranslationCache(cacheDir, "apertium:eng-spa");
        assertTrue(other.get(sentences.get(0)).isEmpty());
    }

    @Test
    void aTimeoutFailsEverySentenceOfTheBatchWithItsReasonAndDoesNotHang() {
        try (ApertiumTranslator t = new ApertiumTranslator("apertium", List.of("eng-spa", "spa-eng"), 1, 8,
                Duration.ZERO, Duration.ZERO)) {
            List<String> four = SENTENCES.subList(0, 4);
            List<Translation> out = t.translate(four);
            assertEquals(4, out.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(four.get(i), out.get(i).source());
                assertFalse(out.get(i).succeeded());
                assertNull(out.get(i).target());
                assertTrue(out.get(i).error().contains("timed out"), out.get(i).error());
            }
        }
    }

    @Test
    void cacheIgnoresALineCutShortByACrash(@TempDir Path dir) throws IOException {
        try (TranslationCache cache = new TranslationCache(dir, "x")) {
            cache.putAll(List.of(Translation.ok("a", "b"), Translation.failed("c", "boom")));
        }
        Files.writeString(dir.resolve("x.tsv"), "0123abc", java.nio.file.StandardOpenOption.APPEND);
        TranslationCache reread = new TranslationCache(dir, "x");
        assertEquals(1, reread.size());
        assertEquals("b", reread.get("a").orElseThrow());
        assertTrue(reread.get("c").isEmpty(), "failures are not cached");
    }

    @Test
    void cleansApertiumMarksAndBlanks() {
        assertEquals("the house of Peter", ApertiumTranslator.clean("the  #house of   *Peter "));
        assertEquals("a b", ApertiumTranslator.toLine(" a\n\tb "));
    }
}
