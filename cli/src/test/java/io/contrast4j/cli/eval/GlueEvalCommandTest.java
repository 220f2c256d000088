package io.contrast4j.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import ai.djl.Device;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.train.SentenceModelTrainable;
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

    /** A toy BERT (2 layers, hidden 32, MiniLM's vocabulary) as a model folder: fine-tuning it takes milliseconds a step. */
    private static Path tinyModel(Path dir) throws Exception {
        Path model = dir.resolve("tiny");
        try (SentenceModelTrainable m = SentenceModelTrainable.fromScratch(
                new BertConfig(30522, 32, 2, 2, 64, 64, 2, 1e-12, 0.1, 0.1, 0), 64, 11, Device.cpu())) {
            m.save(model);
        }
        return model;
    }

    /** RTE in the GLUE layout: 10 labelled training pairs (3 batches of 4 an epoch), 4 dev pairs. */
    private static Path rte(Path dir) throws Exception {
        Path rte = Files.createDirectories(dir.resolve("glue_data/RTE"));
        String[] subjects = {"A dog", "The man", "A girl", "Two kids", "The chef", "An old woman", "The team"};
        String[] verbs = {"runs in the park", "sings a song", "reads a book", "plays football", "cooks dinner"};
        StringBuilder train = new StringBuilder("index\tsentence1\tsentence2\tlabel\n");
        for (int i = 0; i < 10; i++) {
            String s = subjects[i % subjects.length] + " " + verbs[i % verbs.length] + ".";
            boolean entails = i % 2 == 0;
            String h = entails ? subjects[i % subjects.length] + " is busy." : subjects[(i + 3) % subjects.length] + " " + verbs[(i + 2) % verbs.length] + ".";
            train.append(i).append('\t').append(s).append('\t').append(h).append('\t').append(entails ? "entailment" : "not_entailment").append('\n');
        }
        Files.writeString(rte.resolve("train.tsv"), train);
        Files.writeString(rte.resolve("dev.tsv"), "index\tsentence1\tsentence2\tlabel\n0\tA man sings.\tSomeone sings.\tentailment\n"
                + "1\tA cat sleeps.\tA dog barks.\tnot_entailment\n2\tThe chef cooks.\tFood is made.\tentailment\n"
                + "3\tKids play.\tThe sea is cold.\tnot_entailment\n");
        return dir.resolve("glue_data");
    }

    @Test
    void anInterruptedRunResumesWithTheNumbersOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
        String model = tinyModel(dir).toString();
        String glue = rte(dir).toString();
        String[] common = {"eval", "glue", "--model", model, "--tasks", "RTE", "--glue-dir", glue, "--lr", "1e-3",
            "--seeds", "1,2", "--epochs", "2", "--batch-size", "4", "--checkpoint-every", "2"};
        CliRun whole = CliRun.of(concat(common, "--work-dir", dir.resolve("a").toString(), "--out", dir.resolve("a.json").toString()));
        assertEquals(0, whole.exit(), whole.err());

        Path b = dir.resolve("b");
        CliRun stopped = CliRun.of(concat(common, "--work-dir", b.toString(), "--stop-after", "3"));
        assertEquals(1, stopped.exit(), stopped.err());
        String last = stopped.err().strip().lines().reduce((x, y) -> y).orElse("");
        assertTrue(last.startsWith("stopped: ") && last.endsWith("(continue with --resume)"), stopped.err());
        Path seed1 = b.resolve("RTE/lr-0.001-seed-1");
        assertTrue(Files.isDirectory(seed1.resolve("checkpoints")) && Files.notExists(seed1.resolve("run.json")));

        CliRun again = CliRun.of(concat(common, "--work-dir", b.toString()));
        assertEquals(2, again.exit());
        assertTrue(again.err().strip().startsWith("error: --work-dir " + b + " already holds runs"), again.err());

        CliRun resumed = CliRun.of(concat(common, "--work-dir", b.toString(), "--resume", "--out", dir.resolve("b.json").toString()));
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(Files.readString(seed1.resolve("train.log")).contains("resumed at step 3"));
        JsonNode a = JSON.readTree(dir.resolve("a.json").toFile()).path("details").path("GLUE-RTE").path("runs");
        JsonNode r = JSON.readTree(dir.resolve("b.json").toFile()).path("details").path("GLUE-RTE").path("runs");
        assertEquals(2, a.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(6, r.get(i).path("steps").asInt());
            assertEquals(a.get(i).path("final_loss").asDouble(), r.get(i).path("final_loss").asDouble(), 0.0, "run " + i);
            assertEquals(a.get(i).path("scores"), r.get(i).path("scores"));
            assertEquals(JSON.readTree(dir.resolve("a/RTE/lr-0.001-seed-" + (i + 1) + "/run.json").toFile()).path("predictions"),
                    JSON.readTree(b.resolve("RTE/lr-0.001-seed-" + (i + 1) + "/run.json").toFile()).path("predictions"));
        }
        assertTrue(Files.notExists(seed1.resolve("checkpoints")), "a finished run's checkpoints are dropped");

        // everything is done: a further --resume trains nothing and reports the same
        CliRun done = CliRun.of(concat(common, "--work-dir", b.toString(), "--resume", "--out", dir.resolve("c.json").toString()));
        assertEquals(0, done.exit(), done.err());
        JsonNode c = JSON.readTree(dir.resolve("c.json").toFile()).path("details").path("GLUE-RTE").path("runs");
        assertTrue(c.get(0).has("reused") && c.get(1).has("reused"), c.toString());
        assertEquals(r.get(1).path("scores"), c.get(1).path("scores"));

        // the same folder with another recipe is refused
        CliRun other = CliRun.of(concat(common, "--work-dir", b.toString(), "--resume", "--max-length", "16"));
        assertEquals(2, other.exit());
        assertTrue(other.err().strip().startsWith("error: --work-dir: ") && other.err().contains("recipe"), other.err());
    }

    @Test
    void checkpointOptionsNeedAWorkFolderWithSomethingToResume(@TempDir Path dir) {
        CliRun nothing = CliRun.of("eval", "glue", "--model", "minilm", "--glue-dir", dir.toString(), "--resume",
                "--work-dir", dir.resolve("empty").toString());
        assertEquals(2, nothing.exit());
        assertEquals("error: --resume: nothing to resume in --work-dir " + dir.resolve("empty"), nothing.err().strip());
        CliRun noDir = CliRun.of("eval", "glue", "--model", "minilm", "--glue-dir", dir.toString(), "--checkpoint-every", "10");
        assertEquals(2, noDir.exit());
        assertEquals("error: --checkpoint-every needs --work-dir (where the checkpoints go)", noDir.err().strip());
        CliRun negative = CliRun.of("eval", "glue", "--model", "minilm", "--glue-dir", dir.toString(), "--checkpoint-every", "-1");
        assertEquals(2, negative.exit());
        assertEquals("error: --checkpoint-every must be >= 0, got -1", negative.err().strip());
        CliRun batch = CliRun.of("eval", "glue", "--model", "minilm", "--glue-dir", dir.toString(), "--batch-size", "1");
        assertEquals(2, batch.exit());
        assertEquals("error: --batch-size must be >= 2, got 1", batch.err().strip());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
