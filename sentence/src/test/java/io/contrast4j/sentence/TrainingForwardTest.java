package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.SentenceModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same block trains: HF-named parameters get gradients, and dropout is on only in training. */
class TrainingForwardTest {

    @Test
    void gradientsReachHfNamedParametersAndDropoutIsTrainingOnly() {
        try (SentenceModel model = MiniLm.load(Device.cpu())) {
            Map<String, Parameter> params = model.encoder().namedParameters();
            assertEquals(101, params.size());
            assertEquals(params.keySet(), java.util.Set.copyOf(model.encoder().getParameters().keys()),
                    "DJL sees the HF names too");
            HfTokenizer.PaddedBatch batch = model.tokenizer().encodeBatch(
                    List.of("A man is playing a guitar.", "A person plays an instrument."));
            try (NDManager step = model.manager().newSubManager()) {
                ParameterStore ps = new ParameterStore(step, false);
                NDList inputs = SentenceModel.toInputs(step, batch);
                NDArray eval1 = model.forward(ps, inputs, false);
                NDArray eval2 = model.forward(ps, inputs, false);
                assertEquals(0f, eval1.sub(eval2).abs().max().getFloat(), "inference is deterministic");
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray a = model.forward(ps, inputs, true);
                    NDArray b = model.forward(ps, inputs, true);
                    assertTrue(a.sub(b).abs().max().getFloat() > 1e-4f, "dropout makes two passes differ (SimCSE)");
                    // a SimCSE-like objective: pull the two dropout views of each sentence together
                    NDArray loss = a.mul(b).sum().neg();
                    gc.backward(loss);
                }
                for (String name : List.of("encoder.layer.0.attention.self.query.weight",
                        "encoder.layer.5.output.LayerNorm.bias", "embeddings.word_embeddings.weight")) {
                    NDArray g = params.get(name).getArray().getGradient();
                    assertTrue(g.abs().sum().getFloat() > 0f, name + " has a gradient");
                }
            }
        }
    }
}
