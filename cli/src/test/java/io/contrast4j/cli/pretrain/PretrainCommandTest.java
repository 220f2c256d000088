package io.contrast4j.cli.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.Models;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrain command end to end on a toy-size BERT trained from scratch, on real text. */
class PretrainCommandTest {
    @TempDir static Path dir;
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = dir.resolve("sotu-3.txt");
        try (InputStream in = PretrainCommandTest.class.getResourceAsStream("sotu-3.txt")) {
            Files.copy(in, corpus);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void declutrRunInterruptedAndResumedWritesALoadableModelFolder() throws IOException {
        Path out = dir.resolve("declutr");
        String[] args = {"pretrain", "--objective", "declutr", "--model", "scratch:1x64", "--corpus", corpus.toString(),
            "--out", out.toString(), "--steps", "4", "--batch-size", "4", "--max-span", "32", "--min-span", "8",
            "--holdout-every", "0", "--positive-strategy", "adjacent", "--dev", "none", "--checkpoint-every", "2", "--quiet"};
        String[] interrupted = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--stop-after", "2")).toArray(String[]::new);
        CliRun first = run(interrupted);
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("3 documents of 128+ words"), first.err());
        CliRun again = run(args);
        assertEquals(2, again.exit(), "a used --out without --resume is refused");
        assertTrue(again.err().contains("--resume"), again.err());
        String[] resumed = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--resume"))
                .toArray(String[]::new);
        CliRun second = run(resumed);
        assertEquals(0, second.exit(), second.err());
        JsonNode summary = new ObjectMapper().readTree(second.out());
        assertEquals(4, summary.get("steps").asInt());
        assertEquals(2, summary.get("resumed_from").asInt());
        assertEquals("ADJACENT", summary.get("data").get("strategy").asText());
        assertEquals(5, Files.readAllLines(out.resolve("loss.csv")).size());
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "modules.json", "provenance.json",
                "train.log", "loss.png")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        JsonNode provenance = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals("pretrain", provenance.get("command").asText());
        try (SentenceEncoder encoder = new SentenceEncoder(Models.load(out))) {
            float[][] v = encoder.embed(List.of("The state of the union is strong.", "Taxes"));
            assertEquals(64, v[0].length);
        }
    }

    @Test
    void simcseRunsOnSentences() throws IOException {
        Path sentences = dir.resolve("sentences.txt");
        String text = Files.readString(corpus);
        Files.write(sentences, List.of(text.split("(?<=[.!?])\\s+")));
        Path out = dir.resolve("simcse");
        CliRun r = run("pretrain", "--objective", "simcse", "--model", "scratch:1x64", "--corpus", sentences.toString(),
                "--out", out.toString(), "--steps", "3", "--batch-size", "8", "--dev", "none", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals("simcse", summary.get("objective").asText());
        assertTrue(summary.get("data").get("sentences").asInt() > 150, summary.toString());
        assertTrue(Double.isFinite(summary.get("last_loss").asDouble()));
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        CliRun r = run("pretrain", "--objective", "mlm", "--corpus", corpus.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--objective must be simcse, declutr, conpono, pairs, cert or infoxlm"), r.err());
        r = run("pretrain", "--objective", "simcse", "--corpus", dir.resolve("missing.txt").toString(), "--out",
                dir.resolve("y").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--corpus"), r.err());
        r = run("pretrain", "--objective", "declutr", "--model", "scratch:1x64", "--corpus", corpus.toString(), "--out",
                dir.resolve("z").toString(), "--max-span", "5000", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("lower --max-span"), r.err());
        r = run("pretrain", "--objective", "declutr", "--model", "scratch:1x64", "--corpus", corpus.toString(), "--out",
                dir.resolve("w").toString(), "--positive-strategy", "nearby", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--positive-strategy must be any, adjacent or subsuming, got 'nearby'"), r.err());
        // The library names fields (batchSize, temperature); the command translates them to its flags.
        r = run("pretrain", "--objective", "declutr", "--model", "scratch:1x64", "--corpus", corpus.toString(), "--out",
                dir.resolve("v").toString(), "--anchors", "3", "--batch-size", "4", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--batch-size 4 must be a multiple of anchors 3"), r.err());
        r = run("pretrain", "--objective", "conpono", "--model", "scratch:1x64", "--corpus", corpus.toString(), "--out",
                dir.resolve("u").toString(), "--conpono-temperature", "-1", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--conpono-temperature must be >= 0"), r.err());
        r = run("pretrain", "--objective", "simcse", "--corpus", corpus.toString(), "--out", dir.resolve("t").toString(),
                "--batch-size", "1", "--quiet");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--batch-size must be >= 2"), r.err());
    }
}
