package io.contrast4j.cli.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.cli.CliRun;
import io.contrast4j.cli.TestSentences;
import io.contrast4j.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2-step pretrain with --report writes a sentence-transformers-style README.md model card. */
class ModelCardCommandTest {
    @TempDir Path dir;

    @Test
    void twoStepSimcseWritesACardWithEveryField() throws IOException {
        Path corpus = dir.resolve("sentences.txt");
        try (InputStream in = ModelCardCommandTest.class.getResourceAsStream("sotu-3.txt")) {
            Files.write(corpus, List.of(new String(in.readAllBytes()).split("(?<=[.!?])\\s+")));
        }
        // a small STS-B test file of real sentences, so that --report has an STS task to measure
        Path stsb = Files.createDirectories(dir.resolve("data/senteval/STS/STSBenchmark"));
        StringBuilder sts = new StringBuilder();
        String[] s = TestSentences.EVERYDAY;
        for (int i = 0; i < 10; i++) {
            sts.append("main-captions\tMSRvid\t2012test\t").append(i).append('\t').append(i % 5).append(".000\t")
                    .append(s[i]).append('\t').append(s[(i * 3) % s.length]).append('\n');
        }
        Files.writeString(stsb.resolve("sts-test.csv"), sts);
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("pretrain", "--objective", "simcse", "--model", "scratch:1x64", "--corpus", corpus.toString(),
                "--out", out.toString(), "--steps", "2", "--batch-size", "8", "--dev", "none", "--report",
                "--report-tasks", "STSBenchmark", "--data-dir", dir.resolve("data").toString(), "--temperature", "0.07",
                "--quiet");
        assertEquals(0, r.exit(), r.err());
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.startsWith("---\n") && card.contains("library_name: sentence-transformers"), card);
        assertTrue(card.contains("`scratch:1x64 (random initialization"), "base model");
        assertTrue(card.contains("Unsupervised SimCSE (Gao et al. 2021)") && card.contains("@inproceedings{gao2021simcse"), card);
        assertTrue(card.contains("| objective.temperature | 0.07"), "loss hyperparameter: " + card);
        assertTrue(card.contains("| batch_size | 8 |") && card.contains("| learning_rate |"), card);
        assertTrue(card.contains("`" + Sha256.of(corpus) + "`"), "training data SHA-256");
        assertTrue(card.contains("- **Steps:** 2"), card);
        assertTrue(card.contains("- **Training time:**") && card.contains("- **Hardware: device:** cpu()"), card);
        assertTrue(card.contains("| sts.STSBenchmark |"), "before/after table: " + card);
        assertTrue(card.contains("- **Output dimensionality:** 64"), card);
        assertTrue(card.contains("Sentence-BERT"), card);
    }
}
