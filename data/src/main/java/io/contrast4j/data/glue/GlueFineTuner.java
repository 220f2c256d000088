package io.contrast4j.data.glue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fine-tunes an encoder with a task head on one GLUE task and predicts labels: what the GLUE
 * harness needs from a model. Each call starts from the pretrained weights again.
 */
public interface GlueFineTuner {

    /** One fine-tuning run: predictions (class names, or STS-B scores as text) for each list of {@code toPredict}. */
    record Run(List<List<String>> predictions, int steps, double finalLoss, double seconds) {}

    Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                 float learningRate, long seed);

    /**
     * The same run with a folder of its own: checkpoints go into {@code runDir}, and a run that
     * was interrupted in it before resumes from its newest checkpoint, ending exactly as an
     * uninterrupted run would. Fine-tuners that cannot checkpoint refuse.
     */
    default Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                         float learningRate, long seed, Path runDir) {
        throw new UnsupportedOperationException(modelName() + ": this fine-tuner cannot checkpoint or resume runs");
    }

    /** The model's name. */
    String modelName();

    /** What identifies the model and the fine-tuning code, for provenance. */
    Map<String, Object> provenance();
}
