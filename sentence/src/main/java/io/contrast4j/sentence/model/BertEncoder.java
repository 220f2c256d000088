package io.contrast4j.sentence.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.weights.Tensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-family encoder (Devlin et al. 2019, §3; post-LayerNorm Transformer of Vaswani et al. 2017,
 * §3.2) laid out exactly like HuggingFace's {@code BertModel} without the pooler, or, by {@link
 * BertConfig#architecture()}, like {@code RobertaModel} / {@code XLMRobertaModel} (positions counted
 * from the padding index), {@code DistilBertModel} (no token types) or {@code MPNetModel} (plus a
 * relative-position attention bias); see {@link Architecture}. Every parameter is a direct parameter
 * of this block and carries its HuggingFace name for that architecture ({@code
 * encoder.layer.3.attention.self.query.weight}, {@code transformer.layer.3.attention.q_lin.weight},
 * ...; {@link WeightNames}), so {@link #getParameters()} lists HF names, weights load by name, and a
 * trainer's optimizer sees them all. Linear weights are {@code [out, in]} like {@code
 * torch.nn.Linear}.
 *
 * <p>Input: {@code NDList(input_ids, attention_mask[, token_type_ids])}, each {@code [batch, seq]}
 * int64 (the mask 1 for tokens, 0 for padding). Output: {@code NDList(last_hidden_state)} {@code
 * [batch, seq, hidden]} float32. Dropout is applied only when {@code training} is true, so the same
 * block serves inference (no-grad, deterministic) and contrastive training (under a
 * GradientCollector, where dropout is SimCSE's noise).
 *
 * <p>Nothing here assumes a device: arrays for one forward pass are created where the input ids
 * live, and parameters come from the {@link ParameterStore} for that device.
 */
public final class BertEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    /** Added to attention scores at padding positions: HF uses the dtype's lowest value. */
    private static final float MASK_BIAS = -Float.MAX_VALUE;
    /** Input shapes recorded at initialization (ids, mask); parameters do not depend on them. */
    private static final Shape[] EXAMPLE_INPUT = {new Shape(1, 2), new Shape(1, 2)};

    private final BertConfig config;
    private final Parameter wordEmbeddings;
    private final Parameter positionEmbeddings;
    /** Null where the architecture has no token types (DistilBERT, MPNet). */
    private final Parameter tokenTypeEmbeddings;
    /** MPNet's relative-position bias {@code [buckets, heads]}, shared by all layers; null elsewhere. */
    private final Parameter relativeAttentionBias;
    private final Parameter embLnWeight;
    private final Parameter embLnBias;
    private final List<Layer> layers = new ArrayList<>();

    /** The parameters of one {@code encoder.layer.N}. */
    private record Layer(
            Parameter qW, Parameter qB, Parameter kW, Parameter kB, Parameter vW, Parameter vB,
            Parameter attnOutW, Parameter attnOutB, Parameter attnLnW, Parameter attnLnB,
            Parameter interW, Parameter interB, Parameter outW, Parameter outB,
            Parameter outLnW, Parameter outLnB) {}

    public BertEncoder(BertConfig config) {
        super(VERSION);
        this.config = config;
        WeightNames names = new WeightNames(config.architecture());
        int h = config.hiddenSize();
        wordEmbeddings = weight(names.wordEmbeddings() + ".weight", config.vocabSize(), h);
        positionEmbeddings = weight(names.positionEmbeddings() + ".weight", config.maxPositionEmbeddings(), h);
        tokenTypeEmbeddings = names.tokenTypeEmbeddings() == null ? null
                : weight(names.tokenTypeEmbeddings() + ".weight", config.typeVocabSize(), h);
        embLnWeight = gamma(names.embeddingNorm() + ".weight", h);
        embLnBias = beta(names.embeddingNorm() + ".bias", h);
        int ff = config.intermediateSize();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            WeightNames.Layer n = names.layer(i);
            layers.add(new Layer(
                    weight(n.query() + ".weight", h, h), bias(n.query() + ".bias", h),
                    weight(n.key() + ".weight", h, h), bias(n.key() + ".bias", h),
                    weight(n.value() + ".weight", h, h), bias(n.value() + ".bias", h),
                    weight(n.attentionOutput() + ".weight", h, h), bias(n.attentionOutput() + ".bias", h),
                    gamma(n.attentionNorm() + ".weight", h), beta(n.attentionNorm() + ".bias", h),
                    weight(n.intermediate() + ".weight", ff, h), bias(n.intermediate() + ".bias", ff),
                    weight(n.output() + ".weight", h, ff), bias(n.output() + ".bias", h),
                    gamma(n.outputNorm() + ".weight", h), beta(n.outputNorm() + ".bias", h)));
        }
        // Registered after the layers, where MPNetEncoder's state_dict lists it.
        relativeAttentionBias = names.relativeAttentionBias() == null ? null
                : weight(names.relativeAttentionBias() + ".weight", config.relativeAttentionNumBuckets(),
                        config.numAttentionHeads());
    }

    public BertConfig config() {
        return config;
    }

    /** Parameters by HuggingFace name, in HF's state_dict order. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Parameter p : parameters.values()) {
            out.put(p.getName(), p);
        }
        return out;
    }

    /**
     * Creates every parameter on {@code manager}'s device from HF-named tensors. Tensors this block
     * does not use ({@code pooler.*}, {@code embeddings.position_ids}) are ignored; a missing tensor or
     * a shape that disagrees with the config is a user error naming the tensor and both shapes.
     */
    public void initialize(NDManager manager, Map<String, Tensor> weights, String source) {
        for (Parameter p : parameters.values()) {
            Tensor t = weights.get(p.getName());
            if (t == null) {
                throw new UserInputException(source + ": weight \"" + p.getName() + "\" is missing (config expects "
                        + p.getShape() + ")");
            }
            if (!Arrays.equals(t.shape(), p.getShape().getShape())) {
                throw new UserInputException(source + ": weight \"" + p.getName() + "\" has shape " + t.shapeString()
                        + " but config.json implies " + p.getShape());
            }
            p.setInitializer((m, shape, dataType) -> m.create(t.data(), shape).toType(dataType, false));
        }
        initialize(manager, DataType.FLOAT32, EXAMPLE_INPUT);
    }

    /** Random initialization as HF BERT does it (normal 0.02, LayerNorm 1/0), e.g. to train from scratch. */
    public void initializeRandom(NDManager manager) {
        initialize(manager, DataType.FLOAT32, EXAMPLE_INPUT);
    }

    /** Copies current parameter values to host tensors under their HF names (for saving). */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Parameter p : parameters.values()) {
            NDArray a = p.getArray();
            out.put(p.getName(), new Tensor(p.getName(), a.getShape().getShape(), a.toType(DataType.FLOAT32, false)
                    .toFloatArray()));
        }
        return out;
    }

    /** Overwrites initialized parameters in place with HF-named tensors of the same shapes. */
    public void copyFrom(Map<String, Tensor> weights, String source) {
        for (Parameter p : parameters.values()) {
            Tensor t = weights.get(p.getName());
            if (t == null || !Arrays.equals(t.shape(), p.getShape().getShape())) {
                throw new UserInputException(source + ": weight \"" + p.getName() + "\" missing or of shape "
                        + (t == null ? "none" : t.shapeString()) + ", expected " + p.getShape());
            }
            p.getArray().set(FloatBuffer.wrap(t.data()));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray typeIds = inputs.size() > 2 ? inputs.get(2) : null;
        Device device = ids.getDevice();
        long batch = ids.getShape().get(0);
        long seq = ids.getShape().get(1);
        if (seq > config.maxSequenceLength()) {
            throw new IllegalArgumentException("sequence length " + seq + " exceeds the " + config.maxSequenceLength()
                    + " positions of max_position_embeddings " + config.maxPositionEmbeddings());
        }
        int h = config.hiddenSize();
        int heads = config.numAttentionHeads();
        int hd = config.headSize();
        float eps = (float) config.layerNormEps();
        float hidDrop = (float) config.hiddenDropoutProb();
        float attDrop = (float) config.attentionProbsDropoutProb();
        NDArrayEx ex = ids.getNDArrayInternal();
        Shape hiddenShape = new Shape(h);

        // Embeddings: word + position (+ token type), then LayerNorm and dropout.
        NDArray x = ex.embedding(ids, ps.getValue(wordEmbeddings, device, training), SparseFormat.DENSE).head();
        x = x.add(ex.embedding(positionIds(ids), ps.getValue(positionEmbeddings, device, training),
                SparseFormat.DENSE).head());
        if (tokenTypeEmbeddings != null) {
            NDArray types = typeIds != null ? typeIds : ids.zerosLike();
            x = x.add(ex.embedding(types, ps.getValue(tokenTypeEmbeddings, device, training), SparseFormat.DENSE)
                    .head());
        }
        x = layerNorm(x, hiddenShape, ps, embLnWeight, embLnBias, device, training, eps);
        x = dropout(x, hidDrop, training);
        // Token states as one [batch * seq, hidden] matrix between layers: a linear layer on a 2-d
        // input is a single GEMM with the bias folded in (libtorch's addmm); on a 3-d input it is a
        // matmul followed by a separate pass adding the bias.
        x = x.reshape(batch * seq, h);

        // Additive mask [batch, 1, 1, seq]: 0 for tokens, lowest float for padding.
        NDArray maskBias = mask.toType(DataType.FLOAT32, false).neg().add(1f).mul(MASK_BIAS)
                .reshape(batch, 1, 1, seq);
        float scale = (float) (1.0 / Math.sqrt(hd));
        if (relativeAttentionBias != null) {
            // MPNet: one bias [1, heads, seq, seq] for all layers, added to the scores before the mask.
            maskBias = maskBias.add(relativePositionBias(ids.getManager(), (int) seq, ps, device, training));
        }

        for (Layer l : layers) {
            // Multi-head self-attention (Vaswani et al. 2017, §3.2.2), scaling q before the product.
            NDArray q = GraphScalars.mul(linear(x, ps, l.qW, l.qB, device, training), scale)
                    .reshape(batch, seq, heads, hd).transpose(0, 2, 1, 3);
            NDArray k = linear(x, ps, l.kW, l.kB, device, training)
                    .reshape(batch, seq, heads, hd).transpose(0, 2, 3, 1);
            NDArray v = linear(x, ps, l.vW, l.vB, device, training)
                    .reshape(batch, seq, heads, hd).transpose(0, 2, 1, 3);
            NDArray probs = q.matMul(k).add(maskBias).softmax(-1);
            probs = dropout(probs, attDrop, training);
            NDArray ctx = probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch * seq, h);
            NDArray attnOut = dropout(linear(ctx, ps, l.attnOutW, l.attnOutB, device, training), hidDrop, training);
            x = layerNorm(attnOut.add(x), hiddenShape, ps, l.attnLnW, l.attnLnB, device, training, eps);
            // Feed-forward with exact (erf) GELU, HF's "gelu".
            NDArray inter = linear(x, ps, l.interW, l.interB, device, training).getNDArrayInternal().gelu();
            NDArray out = dropout(linear(inter, ps, l.outW, l.outB, device, training), hidDrop, training);
            x = layerNorm(out.add(x), hiddenShape, ps, l.outLnW, l.outLnB, device, training, eps);
        }
        return new NDList(x.reshape(batch, seq, h));
    }

    /**
     * Position ids {@code [batch, seq]} or {@code [seq]}: {@code 0..seq-1}, or for RoBERTa/XLM-R/MPNet
     * HF's {@code create_position_ids_from_input_ids}: {@code cumsum(ids != pad) * (ids != pad) + pad}.
     */
    private NDArray positionIds(NDArray ids) {
        long seq = ids.getShape().get(1);
        if (!config.architecture().positionsFromPadding()) {
            return ids.getManager().arange(0, (int) seq, 1, DataType.INT64, ids.getDevice());
        }
        long pad = config.positionPaddingIndex();
        NDArray notPad = ids.neq(pad).toType(DataType.INT64, false);
        return notPad.cumSum(1).mul(notPad).add(pad);
    }

    /** MPNet's {@code compute_position_bias}: bias[bucket(j - i)] as {@code [1, heads, seq, seq]}. */
    private NDArray relativePositionBias(NDManager m, int seq, ParameterStore ps, Device device, boolean training) {
        long[] buckets = new long[seq * seq];
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) {
                buckets[i * seq + j] = RelativePositionBuckets.bucket(j - i);
            }
        }
        NDArray idx = m.create(buckets, new Shape(seq, seq)).toDevice(device, false);
        NDArray values = idx.getNDArrayInternal()
                .embedding(idx, ps.getValue(relativeAttentionBias, device, training), SparseFormat.DENSE).head();
        return values.transpose(2, 0, 1).expandDims(0);
    }

    private static NDArray linear(NDArray x, ParameterStore ps, Parameter w, Parameter b, Device d, boolean training) {
        return x.getNDArrayInternal().linear(x, ps.getValue(w, d, training), ps.getValue(b, d, training)).head();
    }

    private static NDArray layerNorm(NDArray x, Shape shape, ParameterStore ps, Parameter g, Parameter b, Device d,
            boolean training, float eps) {
        return x.getNDArrayInternal().layerNorm(x, shape, ps.getValue(g, d, training), ps.getValue(b, d, training), eps)
                .head();
    }

    private static NDArray dropout(NDArray x, float rate, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return x.getNDArrayInternal().dropout(x, rate, true).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hiddenSize())};
    }

    private Parameter weight(String name, long rows, long cols) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, cols)).optInitializer(new NormalInitializer(0.02f)).build());
    }

    private Parameter bias(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(n)).build());
    }

    private Parameter gamma(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.GAMMA)
                .optShape(new Shape(n)).build());
    }

    private Parameter beta(String name, long n) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BETA)
                .optShape(new Shape(n)).build());
    }
}
