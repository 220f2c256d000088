package io.contrast4j.cli.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.cli.TestSentences;
import io.contrast4j.data.augment.ApertiumTranslator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pretrain --objective infoxlm} and {@code --objective cert} end to end: real MiniLM query and
 * key encoders, a queue, real Apertium back-translation for cert; two steps each.
 */
class MomentumContrastCommandsTest {
    private static final String[] SENTENCES = TestSentences.everyday(12);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void infoxlmTrainsFillsTheQueueAndRecordsItsMocoSettings(@TempDir Path dir) throws Exception {
        Path pairs = TestSentences.writeLowercasedPairs(dir.resolve("en-en.tsv"), SENTENCES);
        Path out = dir.resolve("xlco");
        CliRun r = CliRun.of("pretrain", "--objective", "infoxlm", "--model", "minilm", "--pairs", pairs.toString(),
                "--out", out.toString(), "--steps", "2", "--batch-size", "4", "--queue-size", "6", "--momentum", "0.9",
                "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals("infoxlm", summary.get("objective").asText());
        assertEquals(2, summary.get("steps").asInt());
        assertEquals(6, summary.get("queue_filled").asInt(), "2 steps x 4 keys, capped at the queue size");
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        JsonNode prov = JSON.readTree(out.resolve("provenance.json").toFile());
        assertEquals(0.9, prov.path("config").path("moco").path("momentum").asDouble(), 1e-6, prov.toString());
        assertEquals(6, prov.path("config").path("moco").path("queue_size").asInt(), prov.toString());
    }

    @Test
    void certBackTranslatesTrainsAndRecordsTheTranslator(@TempDir Path dir) throws Exception {
        List<String> modes = ApertiumTranslator.installedModes();
        assumeTrue(modes.contains("eng-spa") && modes.contains("spa-eng"),
                "Apertium with eng-spa and spa-eng is not installed (Debian apertium, apertium-eng-spa): skipping");
        Path corpus = dir.resolve("sentences.txt");
        Files.write(corpus, List.of(SENTENCES));
        Path out = dir.resolve("cert");
        CliRun r = CliRun.of("pretrain", "--objective", "cert", "--model", "minilm", "--corpus", corpus.toString(),
                "--out", out.toString(), "--steps", "2", "--batch-size", "4", "--queue-size", "8",
                "--translation-cache", dir.resolve("cache").toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals("cert", summary.get("objective").asText());
        assertEquals(2, summary.get("steps").asInt());
        assertTrue(summary.get("pairs").asInt() >= 8, summary.toString());
        assertEquals(SENTENCES.length, summary.get("pairs").asInt() + summary.get("backtranslation_failed").asInt()
                + summary.get("backtranslation_unchanged").asInt());
        JsonNode prov = JSON.readTree(out.resolve("provenance.json").toFile());
        assertTrue(prov.path("config").path("cert").path("translator").asText().contains("apertium"), prov.toString());
        assertEquals(8, prov.path("config").path("cert").path("queue_size").asInt(), prov.toString());
    }

    @Test
    void optionsNeitherRunCanUseAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("p.tsv");
        Files.writeString(pairs, "a b c\tx y z\n");
        CliRun resume = CliRun.of("pretrain", "--objective", "infoxlm", "--pairs", pairs.toString(), "--resume",
                "--out", dir.resolve("r").toString());
        assertEquals(2, resume.exit());
        assertTrue(resume.err().contains("--resume is not supported for --objective infoxlm"), resume.err());
        CliRun accumulation = CliRun.of("pretrain", "--objective", "cert", "--corpus", pairs.toString(), "--accumulation", "2",
                "--out", dir.resolve("a").toString());
        assertEquals(2, accumulation.exit());
        assertTrue(accumulation.err().contains("--objective cert trains one batch per step"), accumulation.err());
        CliRun momentum = CliRun.of("pretrain", "--objective", "infoxlm", "--pairs", pairs.toString(), "--momentum", "1",
                "--out", dir.resolve("m").toString());
        assertEquals(2, momentum.exit());
        assertTrue(momentum.err().contains("--momentum must be in [0, 1)"), momentum.err());
    }
}
