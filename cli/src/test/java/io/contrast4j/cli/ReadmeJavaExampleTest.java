package io.contrast4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.StsReader;
import io.contrast4j.eval.sts.StsEvaluation;
import io.contrast4j.eval.sts.StsEvaluator;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.pretrain.PairsSpec;
import io.contrast4j.sentence.pretrain.PreparedObjective;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainingArguments;
import io.contrast4j.sentence.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Use from Java" example, compiled and run: the method between the README markers below
 * must appear verbatim in README.md, and it runs here for two steps with a 100-pair STS-B dev subset.
 */
class ReadmeJavaExampleTest {

    // README:begin
    static TrainingResult fineTune(Path pairsTsv, Path datasets, int devPairs, int steps, Path out) throws IOException {
        // Dev task: STS-B dev (SentEval's layout under $CONTRAST4J_DATA), its first devPairs pairs.
        List<ScoredPair> stsbDev = StsEvaluation.load(datasets, "STSBenchmark-dev").get("dev");
        Evaluator dev = StsEvaluator.ofPairs("stsb_dev_spearman", stsbDev.subList(0, Math.min(devPairs, stsbDev.size())));
        try (SentenceModelTrainable model = new SentenceModelTrainable(Models.load("minilm", Device.cpu()), 64)) {
            System.out.println("before: " + dev.evaluate(model.embedder()));
            TrainingArguments args = TrainingArguments.builder()
                    .steps(steps).batchSize(16).learningRate(2e-5f).seed(42).progress(false).build();
            // anchor<TAB>positive lines; the batch's other positives are the negatives (in-batch, MNRL).
            PreparedObjective pairs = PairsSpec.of(pairsTsv).prepare(args.seed(), args.batchSize());
            TrainingResult result = Trainer.builder()
                    .model(model).objective(pairs.objective()).evaluator(dev).args(args).outputDir(out)
                    .build().train();
            model.save(out); // a sentence-transformers folder: --model DIR here, SentenceTransformer(DIR) in Python
            System.out.println("after: " + result.lastMetrics() + ", best at step " + result.bestStep());
            return result;
        }
    }
    // README:end

    @Test
    void theReadmeExampleIsThisCodeAndRuns(@TempDir Path dir) throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/contrast4j/cli/ReadmeJavaExampleTest.java"));
        String example = source.substring(source.indexOf("    // README:begin\n") + "    // README:begin\n".length(),
                source.indexOf("    // README:end"));
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(example.stripTrailing().stripIndent().strip()), "README.md's Java example differs from this test's fineTune");

        Optional<Path> data = DataDirectory.fromEnvironment();
        assumeTrue(data.isPresent(), "CONTRAST4J_DATA is unset: the README example evaluates on STS-B dev, skipping");
        Path root = DataDirectory.resolve(data.get());
        // Training pairs: STS-B train pairs that annotators scored as (near) paraphrases.
        List<String> lines = StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "train")).stream()
                .filter(p -> p.score() >= 4.5).limit(64).map(p -> p.s1() + "\t" + p.s2()).toList();
        Path pairs = Files.write(dir.resolve("pairs.tsv"), lines);
        Path out = dir.resolve("minilm-pairs");
        TrainingResult r = fineTune(pairs, root, 100, 2, out);
        assertEquals(2, r.steps());
        double spearman = r.lastMetrics().get("stsb_dev_spearman");
        assertTrue(spearman > 70 && spearman < 100, "MiniLM after 2 small steps is still a good STS model: " + spearman);
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        assertTrue(Files.exists(out.resolve("checkpoints")));
    }
}
