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
    private final Prompts prompts;

    /** A model without prompts. */
    public SentenceModel(String name, NDManager manager, BertEncoder encoder, HfTokenizer tokenizer,
            byte[] tokenizerJson, Pooling pooling, boolean normalize) {
        this(name, manager, encoder, tokenizer, tokenizerJson, pooling, normalize, Prompts.NONE);
    }

    /**
     * @param manager the manager holding the encoder's parameters (its device is the model's device);
     *     closed with the model
     * @param tokenizerJson the original tokenizer.json bytes, kept for saving the model
     * @param prompts the model's named prompts (config_sentence_transformers.json), or {@link Prompts#NONE}
     */
    public SentenceModel(String name, NDManager manager, BertEncoder encoder, HfTokenizer tokenizer,
            byte[] tokenizerJson, Pooling pooling, boolean normalize, Prompts prompts) {
        this.name = Objects.requireNonNull(name);
        this.prompts = Objects.requireNonNull(prompts);
        this.manager = manager;
        this.encoder = encoder;
        this.tokenizer = tokenizer;
        this.tokenizerJson = tokenizerJson;
        this.pooling = pooling;
        this.normalize = normalize;
        this.maxSeqLength = tokenizer.maxLength();
        if (maxSeqLength > encoder.config().maxSequenceLength()) {
            throw new IllegalArgumentException("max sequence length " + maxSeqLength + " exceeds the "
                    + encoder.config().maxSequenceLength() + " positions of max_position_embeddings "
                    + encoder.config().maxPositionEmbeddings());
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

    /** The model's named prompts and default prompt (never null). */
    public Prompts prompts() {
        return prompts;
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
     * then L2 normalization when the model has it. Differentiable; dropout only when training. A
     * fourth input, when present, is the pooling mask (the attention mask with prompt tokens
     * cleared, see {@link Prompts#includeInPooling()}); otherwise pooling uses the attention mask.
     */
    public NDArray forward(ParameterStore ps, NDList inputs, boolean training) {
        NDArray hidden = encoder.forward(ps, inputs, training).head(); // the encoder reads inputs 0..2 only
        NDArray pooled = pooling.pool(hidden, inputs.size() > 3 ? inputs.get(3) : inputs.get(1));
        return normalize ? Pooling.l2Normalize(pooled) : pooled;
    }

    /** Inference for one padded batch: one row per text of the batch. */
    public float[][] embedBatch(HfTokenizer.PaddedBatch batch) {
        return embedBatch(batch, 0);
    }

    /**
     * Inference for one padded batch whose texts start with a prompt; the first {@code
     * excludedFromPooling} tokens of each row are left out of pooling (0 = pool every token).
     */
    public float[][] embedBatch(HfTokenizer.PaddedBatch batch, int excludedFromPooling) {
        float[][] out = new float[batch.batchSize()][];
        try (NDManager scope = manager.newSubManager();
                NoGradient ignored = new NoGradient(manager.getEngine())) {
            NDList inputs = toInputs(scope, batch);
            if (excludedFromPooling > 0) {
                long[] poolMask = batch.attentionMask().clone();
                for (int r = 0; r < batch.batchSize(); r++) {
                    for (int t = 0; t < Math.min(excludedFromPooling, batch.seqLength()); t++) {
                        poolMask[r * batch.seqLength() + t] = 0;
                    }
                }
                inputs.add(scope.create(poolMask, new Shape(batch.batchSize(), batch.seqLength())));
            }
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

    /** Inference for one padded batch: the encoder's token states {@code [batch][seq][dim]}, before pooling. */
    public float[][][] tokenStates(HfTokenizer.PaddedBatch batch) {
        int dim = dimension();
        int seq = batch.seqLength();
        float[][][] out = new float[batch.batchSize()][seq][dim];
        try (NDManager scope = manager.newSubManager();
                NoGradient ignored = new NoGradient(manager.getEngine())) {
            NDArray hidden = encoder.forward(new ParameterStore(scope, false), toInputs(scope, batch), false).head();
            float[] flat = hidden.toType(DataType.FLOAT32, false).toFloatArray();
            for (int r = 0; r < out.length; r++) {
                for (int t = 0; t < seq; t++) {
                    System.arraycopy(flat, (r * seq + t) * dim, out[r][t], 0, dim);
                }
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
