package io.contrast4j.cli.eval;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.data.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

    private static Path datasets() {
        var root = DataDirectory.fromEnvironment();
        assumeTrue(root.isPresent(), "set " + DataDirectory.ENV + " to the datasets folder (e.g. ../shared/datasets) to run this test");
        return root.get();
    }

    /** Hand-made vectors in word2vec text format: gender (x, y) and royalty (z) axes. */
    private static Path vectors(Path dir) throws Exception {
        Path f = dir.resolve("toy.vec");
        Files.writeString(f, """
                6 3
                the 0.1 0.1 0.1
                man 1 0 0
                woman 0 1 0
                king 0.7071 0 0.7071
                queen 0 0.7071 0.7071
                apple 0 0 -1
                """);
        return f;
    }

    @Test
    void unknownTaskIsRejectedWithTheValidNames() {
        CliRun r = CliRun.of("eval", "sts", "--model", "minilm", "--data-dir", datasets().toString(), "--tasks", "STSBenchmark,STS99");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("unknown task 'STS99'"), r.err());
        assertTrue(r.err().contains("STS12, STS13, STS14, STS15, STS16, STSBenchmark"), r.err());
        CliRun s = CliRun.of("eval", "senteval", "--model", "minilm", "--data-dir", datasets().toString(), "--tasks", "SST3");
        assertEquals(2, s.exit());
        assertTrue(s.err().contains("MR, CR, SUBJ, MPQA, SST2, SST5, TREC, MRPC, SICKEntailment"), s.err());
        assertFalse(s.err().contains("\tat "), "no stack trace for a user error");
    }

    @Test
    void missingDataFileIsNamedExactly(@TempDir Path dir) throws Exception {
        Path stsb = Files.createDirectories(dir.resolve("senteval/STS/STSBenchmark"));
        Files.writeString(stsb.resolve("sts-dev.csv"), "main-captions\tMSRvid\t2012test\t0001\t5.000\tA man.\tA man.\n");
        CliRun r = CliRun.of("eval", "sts", "--model", "minilm", "--data-dir", dir.toString(), "--tasks", "STSBenchmark");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(stsb.resolve("sts-test.csv").toString()), r.err());
        CliRun m = CliRun.of("eval", "senteval", "--model", "minilm", "--data-dir", dir.toString(), "--tasks", "MRPC");
        assertEquals(2, m.exit());
        assertTrue(m.err().contains("msr_paraphrase_train.txt"), m.err());
    }

    @Test
    void wordSimilarityAndAnalogiesOnAVectorFile(@TempDir Path dir) throws Exception {
        Path vec = vectors(dir);
        Path pairs = dir.resolve("toy-sim.txt");
        Files.writeString(pairs, "# w1 w2 score\nking\tqueen\t8\nman\tking\t6\nman\tapple\t1\nWOMAN\tqueen\t9\nman\tunicorn\t3\n");
        Path out = dir.resolve("ws.json");
        CliRun r = CliRun.of("eval", "wordsim", "--vectors", vec.toString(), "--file", pairs.toString(), "--tasks", "toy-sim",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode task = new ObjectMapper().readTree(out.toFile()).get("tasks").get("toy-sim");
        assertEquals(100 * 3 / Math.sqrt(22.5), task.get("spearman").asDouble(), 1e-3);
        assertEquals(1, task.get("oov_pairs").asInt());
        assertEquals(80.0, task.get("coverage").asDouble(), 1e-9);
        assertTrue(Files.isRegularFile(dir.resolve("ws.md")) && Files.isRegularFile(dir.resolve("ws.html")));

        Path analogies = dir.resolve("toy-analogies.txt");
        Files.writeString(analogies, ": family\nman woman king queen\nman woman king princess\n: gram-x\nman king woman apple\n");
        CliRun a = CliRun.of("eval", "analogy", "--vectors", vec.toString(), "--file", analogies.toString(), "--tasks", "toy-analogies");
        assertEquals(0, a.exit(), a.err());
        JsonNode report = new ObjectMapper().readTree(a.out());
        JsonNode t = report.get("tasks").get("toy-analogies");
        assertEquals(50.0, t.get("acc_3cosadd").asDouble(), 1e-9);
        assertEquals(100.0, t.get("acc_semantic_3cosmul").asDouble(), 1e-9);
        assertEquals(1, t.get("oov_questions").asInt());
        assertEquals("eval analogy", report.get("provenance").get("command").asText());
        assertTrue(report.get("details").get("toy-analogies").get("sections").has("gram-x"));
    }

    @Test
    void malformedLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("bad.txt");
        Files.writeString(pairs, "king\tqueen\t8\nman\tking\tsix\n");
        CliRun r = CliRun.of("eval", "wordsim", "--vectors", vectors(dir).toString(), "--file", pairs.toString(), "--tasks", "bad");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(pairs + ":2"), r.err());
    }

    @Test
    void sentEvalWithMeanWordVectorsWritesTheSharedShape(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("se.json");
        CliRun r = CliRun.of("eval", "senteval", "--vectors", vectors(dir).toString(), "--data-dir", datasets().toString(),
                "--tasks", "MRPC", "--folds", "2", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        JsonNode mrpc = report.get("tasks").get("MRPC");
        assertEquals(1725, mrpc.get("n").asInt());
        assertTrue(mrpc.get("acc").asDouble() > 50 && mrpc.get("acc").asDouble() <= 100, mrpc.toString());
        assertTrue(mrpc.has("f1") && mrpc.has("devacc"));
        assertEquals(1111, report.get("provenance").get("seeds").get("seed").asInt());
    }

    @Test
    void miniLmReproducesMtebStsBenchmark(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sts.json");
        CliRun r = CliRun.of("eval", "sts", "--model", "minilm", "--data-dir", datasets().toString(),
                "--tasks", "STSBenchmark", "--no-progress", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode task = new ObjectMapper().readTree(out.toFile()).get("tasks").get("STSBenchmark");
        // MTEB results, sentence-transformers__all-MiniLM-L6-v2, STSBenchmark test cosine_spearman 0.8203
        assertEquals(82.03, task.get("spearman").asDouble(), 0.3, task.toString());
        assertEquals(1379, task.get("n").asInt());
    }
}
