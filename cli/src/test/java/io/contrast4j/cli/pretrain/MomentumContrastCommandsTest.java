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
                "--dev", "none", "--quiet");
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
                "--translation-cache", dir.resolve("cache").toString(), "--dev", "none", "--quiet");
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
    void infoxlmRunInterruptedAndResumedContinuesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        Path pairs = TestSentences.writeLowercasedPairs(dir.resolve("en-en.tsv"), SENTENCES);
        Path out = dir.resolve("xlco");
        String[] args = {"pretrain", "--objective", "infoxlm", "--model", "minilm", "--pairs", pairs.toString(),
            "--out", out.toString(), "--steps", "2", "--batch-size", "4", "--accumulation", "2", "--queue-size", "6",
            "--dev", "none", "--quiet"};
        CliRun first = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--stop-after", "1"))
                .toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
        assertTrue(JSON.readTree(first.out()).get("interrupted").asBoolean());
        assertTrue(Files.exists(out.resolve("checkpoints/step-000000001/momentum.bin")), "the key encoder is checkpointed");
        assertTrue(Files.exists(out.resolve("checkpoints/step-000000001/queue.bin")), "the queue is checkpointed");
        CliRun again = CliRun.of(args);
        assertEquals(2, again.exit(), "a used --out without --resume is refused");
        CliRun second = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--resume"))
                .toArray(String[]::new));
        assertEquals(0, second.exit(), second.err());
        JsonNode summary = JSON.readTree(second.out());
        assertEquals(1, summary.get("resumed_from").asInt());
        assertEquals(2, summary.get("steps").asInt());
        assertEquals(6, summary.get("queue_filled").asInt(), "the restored queue kept filling: 2 steps x 8 keys, capped at 6");
        assertTrue(Files.exists(out.resolve("model.safetensors")));
    }

    @Test
    void optionsNeitherRunCanUseAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path pairs = dir.resolve("p.tsv");
        Files.writeString(pairs, "a b c\tx y z\n");
        CliRun resume = CliRun.of("pretrain", "--objective", "infoxlm", "--pairs", pairs.toString(), "--resume",
                "--out", dir.resolve("r").toString());
        assertEquals(2, resume.exit());
        assertTrue(resume.err().contains("--resume: no checkpoints/ in"), resume.err());
        CliRun momentum = CliRun.of("pretrain", "--objective", "infoxlm", "--pairs", pairs.toString(), "--momentum", "1",
                "--out", dir.resolve("m").toString());
        assertEquals(2, momentum.exit());
        assertTrue(momentum.err().contains("--momentum must be in [0, 1)"), momentum.err());
    }
}
