package io.contrast4j.cli.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.core.text.SentenceSplitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pretrain --objective conpono} and {@code eval discourse} end to end (toy BERT, real SOTU text). */
class ConponoCommandsTest {
    @TempDir static Path dir;
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = dir.resolve("sotu-3.txt");
        try (InputStream in = ConponoCommandsTest.class.getResourceAsStream("sotu-3.txt")) {
            Files.copy(in, corpus);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void conponoTrainsResumesWithItsHeadsAndTheModelIsProbedOnDiscourse() throws IOException {
        // A fourth "document" of two sentences is too short for K=2 and must be skipped and counted.
        Path withShort = dir.resolve("sotu-3-plus-short.txt");
        Files.writeString(withShort, Files.readString(corpus).strip() + "\nWe met. We parted.\n");
        Path out = dir.resolve("conpono");
        String[] args = {"pretrain", "--objective", "conpono", "--model", "scratch:1x64", "--corpus", withShort.toString(),
            "--out", out.toString(), "--steps", "2", "--batch-size", "2", "--k", "2", "--conpono-hard-negatives", "1",
            "--conpono-random-negatives", "1", "--head-lr", "1e-3", "--dev", "none", "--checkpoint-every", "1", "--quiet"};
        CliRun first = run(Stream.concat(Arrays.stream(args), Stream.of("--stop-after", "1")).toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.err().contains("3 documents of 6+ sentences used, 1 shorter ones skipped"), first.err());
        // Resuming restores the W_k heads from the checkpoint (a missing head would fail the restore).
        CliRun second = run(Stream.concat(Arrays.stream(args), Stream.of("--resume")).toArray(String[]::new));
        assertEquals(0, second.exit(), second.err());
        JsonNode summary = new ObjectMapper().readTree(second.out());
        assertEquals("conpono", summary.get("objective").asText());
        assertEquals(2, summary.get("steps").asInt());
        assertEquals(1, summary.get("data").get("documents_skipped_too_short").asInt());
        assertEquals(6, summary.get("data").get("candidates_per_k").asInt(), "2K + H + R");
        assertEquals(1e-3, summary.get("data").get("head_learning_rate").asDouble(), 1e-9);
        assertEquals(0.1, summary.get("data").get("temperature").asDouble(), 1e-6, "the default: unit vectors over T");
        assertTrue(Files.exists(out.resolve("model.safetensors")));

        Path report = dir.resolve("discourse.json");
        CliRun eval = run("eval", "discourse", "--model", out.toString(), "--corpus", corpus.toString(), "--documents", "3",
                "--per-document", "10", "--test-fraction", "0.34", "--out", report.toString(), "--no-progress");
        assertEquals(0, eval.exit(), eval.err());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        for (String task : new String[] {"SP", "BSO"}) {
            double acc = r.get("tasks").get(task).get("acc").asDouble();
            assertTrue(acc >= 0 && acc <= 100, task + " " + acc);
        }
        int n = r.get("tasks").get("SP").get("n").asInt();
        assertTrue(n >= 1 && n <= 10, "one test document, at most 10 windows: " + n);
        assertEquals(2 * n, r.get("tasks").get("BSO").get("n").asInt(), "each window's pair in both orders");
        assertEquals(2, r.get("summary").get("train_documents").asInt());
        assertTrue(r.get("provenance").get("inputs").toString().contains("sotu-3.txt"));

        // The same model on DiscoEval's file layout (SP/<domain>, BSO/<domain>), written from the SOTU text.
        Path disco = dir.resolve("discoeval");
        List<String> sentences = SentenceSplitter.english().split(Files.readString(corpus).replace('\n', ' '));
        for (String split : new String[] {"train", "valid", "test"}) {
            List<String> sp = new ArrayList<>(), bso = new ArrayList<>();
            for (int w = 0; w + 5 <= sentences.size() && sp.size() < 12; w += 5) {
                sp.add((w / 5) % 5 + "\t" + String.join("\t", rotate(sentences.subList(w, w + 5), (w / 5) % 5)));
                bso.add(sentences.get(w) + "\t" + sentences.get(w + 1));
            }
            Files.createDirectories(disco.resolve("SP/rocstory"));
            Files.createDirectories(disco.resolve("BSO/wiki"));
            Files.write(disco.resolve("SP/rocstory/" + split + ".txt"), sp);
            Files.write(disco.resolve("BSO/wiki/" + split + ".txt"), bso);
        }
        Path discoReport = dir.resolve("discoeval.json");
        CliRun onDisco = run("eval", "discourse", "--model", out.toString(), "--discoeval", disco.toString(), "--max-examples", "11",
                "--out", discoReport.toString(), "--no-progress");
        assertEquals(0, onDisco.exit(), onDisco.err());
        JsonNode d = new ObjectMapper().readTree(discoReport.toFile());
        assertEquals(11, d.get("tasks").get("SProc").get("n").asInt());
        assertEquals(22, d.get("tasks").get("BSOwiki").get("n").asInt());
        assertTrue(d.get("provenance").get("inputs").toString().contains("rocstory"));
    }

    /** The window as DiscoEval's SP shows it: sentence {@code from} moved to the front. */
    private static List<String> rotate(List<String> five, int from) {
        List<String> shown = new ArrayList<>();
        shown.add(five.get(from));
        for (int s = 0; s < 5; s++) if (s != from) shown.add(five.get(s));
        return shown;
    }

    @Test
    void badOptionsAreOneLineUserErrors() {
        CliRun k = run("pretrain", "--objective", "conpono", "--model", "scratch:1x64", "--corpus", corpus.toString(),
                "--out", dir.resolve("bad").toString(), "--k", "0", "--quiet");
        assertEquals(2, k.exit());
        assertTrue(k.err().contains("--k must be >= 1"), k.err());
        CliRun big = run("pretrain", "--objective", "conpono", "--model", "scratch:1x64", "--corpus", corpus.toString(),
                "--out", dir.resolve("bad2").toString(), "--conpono-hard-negatives", "100000", "--quiet");
        assertEquals(2, big.exit());
        assertTrue(big.err().contains("sentences CONPONO needs"), big.err());
        CliRun headLr = run("pretrain", "--objective", "simcse", "--model", "scratch:1x64", "--corpus", corpus.toString(),
                "--out", dir.resolve("bad3").toString(), "--head-lr", "1e-3", "--quiet");
        assertEquals(2, headLr.exit());
        assertTrue(headLr.err().contains("--head-lr applies to --objective conpono only"), headLr.err());
        CliRun tasks = run("eval", "discourse", "--model", "minilm", "--corpus", corpus.toString(), "--tasks", "XYZ");
        assertEquals(2, tasks.exit());
        assertTrue(tasks.err().contains("unknown discourse task 'XYZ'"), tasks.err());
        CliRun both = run("eval", "discourse", "--model", "minilm", "--corpus", corpus.toString(), "--discoeval", dir.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("give either --corpus FILE or --discoeval DIR"), both.err());
        CliRun noData = run("eval", "discourse", "--model", "minilm", "--discoeval", dir.resolve("nothing").toString());
        assertEquals(2, noData.exit());
        assertTrue(noData.err().contains("DiscoEval data folder not found"), noData.err());
    }
}
