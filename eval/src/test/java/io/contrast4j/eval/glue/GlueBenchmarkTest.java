package io.contrast4j.eval.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueSplits;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.eval.TaskResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's bookkeeping (rate selection on dev, mean and spread over seeds, submission files)
 * with a rule-based fine-tuner whose quality depends on the rate and seed in a known way; the real
 * encoder fine-tuner runs end to end in the CLI's {@code eval glue} test.
 */
class GlueBenchmarkTest {
    /** Perfect at 3e-5; at other rates it answers "1" for everything. Seed 2 gets the first example wrong. */
    private static final class RuleTuner implements GlueFineTuner {
        int calls;
        final List<Path> runDirs = new ArrayList<>();
        /** "rate/seed" of a run that crashes (as a killed process would) after writing a checkpoint. */
        String crashes;

        @Override
        public Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                            float lr, long seed, Path runDir) {
            runDirs.add(runDir);
            try {
                Files.createDirectories(runDir.resolve("checkpoints/step-000000001"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if ((lr + "/" + seed).equals(crashes)) throw new IllegalStateException("killed");
            return fineTune(task, train, toPredict, recipe, lr, seed);
        }

        @Override
        public Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                            float lr, long seed) {
            calls++;
            List<List<String>> out = new ArrayList<>();
            for (List<GlueExample> split : toPredict) {
                List<String> p = new ArrayList<>();
                for (int i = 0; i < split.size(); i++) {
                    String gold = split.get(i).label() == null ? "1" : split.get(i).label();
                    String answer = lr == 3e-5f ? gold : "1";
                    if (seed == 2 && i == 0) answer = answer.equals("1") ? "0" : "1";
                    p.add(answer);
                }
                out.add(p);
            }
            return new Run(out, 1, 0.5, 0.1);
        }

        @Override
        public String modelName() {
            return "rule";
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of();
        }
    }

    private static List<GlueExample> labelled(String... labels) {
        List<GlueExample> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) out.add(new GlueExample(Integer.toString(i), "a" + i, "b" + i, labels[i]));
        return out;
    }

    @Test
    void selectsTheRateOnDevAndReportsMeanAndSpreadOverSeeds(@TempDir Path dir) throws Exception {
        GlueSplits data = new GlueSplits(GlueTask.MRPC, "glue", labelled("1", "0"),
                Map.of("dev", labelled("1", "0", "0", "1")),
                Map.of("test", List.of(new GlueExample("17", "x", "y", null), new GlueExample("18", "z", "w", null))));
        GlueRecipe recipe = new GlueRecipe(128, 32, 3, List.of(2e-5f, 3e-5f), 0.1, 0.01f, 0.1f, 1.0, List.of(1L, 2L), 0);
        RuleTuner tuner = new RuleTuner();
        TaskResult r = GlueBenchmark.run(tuner, data, recipe, 0, dir);
        assertEquals(4, tuner.calls, "2 rates x 2 seeds");
        assertEquals("GLUE-MRPC", r.task());
        assertEquals(3e-5f, r.details().get("selected_learning_rate"));
        assertEquals("dev", r.details().get("report_split"));
        // seed 1: 4/4 right; seed 2: 3/4 -> mean 87.5, sample sd of {100, 75} = 17.68
        assertEquals(87.5, r.metrics().get("acc").doubleValue(), 1e-9);
        assertEquals(Math.sqrt(312.5), r.metrics().get("acc_sd").doubleValue(), 1e-9);
        assertEquals(4, r.metrics().get("n").intValue());
        assertEquals("1111", r.details().get("test_correct"), "seed 1 at the chosen rate: all right");
        // the submission comes from seed 1 (best dev run at the chosen rate)
        assertEquals(1L, r.details().get("submission_seed"));
        assertEquals("index\tprediction\n17\t1\n18\t1\n", Files.readString(dir.resolve("MRPC.tsv")));
    }

    @Test
    void aWorkFolderKeepsFinishedRunsAndResumesTheInterruptedOneOnly(@TempDir Path dir) throws Exception {
        GlueSplits data = new GlueSplits(GlueTask.MRPC, "glue", labelled("1", "0"), Map.of("dev", labelled("1", "0", "0", "1")), Map.of());
        GlueRecipe recipe = new GlueRecipe(128, 32, 3, List.of(2e-5f, 3e-5f), 0.1, 0.01f, 0.1f, 1.0, List.of(1L, 2L), 0);
        TaskResult fresh = GlueBenchmark.run(new RuleTuner(), data, recipe, 0, null);
        Path work = dir.resolve("work");

        RuleTuner killed = new RuleTuner();
        killed.crashes = 3e-5f + "/2";
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> GlueBenchmark.run(killed, data, recipe, 0, null, work));
        assertEquals("killed", e.getMessage());
        assertEquals(3, killed.calls, "three runs finished");
        assertEquals(4, killed.runDirs.size(), "the fourth was killed");
        Path mrpc = work.resolve("MRPC");
        assertTrue(Files.exists(mrpc.resolve("lr-2.0E-5-seed-1/run.json")));
        assertTrue(Files.notExists(mrpc.resolve("lr-2.0E-5-seed-1/checkpoints")), "a finished run's checkpoints are dropped");
        assertTrue(Files.notExists(mrpc.resolve("lr-3.0E-5-seed-2/run.json")));
        assertTrue(Files.exists(mrpc.resolve("lr-3.0E-5-seed-2/checkpoints")), "the interrupted run keeps its checkpoint");

        RuleTuner again = new RuleTuner();
        TaskResult resumed = GlueBenchmark.run(again, data, recipe, 0, null, work);
        assertEquals(List.of(mrpc.resolve("lr-3.0E-5-seed-2")), again.runDirs, "only the interrupted run trains again, in its folder");
        assertEquals(fresh.metrics(), resumed.metrics());
        assertEquals(fresh.details().get("selected_learning_rate"), resumed.details().get("selected_learning_rate"));
        assertEquals(fresh.details().get("splits"), resumed.details().get("splits"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) resumed.details().get("runs");
        assertEquals(3, runs.stream().filter(r -> r.containsKey("reused")).count());

        RuleTuner none = new RuleTuner();
        assertEquals(fresh.metrics(), GlueBenchmark.run(none, data, recipe, 0, null, work).metrics());
        assertEquals(0, none.calls, "every run is done");

        GlueRecipe other = new GlueRecipe(128, 32, 2, List.of(2e-5f), 0.1, 0.01f, 0.1f, 1.0, List.of(1L), 0);
        io.contrast4j.core.UserInputException mismatch = org.junit.jupiter.api.Assertions.assertThrows(
                io.contrast4j.core.UserInputException.class, () -> GlueBenchmark.run(new RuleTuner(), data, other, 0, null, work));
        assertTrue(mismatch.getMessage().startsWith("workDir: ") && mismatch.getMessage().contains("recipe differ"), mismatch.getMessage());
    }

    @Test
    void withoutADevSplitNothingIsSelectedOnTest() {
        GlueSplits data = new GlueSplits(GlueTask.MRPC, "senteval", labelled("1", "0"), Map.of("test", labelled("1", "0")), Map.of());
        GlueRecipe recipe = new GlueRecipe(128, 32, 3, List.of(2e-5f, 3e-5f), 0.1, 0.01f, 0.1f, 1.0, List.of(1L), 0);
        TaskResult r = GlueBenchmark.run(new RuleTuner(), data, recipe, 1, null);
        assertEquals(2e-5f, r.details().get("selected_learning_rate"), "the first rate, not the better one on test");
        assertEquals(1, r.metrics().get("n").intValue(), "maxEvalExamples = 1");
        assertTrue(r.details().get("selected_on").toString().startsWith("nothing"));
    }
}
