package io.contrast4j.sentence.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.io.Sha256;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TestEncoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README.md model card, built from the files a pretrain run leaves in its folder. */
class ModelCardTest {
    @TempDir Path dir;

    Path run(String objective, String base, boolean report, boolean best) throws IOException {
        Path out = dir.resolve("run-" + objective);
        try (SentenceModelTrainable tiny = (SentenceModelTrainable) TestEncoders.tiny(3)) {
            tiny.save(out);
            if (best) {
                tiny.save(out.resolve("best"));
            }
        }
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "One sentence a line.\nAnother line of text.\n");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("objective", objective);
        result.put("steps", 2);
        result.put("train_seconds", 3.25);
        result.put("device", "cpu()");
        if (best) {
            result.put("dev_task", "stsb_dev_spearman");
            result.put("best_dev", 71.5);
            result.put("best_step", 2);
        }
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("objective", objective);
        obj.put("temperature", 0.05);
        Provenance.start("pretrain", List.of("--objective", objective)).seed(42).input(corpus)
                .config(Map.of("steps", 2, "batch_size", 8, "learning_rate", 3e-5))
                .config("objective", obj).config("model", base).config("device", "cpu()")
                .note("result", result).writeTo(out);
        if (report) {
            String json = """
                    {"before": {"sts": {"STSBenchmark": 80.125, "average": 80.125}, "seconds": 4.0},
                     "after": {"sts": {"STSBenchmark": 82.375, "average": 82.375}, "seconds": 4.1}}""";
            Files.writeString(out.resolve("report.json"), json);
        }
        return out;
    }

    @Test
    void simcseRunFromMiniLmGetsEveryField() throws IOException {
        Path out = run("simcse", "minilm", true, true);
        ModelCard.writeForRun(out);
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.startsWith("---\nbase_model: sentence-transformers/all-MiniLM-L6-v2\n"), card);
        assertTrue(card.contains("license: apache-2.0"));
        assertTrue(card.contains("library_name: sentence-transformers"));
        assertTrue(card.contains("- simcse"));
        assertTrue(card.contains("Unsupervised SimCSE (Gao et al. 2021)"));
        assertTrue(card.contains("InfoNCE"));
        assertTrue(card.contains("@inproceedings{gao2021simcse"));
        assertTrue(card.contains("| objective.temperature | 0.05 |"), card);
        assertTrue(card.contains("| learning_rate | 3.0E-5 |"), card);
        assertTrue(card.contains("`" + Sha256.of(dir.resolve("corpus.txt")) + "`"), "corpus SHA-256");
        assertTrue(card.contains("- **Steps:** 2"));
        assertTrue(card.contains("- **Training time:** 3.2 s") || card.contains("- **Training time:** 3.3 s"), card);
        assertTrue(card.contains("- **Hardware: device:** cpu()"));
        assertTrue(card.contains("- **Hardware: cpus:** " + Runtime.getRuntime().availableProcessors()));
        assertTrue(card.contains("| sts.STSBenchmark | 80.13 | 82.38 | +2.25 |") || card.contains("| sts.STSBenchmark | 80.12 | 82.38 | +2.25 |"), card);
        assertTrue(card.contains("- **Output dimensionality:** 32"));
        assertTrue(card.contains("- **Pooling:** mean\n"), card);
        assertFalse(card.contains("null"), card);

        String bestCard = Files.readString(out.resolve("best/README.md"));
        assertTrue(bestCard.contains("best dev score") && bestCard.contains("71.50 at step 2"), bestCard);
    }

    @Test
    void eachObjectiveCitesItsPaper() {
        assertTrue(ObjectivePapers.of("declutr").bibtex().get(0).contains("Giorgi, John"));
        assertTrue(ObjectivePapers.of("cert").bibtex().get(0).contains("arXiv:2005.12766"));
        assertTrue(ObjectivePapers.of("conpono").bibtex().get(0).contains("Iter, Dan"));
        assertTrue(ObjectivePapers.of("infoxlm").bibtex().get(0).contains("Chi, Zewen"));
        assertTrue(ObjectivePapers.of("pairs").bibtex().get(0).contains("Henderson, Matthew"));
        assertTrue(ObjectivePapers.of("cert").bibtex().get(1).contains("Momentum Contrast"));
    }

    @Test
    void withoutReportOrKnownLicenceTheCardSaysSo() throws IOException {
        Path out = run("declutr", "scratch:1x32", false, false);
        ModelCard card = ModelCard.fromRunFolder(out, null);
        assertNull(card.base().license());
        assertTrue(card.evaluation().isEmpty());
        String md = card.toMarkdown();
        assertFalse(md.contains("base_model:"), "no Hub base model for a from-scratch run");
        assertTrue(md.contains("unknown (check the base model's card)"));
        assertTrue(md.contains("No evaluation was run"));
        assertTrue(md.contains("Giorgi"));
        assertFalse(Files.exists(out.resolve("best/README.md")));
    }

    @Test
    void baseLicenceComesFromTheBaseFoldersCard() throws IOException {
        Path base = dir.resolve("base");
        Files.createDirectories(base);
        Files.writeString(base.resolve("README.md"), "---\nlicense: mit\nlanguage: en\n---\n# base\n");
        Path out = run("pairs", base.toString(), false, false);
        ModelCard card = ModelCard.fromRunFolder(out, null);
        assertEquals("mit", card.base().license());
        assertTrue(card.toMarkdown().contains("license: mit"));
        assertTrue(new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).has("inputs"));
    }
}
