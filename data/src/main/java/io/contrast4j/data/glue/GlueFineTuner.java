package io.contrast4j.data.glue;

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

    /** The model's name. */
    String modelName();

    /** What identifies the model and the fine-tuning code, for provenance. */
    Map<String, Object> provenance();
}
