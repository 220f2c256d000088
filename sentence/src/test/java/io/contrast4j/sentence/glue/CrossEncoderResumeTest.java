package io.contrast4j.sentence.glue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.sentence.train.TensorArchive;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainerCallback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fine-tuning run killed mid-way and started again in its folder resumes from its checkpoint and
 * ends bit for bit where an uninterrupted run ends: encoder and head parameters, AdamW's moments,
 * last loss and predictions. Two controls show the comparison would catch a resume that lost the
 * head or the optimizer state: the same resume from a checkpoint whose head, or whose moments,
 * were reset ends elsewhere.
 */
class CrossEncoderResumeTest {
    // 10 examples, batch 4: 3 batches an epoch (the last one short), 3 epochs = 9 steps; the crash
    // in step 5 is in the second epoch, after the checkpoint of step 4.
    private static final GlueRecipe RECIPE = new GlueRecipe(32, 4, 3, List.of(1e-3f), 0.1, 0.01f, 0.1f, 1.0, List.of(5L), 0);
    private static final List<GlueExample> TRAIN = CrossEncoderRuns.pairs(0, 10, false);
    private static final List<List<GlueExample>> PREDICT = List.of(CrossEncoderRuns.pairs(40, 8, false));

    /** A kill during step {@code step}: the exception ends the run before that step's checkpoint. */
    private static TrainerCallback crashAt(long step) {
        return new TrainerCallback() {
            @Override
            public void onStepEnd(long done, double loss, double learningRate, double gradNorm) {
                if (done == step) throw new IllegalStateException("simulated crash in step " + done);
            }
        };
    }

    @Test
    void anInterruptedRunResumesToTheSameParametersHeadOptimizerAndScores(@TempDir Path dir) throws Exception {
        CrossEncoderFineTuner tuner = new CrossEncoderFineTuner(CrossEncoderRuns.tinyModel(dir, 11).toString(), Device.cpu())
                .withCheckpointEvery(2);
        Path whole = dir.resolve("whole");
        GlueFineTuner.Run expected = tuner.fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, whole);
        assertEquals(9, expected.steps());

        Path broken = dir.resolve("broken");
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> tuner.withCallbacks(crashAt(5)).fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, broken));
        assertTrue(crash.getMessage().contains("simulated crash"), crash.getMessage());
        Path atStep4 = Trainer.latestCheckpoint(broken).orElseThrow();
        assertTrue(atStep4.getFileName().toString().endsWith("000004"), atStep4.toString());
        Map<String, float[]> head4 = CrossEncoderRuns.checkpointTensors(broken, "model.bin");
        copyTree(broken, dir.resolve("control-head"));
        copyTree(broken, dir.resolve("control-moments"));

        GlueFineTuner.Run resumed = tuner.fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, broken);
        assertTrue(Files.readString(broken.resolve("train.log")).contains("resumed at step 4"), "it resumed, not restarted");
        assertEquals(9, resumed.steps());
        assertEquals(Double.doubleToRawLongBits(expected.finalLoss()), Double.doubleToRawLongBits(resumed.finalLoss()));
        assertEquals(expected.predictions(), resumed.predictions());
        assertSameTensors(CrossEncoderRuns.checkpointTensors(whole, "model.bin"), CrossEncoderRuns.checkpointTensors(broken, "model.bin"));
        assertSameTensors(CrossEncoderRuns.checkpointTensors(whole, "optimizer.bin"),
                CrossEncoderRuns.checkpointTensors(broken, "optimizer.bin"));

        // the head is in the checkpoint, and so are its moments
        assertTrue(head4.containsKey("classifier.weight") && head4.containsKey("classifier.bias"), head4.keySet().toString());
        assertTrue(CrossEncoderRuns.checkpointTensors(broken, "optimizer.bin").containsKey("m/classifier.weight"));

        // controls: a resume that lost the head, or AdamW's moments, does not end where the whole run ends
        resetInCheckpoint(dir.resolve("control-head"), "model.bin", "classifier.");
        tuner.fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, dir.resolve("control-head"));
        assertFalse(java.util.Arrays.equals(bits(CrossEncoderRuns.checkpointTensors(whole, "model.bin").get("classifier.weight")),
                bits(CrossEncoderRuns.checkpointTensors(dir.resolve("control-head"), "model.bin").get("classifier.weight"))));
        resetInCheckpoint(dir.resolve("control-moments"), "optimizer.bin", "");
        tuner.fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, dir.resolve("control-moments"));
        assertFalse(CrossEncoderRuns.sha256(CrossEncoderRuns.checkpointTensors(whole, "model.bin"))
                .equals(CrossEncoderRuns.sha256(CrossEncoderRuns.checkpointTensors(dir.resolve("control-moments"), "model.bin"))));
    }

    @Test
    void stopAfterEndsARunAsInterruptedWithItsCheckpoint(@TempDir Path dir) throws Exception {
        CrossEncoderFineTuner tuner = new CrossEncoderFineTuner(CrossEncoderRuns.tinyModel(dir, 11).toString(), Device.cpu());
        Path run = dir.resolve("run");
        CrossEncoderFineTuner.Interrupted e = assertThrows(CrossEncoderFineTuner.Interrupted.class,
                () -> tuner.withStopAfter(3).fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 1e-3f, 5, run));
        assertTrue(e.getMessage().contains("stopped after step 3 of 9"), e.getMessage());
        assertTrue(Trainer.latestCheckpoint(run).orElseThrow().getFileName().toString().endsWith("000003"));
        io.contrast4j.core.UserInputException other = assertThrows(io.contrast4j.core.UserInputException.class,
                () -> tuner.fineTune(GlueTask.MRPC, TRAIN, PREDICT, RECIPE, 2e-3f, 5, run));
        assertTrue(other.getMessage().startsWith("runDir: ") && other.getMessage().contains("learning_rate"), other.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tuner.withCheckpointEvery(-1));
    }

    private static void assertSameTensors(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(bits(expected.get(name)), bits(actual.get(name)), name + " differs");
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = Float.floatToRawIntBits(values[i]);
        return out;
    }

    /** Zeroes the tensors whose names (moments: after "m/" or "v/") start with {@code prefix} in the run's newest checkpoint. */
    private static void resetInCheckpoint(Path runDir, String file, String prefix) throws Exception {
        Path archive = Trainer.latestCheckpoint(runDir).orElseThrow().resolve(file);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> tensors = TensorArchive.read(archive, m);
            int reset = 0;
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                String name = e.getKey().startsWith("m/") || e.getKey().startsWith("v/") ? e.getKey().substring(2) : e.getKey();
                if (name.startsWith(prefix)) {
                    e.setValue(e.getValue().zerosLike());
                    reset++;
                }
            }
            assertTrue(reset > 0, "nothing named " + prefix + "* in " + archive);
            TensorArchive.write(archive, tensors);
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
