package io.contrast4j.cli.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrast4j word2vec tokenize|train|neighbors} end to end on public-domain text. */
class Word2VecCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

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
        CliRun t = CliRun.of("word2vec", "tokenize", "--in", raw().toString(), "--out", tok.toString());
        assertEquals(0, t.exit(), t.err());
        JsonNode counts = JSON.readTree(t.out());
        assertEquals(5, counts.get("lines").asInt());
        List<String> lines = Files.readAllLines(tok);
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).startsWith("fellow citizens of the senate and house of representatives in meeting"),
                lines.get(0));

        Path vectors = dir.resolve("model/sotu.vec");
        CliRun tr = CliRun.of("word2vec", "train", "--corpus", tok.toString(), "--out", vectors.toString(), "--dim", "16",
                "--min-count", "2", "--epochs", "2", "--threads", "1", "--format", "text", "--quiet");
        assertEquals(0, tr.exit(), tr.err());
        JsonNode summary = JSON.readTree(tr.out());
        int vocab = summary.get("vocabulary").asInt();
        assertTrue(vocab > 500, tr.out());
        assertEquals(vocab + " 16", Files.readAllLines(vectors).get(0));
        assertEquals(vocab, Files.readAllLines(dir.resolve("model/sotu.vec.vocab.txt")).size());
        JsonNode prov = JSON.readTree(dir.resolve("model/provenance.json").toFile());
        assertEquals(16, prov.get("config").get("dim").asInt());
        assertEquals("word2vec train", prov.get("command").asText());
        assertEquals(64, prov.get("inputs").get(0).get("sha256").asText().length());

        CliRun nb = CliRun.of("word2vec", "neighbors", "--vectors", vectors.toString(), "-k", "3", "Congress");
        assertEquals(0, nb.exit(), nb.err());
        JsonNode first = JSON.readTree(nb.out().lines().findFirst().orElseThrow());
        assertEquals("congress", first.get("word").asText());
        assertEquals(3, first.get("neighbors").size());
        assertTrue(first.get("neighbors").get(0).get("cosine").asDouble()
                >= first.get("neighbors").get(2).get("cosine").asDouble());
        CliRun an = CliRun.of("word2vec", "neighbors", "--vectors", vectors.toString(), "-k", "2", "--analogy", "senate", "house",
                "war");
        assertEquals(0, an.exit(), an.err());
        JsonNode answer = JSON.readTree(an.out());
        assertEquals(2, answer.get("neighbors").size());
        for (JsonNode n : answer.get("neighbors")) {
            assertTrue(!List.of("senate", "house", "war").contains(n.get("word").asText()), an.out());
        }
        CliRun odd = CliRun.of("word2vec", "neighbors", "--vectors", vectors.toString(), "--analogy", "a", "b");
        assertEquals(2, odd.exit());
    }

    @Test
    void sifEmbeddingsOfTrainedVectorsScoreSts() throws Exception {
        Path tok = dir.resolve("sotu.tok.txt");
        assertEquals(0, CliRun.of("word2vec", "tokenize", "--in", raw().toString(), "--out", tok.toString()).exit());
        Path vectors = dir.resolve("model/sotu.vec");
        CliRun tr = CliRun.of("word2vec", "train", "--corpus", tok.toString(), "--out", vectors.toString(), "--dim", "16",
                "--min-count", "2", "--epochs", "1", "--threads", "1", "--quiet");
        assertEquals(0, tr.exit(), tr.err());
        // A small STS-B-format file of the corpus' own sentences: every pair is scorable.
        Path stsb = Files.createDirectories(dir.resolve("data/senteval/STS/STSBenchmark"));
        List<String> lines = Files.readAllLines(tok);
        StringBuilder sts = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            String a = String.join(" ", List.of(lines.get(i % 5).split(" ")).subList(0, 12));
            String b = String.join(" ", List.of(lines.get((i + 1) % 5).split(" ")).subList(i, i + 12));
            sts.append("main-captions\tMSRvid\t2012test\t").append(i).append("\t").append(i % 5).append(".000\t")
                    .append(a).append("\t").append(b).append("\n");
        }
        Files.writeString(stsb.resolve("sts-test.csv"), sts);
        Path report = dir.resolve("sif.json");
        CliRun sif = CliRun.of("eval", "sts", "--vectors", vectors.toString(), "--sif", "--data-dir", dir.resolve("data").toString(),
                "--tasks", "STSBenchmark", "--no-progress", "--out", report.toString());
        assertEquals(0, sif.exit(), sif.err());
        JsonNode json = JSON.readTree(report.toFile());
        assertEquals("sif(sotu.vec)", json.get("model").asText());
        assertEquals(8, json.get("tasks").get("STSBenchmark").get("n").asInt());
        assertTrue(json.get("provenance").get("config").get("word_counts").asText().endsWith("sotu.vec.vocab.txt"));

        Files.delete(dir.resolve("model/sotu.vec.vocab.txt"));
        CliRun noCounts = CliRun.of("eval", "sts", "--vectors", vectors.toString(), "--sif", "--data-dir",
                dir.resolve("data").toString(), "--tasks", "STSBenchmark");
        assertEquals(2, noCounts.exit(), noCounts.err());
        assertTrue(noCounts.err().contains("sotu.vec.vocab.txt") && noCounts.err().contains("--word-counts"), noCounts.err());
        CliRun model = CliRun.of("eval", "sts", "--model", "minilm", "--sif", "--data-dir", dir.resolve("data").toString());
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("--sif needs --vectors"), model.err());
    }

    @Test
    void userErrorsExitWithTwoAndOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        Path out = dir.resolve("v.bin");
        CliRun missing = CliRun.of("word2vec", "train", "--corpus", dir.resolve("nope.txt").toString(), "--out", out.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nope.txt") && !missing.err().contains("\tat "), missing.err());
        CliRun emptyRun = CliRun.of("word2vec", "train", "--corpus", empty.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, emptyRun.exit());
        assertTrue(emptyRun.err().contains("empty"), emptyRun.err());
        CliRun dim = CliRun.of("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--dim", "0");
        assertEquals(2, dim.exit());
        assertTrue(dim.err().contains("--dim"), dim.err());
        CliRun model = CliRun.of("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--model", "glove");
        assertEquals(2, model.exit());
        assertTrue(model.err().contains("--model"), model.err());
        CliRun minCount = CliRun.of("word2vec", "train", "--corpus", raw().toString(), "--out", out.toString(), "--min-count",
                "100000", "--quiet");
        assertEquals(2, minCount.exit());
        assertTrue(minCount.err().contains("--min-count"), minCount.err());
        CliRun help = CliRun.of("word2vec", "train", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("shared-negatives"), help.out());
    }
}
