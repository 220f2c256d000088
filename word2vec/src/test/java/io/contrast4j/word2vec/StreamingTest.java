package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus is streamed: a file 1.5 times the size of the heap trains in a 16 MB JVM. */
class StreamingTest {
    @TempDir Path dir;

    @Test
    void corpusLargerThanTheHeapTrains() throws Exception {
        byte[] text = Files.readAllBytes(TestCorpora.sotuTokenized(dir));
        Path big = dir.resolve("big.txt");
        long heap = 16L << 20;
        try (OutputStream out = Files.newOutputStream(big)) {
            while (Files.size(big) < heap * 3 / 2) out.write(text);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx16m", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), StreamingTrainMain.class.getName(), big.toString()))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(170, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("words "), output);
        long words = Long.parseLong(output.replaceAll("(?s).*words (\\d+).*", "$1"));
        assertTrue(Files.size(big) > heap * 3 / 2 && words > 3_000_000, output);
    }
}
