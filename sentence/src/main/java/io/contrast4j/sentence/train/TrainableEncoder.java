package io.contrast4j.sentence.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.contrast4j.core.Embedder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the trainer needs from a sentence encoder: a differentiable forward pass to pooled
 * embeddings, its parameters by stable name, an inference view for evaluation, and a way to save
 * itself as a model folder.
 */
public interface TrainableEncoder extends AutoCloseable {

    /**
     * Pooled embeddings {@code [texts.size(), d]}, not normalized, created in {@code manager}.
     * With {@code training} true, dropout is active (SimCSE's augmentation) and the random draws
     * come from the engine's generator, which the trainer seeds before each call.
     */
    NDArray forward(NDManager manager, List<String> texts, boolean training);

    /** Trainable parameters by stable name (HuggingFace names for the BERT encoder), fixed order. */
    Map<String, Parameter> parameters();

    Device device();

    /** An inference view (eval mode, batched) of the current weights, for dev evaluation. */
    Embedder embedder();

    /** Writes the model as a folder that {@code --model DIR} loads (HuggingFace layout for BERT). */
    void save(Path dir) throws IOException;

    @Override
    void close();
}
