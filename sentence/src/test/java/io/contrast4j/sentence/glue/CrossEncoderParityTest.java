package io.contrast4j.sentence.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuner on the unified trainer gives exactly the numbers of the loop it replaced. The
 * expected values were recorded from that loop (CrossEncoderFineTuner at commit 64a8542, its final
 * encoder + head parameters dumped after the last step) on this toy model and config, on the CPU
 * engine of the build machine: SHA-256 of every final parameter's float32 bits, the last step's
 * loss bits, and the predictions. A change of data order, dropout seeding, head init, schedule,
 * clipping or update order changes the hash. (Bitwise values are those of this CPU's kernels; on
 * other hardware libtorch may round differently.)
 */
class CrossEncoderParityTest {
    private static final GlueRecipe RECIPE = new GlueRecipe(32, 4, 2, List.of(1e-3f), 0.1, 0.01f, 0.1f, 1.0, List.of(5L), 0);

    @Test
    void classificationMatchesTheRecordedLoop(@TempDir Path dir) throws Exception {
        check(dir, GlueTask.MRPC, 0x3fe4036940000000L,
                "349566658a041731dba20caea54b02ef8a783bdd846f15e99b9b79a599685d67",
                List.of("0", "0", "0", "0", "0", "0", "0", "0"));
    }

    @Test
    void regressionMatchesTheRecordedLoop(@TempDir Path dir) throws Exception {
        check(dir, GlueTask.STSB, 0x402316cac0000000L,
                "66c9cd45fc0816a7bf4f6dde744a2f19f1f30d74a5179160174c5675238f94b0",
                List.of("0.1705661", "0.17891653", "0.17963974", "0.15729825", "0.1598015", "0.18112804", "0.15622823", "0.17328916"));
    }

    private static void check(Path dir, GlueTask task, long lossBits, String parameterSha, List<String> predictions) throws Exception {
        Path model = CrossEncoderRuns.tinyModel(dir, 11);
        boolean regression = task.isRegression();
        Path run = dir.resolve("run");
        GlueFineTuner.Run r = new CrossEncoderFineTuner(model.toString(), Device.cpu()).fineTune(task,
                CrossEncoderRuns.pairs(0, 10, regression), List.of(CrossEncoderRuns.pairs(40, 8, regression)), RECIPE, 1e-3f, 5, run);
        assertEquals(6, r.steps(), "2 epochs x 3 batches (4, 4, 2)");
        assertEquals(Long.toHexString(lossBits), Long.toHexString(Double.doubleToRawLongBits(r.finalLoss())), "last loss");
        assertEquals(predictions, r.predictions().get(0));
        assertEquals(parameterSha, CrossEncoderRuns.sha256(CrossEncoderRuns.checkpointTensors(run, "model.bin")),
                "final encoder + head parameters");
    }
}
