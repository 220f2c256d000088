package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.contrast4j.sentence.objective.PretrainingObjective;
import java.util.Map;

/** A contrastive {@link PretrainingObjective} with its step (in-batch or momentum contrast) as the trainer's {@link TrainingTask}. */
final class ObjectiveTask implements TrainingTask {

    private final PretrainingObjective objective;
    private final Map<String, Parameter> heads;
    private StepStrategy step;

    ObjectiveTask(PretrainingObjective objective, TrainableEncoder encoder) {
        this.objective = objective;
        this.heads = objective.headParameters(encoder.embedder().dimension(), encoder.device());
    }

    void step(StepStrategy s) {
        step = s;
    }

    @Override
    public String name() {
        return "pretrain " + objective.name();
    }

    @Override
    public Map<String, Parameter> headParameters() {
        return heads;
    }

    @Override
    public float headLearningRate() {
        return objective.headLearningRate();
    }

    @Override
    public double microStep(NDManager manager, int batchSize, long s, int micro, float scale) {
        return step.microStep(manager, objective.next(batchSize), s, micro, scale);
    }

    @Override
    public long position() {
        return objective.position();
    }

    @Override
    public void seek(long position) {
        objective.seek(position);
    }

    @Override
    public Map<String, Object> describe() {
        return objective.describe();
    }
}
