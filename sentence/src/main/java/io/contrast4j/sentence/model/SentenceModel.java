package io.contrast4j.sentence.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.contrast4j.sentence.text.HfTokenizer;
import java.util.Objects;

/**
 * A sentence-transformers style model: tokenizer, BERT encoder, pooling and optional L2
 * normalization, with its parameters on one DJL device. Owns its NDManager and tokenizer.
 *
 * <p>{@link #forward} is the differentiable path a trainer uses (under a GradientCollector, with
 * dropout when {@code training}); {@link #embedBatch} is the inference path (no-grad, one
 * sub-manager per batch, closed before returning, so native memory does not grow).
 *
 * <p>Thread-safety: {@link #embedBatch} may be called from several threads at once: parameters are
 * only read, and each call uses its own NDManager scope. Training and inference must not overlap.
 */
public final class SentenceModel implements AutoCloseable {

    private final String name;
    private final NDManager manager;
    private final BertEncoder encoder;
    private final HfTokenizer tokenizer;
    private final byte[] tokenizerJson;
    private final Pooling pooling;
    private final boolean normalize;
    private final int maxSeqLength;

    /**
     * @param manager the manager holding the encoder's parameters (its device is the model's device);
     *     closed with the model
     * @param tokenizerJson the original tokenizer.json bytes, kept for saving the model
     */
    public SentenceModel(String name, NDManager manager, BertEncoder encoder, HfTokenizer tokenizer,
            byte[] tokenizerJson, Pooling pooling, boolean normalize) {
        this.name = Objects.requireNonNull(name);
        this.manager = manager;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.tokenizerJson = tokenizerJson;
        this.pooling = pooling;
        this.normalize = normalize;
        this.maxSeqLength = tokenizer.maxLength();
        if (maxSeqLength > encoder.config().maxPositionEmbeddings()) {
            throw new IllegalArgumentException("max sequence length " + maxSeqLength
                    + " exceeds max_position_embeddings " + encoder.config().maxPositionEmbeddings());
        }
    }

    public String name() {
        return name;
    }

    public BertEncoder encoder() {
        return encoder;
    }

    public BertConfig config() {
        return encoder.config();
    }

    public HfTokenizer tokenizer() {
        return tokenizer;
    }

    public byte[] tokenizerJson() {
        return tokenizerJson.clone();
    }

    public Pooling pooling() {
        return pooling;
    }

    public boolean normalize() {
        return normalize;
    }

    /** Texts are cut to this many tokens (special tokens included). */
    public int maxSeqLength() {
        return maxSeqLength;
    }

    public int dimension() {
        return encoder.config().hiddenSize();
    }

    public Device device() {
        return manager.getDevice();
    }

    /** The manager that holds the parameters; make per-step sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** Input tensors (ids, mask, type ids) for a padded batch, created on {@code m}'s device. */
    public static NDList toInputs(NDManager m, HfTokenizer.PaddedBatch b) {
        Shape shape = new Shape(b.batchSize(), b.seqLength());
        return new NDList(m.create(b.ids(), shape), m.create(b.attentionMask(), shape), m.create(b.typeIds(), shape));
    }

    /**
     * Sentence embeddings {@code [batch, dim]} for inputs from {@link #toInputs}: encoder, pooling,
     * then L2 normalization when the model has it. Differentiable; dropout only when training.
     */
    public NDArray forward(ParameterStore ps, NDList inputs, boolean training) {
        NDArray hidden = encoder.forward(ps, inputs, training).head();
        NDArray pooled = pooling.pool(hidden, inputs.get(1));
        return normalize ? Pooling.l2Normalize(pooled) : pooled;
    }

    /** Inference for one padded batch: one row per text of the batch. */
    public float[][] embedBatch(HfTokenizer.PaddedBatch batch) {
        float[][] out = new float[batch.batchSize()][];
        try (NDManager scope = manager.newSubManager();
                NoGradient ignored = new NoGradient(manager.getEngine())) {
            NDList inputs = toInputs(scope, batch);
            NDArray emb = forward(new ParameterStore(scope, false), inputs, false);
            float[] flat = emb.toType(DataType.FLOAT32, false).toFloatArray();
            int dim = dimension();
            for (int r = 0; r < out.length; r++) {
                out[r] = new float[dim];
                System.arraycopy(flat, r * dim, out[r], 0, dim);
            }
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }
}
