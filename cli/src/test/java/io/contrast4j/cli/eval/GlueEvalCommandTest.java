package io.contrast4j.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.data.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval glue} end to end: real MiniLM fine-tuned for a few steps on real MRPC, and on a GLUE-layout folder. */
class GlueEvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fineTunesOnMrpcFromTheSentEvalLayoutAndScoresItsTest(@TempDir Path dir) throws Exception {
        Optional<Path> data = DataDirectory.fromEnvironment();
        assumeTrue(data.isPresent(), "set " + DataDirectory.ENV + " to the datasets folder to run this test");
        Path out = dir.resolve("glue.json");
        CliRun r = CliRun.of("eval", "glue", "--model", "minilm", "--tasks", "mrpc", "--data-dir", data.get().toString(),
                "--lr", "5e-5", "--seeds", "1", "--epochs", "1", "--batch-size", "4", "--max-train", "8", "--max-eval", "12",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode report = JSON.readTree(out.toFile());
        JsonNode mrpc = report.path("tasks").path("GLUE-MRPC");
        assertEquals(12, mrpc.path("n").asInt(), report.toString());
        double acc = mrpc.path("acc").asDouble(-1);
        assertTrue(acc >= 0 && acc <= 100, mrpc.toString());
        assertTrue(mrpc.has("f1"), mrpc.toString());
        assertEquals(2, report.path("details").path("GLUE-MRPC").path("runs").get(0).path("steps").asInt(), "8 examples / batch 4");
        assertEquals("test", report.path("details").path("GLUE-MRPC").path("report_split").asText());
        assertTrue(report.path("provenance").path("config").path("recipe").path("learning_rates").get(0).asDouble() > 0);
        assertTrue(Files.exists(dir.resolve("glue.md")));
    }

    @Test
    void readsTheGlueLayoutAndWritesSubmissionFiles(@TempDir Path dir) throws Exception {
        Path rte = Files.createDirectories(dir.resolve("glue_data/RTE"));
        String header = "index\tsentence1\tsentence2\tlabel\n";
        Files.writeString(rte.resolve("train.tsv"), header + "0\tA dog runs.\tAn animal runs.\tentailment\n"
                + "1\tA dog runs.\tA cat sleeps.\tnot_entailment\n");
        Files.writeString(rte.resolve("dev.tsv"), header + "0\tA man sings.\tSomeone sings.\tentailment\n");
        Files.writeString(rte.resolve("test.tsv"), "index\tsentence1\tsentence2\n0\tA girl reads.\tA child reads.\n"
                + "1\tA girl reads.\tThe sea is blue.\n");
        CliRun r = CliRun.of("eval", "glue", "--model", "minilm", "--tasks", "RTE", "--glue-dir", dir.resolve("glue_data").toString(),
                "--lr", "5e-5", "--seeds", "1", "--epochs", "1", "--batch-size", "2", "--submission-dir", dir.resolve("sub").toString());
        assertEquals(0, r.exit(), r.err());
        String submission = Files.readString(dir.resolve("sub/RTE.tsv"));
        assertTrue(submission.matches("index\tprediction\n0\t(not_)?entailment\n1\t(not_)?entailment\n"), submission);
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        CliRun lr = CliRun.of("eval", "glue", "--model", "minilm", "--lr", "fast", "--glue-dir", dir.toString());
        assertEquals(2, lr.exit());
        assertEquals("error: --lr: expected comma-separated numbers, got 'fast'", lr.err().strip());
        CliRun epochs = CliRun.of("eval", "glue", "--model", "minilm", "--epochs", "0", "--glue-dir", dir.toString());
        assertEquals(2, epochs.exit());
        assertEquals("error: --epochs must be >= 1, got 0", epochs.err().strip());
        CliRun task = CliRun.of("eval", "glue", "--model", "minilm", "--tasks", "WNLI2", "--glue-dir", dir.toString());
        assertEquals(2, task.exit());
        assertTrue(task.err().strip().startsWith("error: --tasks: unknown GLUE task 'WNLI2'"), task.err());
    }
}
