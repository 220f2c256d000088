package io.contrast4j.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.cli.TestSentences;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval bitext with the real MiniLM; error paths of data parallel and pretrain --objective infoxlm. */
class BitextEvalCommandTest {
    private static final String[] SENTENCES = TestSentences.EVERYDAY;

    @Test
    void paraphrasePairsAreRetrievedAndReportHasTheSharedShape(@TempDir Path dir) throws Exception {
        // Target = the sentence lower-cased without punctuation: MiniLM must find each one's own.
        Path tsv = TestSentences.writeLowercasedPairs(dir.resolve("en-en.tsv"), SENTENCES);
        Path report = dir.resolve("report.json");
        CliRun r = CliRun.of("eval", "bitext", "--model", "minilm", "--pairs", tsv.toString(), "--limit", "15",
                "--no-progress", "--out", report.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        JsonNode task = json.path("tasks").path("Bitext-en-en");
        assertEquals(15, task.path("n").asInt(), json.toString());
        assertTrue(task.path("acc").asDouble() >= 90, json.toString());
        assertTrue(task.path("recall@5_src2tgt").asDouble() >= task.path("recall@1_src2tgt").asDouble());
        assertTrue(json.path("provenance").path("inputs").get(0).path("sha256").asText().length() == 64);
    }

    @Test
    void badInputIsOneLineWithExitTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "Hello\tBonjour\nno tab\n");
        CliRun r = CliRun.of("eval", "bitext", "--model", "minilm", "--pairs", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.tsv:2"), r.err());
        CliRun lang = CliRun.of("data", "parallel", "--lang", "it", "--out", dir.resolve("it.tsv").toString());
        assertEquals(2, lang.exit());
        assertTrue(lang.err().contains("--lang"), lang.err());
        CliRun pre = CliRun.of("pretrain", "--objective", "infoxlm", "--out", dir.resolve("run").toString());
        assertEquals(2, pre.exit());
        assertTrue(pre.err().contains("--pairs"), pre.err());
    }
}
