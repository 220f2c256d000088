package io.contrast4j.cli.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.Contrast4j;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrast4j word2vec tokenize|train|neighbors} end to end on public-domain text. */
class Word2VecCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    private record Run(int code, String out, String err) {}

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Contrast4j.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path raw() throws Exception {
        Path raw = dir.resolve("sotu.txt");
        try (InputStream in = getClass().getResourceAsStream("/word2vec/sotu-head.txt")) {
            Files.write(raw, in.readAllBytes());
        }
        return raw;
    }

    @Test
    void tokenizeTrainAndQuery() throws Exception {
        Path tok = dir.resolve("sotu.tok.txt");
        Run t = run("word2vec", "tokenize", "--in", raw().toString(), "--out", tok.toString());
        assertEquals(0, t.code(), t.err());
        JsonNode counts = JSON.readTree(t.out());
        assertEquals(5, counts.get("lines").asInt());
        List<String> lines = Files.readAllLines(tok);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("fellow citizens of the senate and house of representatives in meeting"),
                lines.get(0));

        Path vectors = dir.resolve("model/sotu.vec");
        Run tr = run("word2vec", "train", "--corpus", tok.toString(), "--out", vectors.toString(), "--dim", "16",
                "--min-count", "2", "--epochs", "2", "--threads", "1", "--format", "text", "--quiet");
        assertEquals(0, tr.code(), tr.err());
        JsonNode summary = JSON.readTree(tr.out());
        int vocab = summary.get("vocabulary").asInt();
        assertTrue(vocab > 500, tr.out());
        assertEquals(vocab + " 16", Files.readAllLines(vectors).get(0));
        assertEquals(vocab, Files.readAllLines(dir.resolve("model/sotu.vec.vocab.txt")).size());
        JsonNode prov = JSON.readTree(dir.resolve("model/provenance.json").toFile());
        assertEquals(16, prov.get("config").get("dim").asInt());
        assertEquals("word2vec train", prov.get("command").asText());
        assertEquals(64, prov.get("inputs").get(0).get("sha256").asText().length());

        Run nb = run("word2vec", "neighbors", "--vectors", vectors.toString(), "-k", "3", "Congress");
        assertEquals(0, nb.code(), nb.err());
        JsonNode first = JSON.readTree(nb.out().lines().findFirst().orElseThrow());
        assertEquals("congress", first.get("word").asText());
        assertEquals(3, first.get("neighbors").size());
        assertTrue(first.get("neighbors").get(0).get("cosine").asDouble()
                >= first.get("neighbors").get(2).get("cosine").asDouble());
        Run an = run("word2vec", "neighbors", "--vectors", vectors.toString(), "-k", "2", "--analogy", "senate", "house",
                "war");
        assertEquals(0, an.code(), an.err());
        JsonNode answer = JSON.readTree(an.out());
        assertEquals(2, answer.get("neighbors").size());
        for (JsonNode n : answer.get("neighbors")) {
            assertTrue(!List.of("senate", "house", "war").contains(n.get("word").asText()), an.out());
        }
        Run odd = run("word2vec", "neighbors", "--vectors", vectors.toString(), "--analogy", "a", "b");
        assertEquals(2, odd.code());
    }

    @Test
    void userErrorsExitWithTwoAndOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path out = dir.resolve("v.bin");
        Run missing = run("word2vec", "train", "--corpus", dir.resolve("nope.txt").toString(), "--out", out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.txt") && !missing.err().contains("\tat "), missing.err());
        Run emptyRun = run("word2vec", "train", "--corpus", empty.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, emptyRun.code());
        assertTrue(emptyRun.err().contains("empty"), emptyRun.err());
        Run dim = run("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--dim", "0");
        assertEquals(2, dim.code());
        assertTrue(dim.err().contains("--dim"), dim.err());
        Run model = run("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--model", "glove");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model"), model.err());
        Run minCount = run("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--min-count",
                "100000", "--quiet");
        assertEquals(2, minCount.code());
        assertTrue(minCount.err().contains("--min-count"), minCount.err());
        Run help = run("word2vec", "train", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("shared-negatives"), help.out());
    }
}
