package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Encoding thousands of lines must not grow native memory: every batch's arrays live in an
 * NDManager scope closed after the batch. Measured as the process RSS (Linux /proc) after a warm-up
 * against RSS after 3,000 more lines (1-5 words each, 94 batches of 32). A leak of one batch's
 * activations (a few MB) per batch would add gigabytes; the bound (150 MB) leaves room for
 * allocator noise and JVM heap growth.
 */
class NativeMemoryTest {

    static final String[] WORDS = ("the a man woman child dog cat plays reads walks runs guitar book park street "
            + "quickly slowly today yesterday in on under with green red big small music river city").split(" ");

    static List<String> lines(int n, long seed) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = 1 + rnd.nextInt(5); // short lines: the leak check needs many batches, not many FLOPs
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < len; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }

    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void thousandsOfLinesDoNotGrowNativeMemory() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")),
                "needs Linux /proc to read the resident set size");
        SentenceEncoder enc = new SentenceEncoder(TestModels.minilm(), 32);
        enc.embed(lines(300, 1)); // warm-up: allocator pools, JIT, thread pools
        System.gc();
        long before = rssBytes();
        long start = System.nanoTime();
        List<String> corpus = lines(3_000, 2);
        for (int from = 0; from < corpus.size(); from += 1000) {
            enc.embed(corpus.subList(from, from + 1000));
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.gc();
        long after = rssBytes();
        System.out.printf("RSS before %d MB, after 3,000 lines %d MB (%.1f s, %.0f lines/s)%n",
                before >> 20, after >> 20, secs, 3_000 / secs);
        assertTrue(after - before < 150L << 20, "RSS grew by " + ((after - before) >> 20) + " MB");
    }
}
