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
 * other hardware libtorch may round differently.) Re-recorded when BertEncoder began folding each
 * linear layer's bias into its GEMM (last-bit rounding changes): the old loop, put back beside the
 * new encoder for the purpose, gave these same bits as the trainer for both tasks.
 */
class CrossEncoderParityTest {
    private static final GlueRecipe RECIPE = new GlueRecipe(32, 4, 2, List.of(1e-3f), 0.1, 0.01f, 0.1f, 1.0, List.of(5L), 0);

    @Test
    void classificationMatchesTheRecordedLoop(@TempDir Path dir) throws Exception {
        check(dir, GlueTask.MRPC, 0x3fe4036940000000L,
                "095415630b690e9a806c4f9937219c7821cd20da385e8b1e76e9a99cdefd00d6",
                List.of("0", "0", "0", "0", "0", "0", "0", "0"));
    }

    @Test
    void regressionMatchesTheRecordedLoop(@TempDir Path dir) throws Exception {
        check(dir, GlueTask.STSB, 0x402316cac0000000L,
                "0c941d5c5578565763876cca7be05cbc383fb7140d44e61f6a4528dab4590865",
                List.of("0.1705661", "0.17891653", "0.17963974", "0.15729825", "0.1598015", "0.18112803", "0.15622823", "0.17328916"));
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
