package io.contrast4j.sentence.export;

import static io.contrast4j.sentence.weights.OnnxModelWriter.FLOAT;
import static io.contrast4j.sentence.weights.OnnxModelWriter.INT64;

import io.contrast4j.sentence.model.Architecture;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.RelativePositionBuckets;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.model.WeightNames;
import io.contrast4j.sentence.weights.OnnxModelWriter;
import io.contrast4j.sentence.weights.OnnxModelWriter.Attribute;
import io.contrast4j.sentence.weights.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The ONNX graph (opset 17, standard operators only) of a {@link SentenceModel}: the same arithmetic as
 * {@link io.contrast4j.sentence.model.BertEncoder}'s inference path, op for op, with the weights as
 * initializers under their HuggingFace names (linear weights kept {@code [out, in]} and transposed by
 * a {@code Transpose} node, which ONNX Runtime folds at load time).
 *
 * <p>Inputs {@code input_ids}, {@code attention_mask} and, for BERT, {@code token_type_ids}: int64
 * {@code [batch, sequence]}, both axes dynamic. Outputs: {@code last_hidden_state} {@code [batch,
 * sequence, hidden]} first (what LangChain4j's {@code OnnxEmbeddingModel} and other HF-export readers
 * take), then {@code sentence_embedding} {@code [batch, hidden]}: the model's own pooling (masked mean,
 * CLS or masked max, as sentence-transformers' Pooling) and L2 normalization when the model has it.
 */
final class OnnxEncoderGraph {
    private OnnxEncoderGraph() {}

    static final int OPSET = 17;
    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    static final String SENTENCE_EMBEDDING = "sentence_embedding";

    /** Whether the exported graph takes {@code token_type_ids}: BERT does; RoBERTa's single type is a constant row. */
    static boolean takesTokenTypes(BertConfig c) {
        return c.architecture() == Architecture.BERT;
    }

    static void write(SentenceModel model, OutputStream out, String producerVersion) throws IOException {
        BertConfig c = model.config();
        Architecture arch = c.architecture();
        WeightNames names = new WeightNames(arch);
        OnnxModelWriter g = new OnnxModelWriter("contrast4j_" + arch.modelType().replace('-', '_') + "_encoder");
        Map<String, Tensor> weights = model.encoder().toTensors();
        for (Tensor t : weights.values()) {
            g.initializer(t.name(), t.shape(), t.data());
        }
        String ids = g.input(INPUT_IDS, INT64, "batch", "sequence");
        String mask = g.input(ATTENTION_MASK, INT64, "batch", "sequence");
        String types = takesTokenTypes(c) ? g.input(TOKEN_TYPE_IDS, INT64, "batch", "sequence") : null;
        int h = c.hiddenSize();

        // Embeddings: word + position (+ token type), LayerNorm.
        String x = g.node("emb.word", "Gather", List.of(names.wordEmbeddings() + ".weight", ids));
        String positions;
        if (arch.positionsFromPadding()) {
            // create_position_ids_from_input_ids: cumsum(ids != pad) * (ids != pad) + pad
            long pad = c.positionPaddingIndex();
            String isPad = g.node("pos.is_pad", "Equal", List.of(ids, g.scalar(pad)));
            String notPad = g.node("pos.not_pad", "Cast", List.of(g.node("pos.not_pad_bool", "Not", List.of(isPad))),
                    Attribute.of("to", INT64));
            String cumsum = g.node("pos.cumsum", "CumSum", List.of(notPad, g.scalar(1L)));
            positions = g.node("pos.ids", "Add", List.of(g.node("pos.masked", "Mul", List.of(cumsum, notPad)),
                    g.scalar(pad)));
        } else {
            positions = g.node("pos.ids", "Range", List.of(g.scalar(0L), sequenceLength(g, ids), g.scalar(1L)));
        }
        x = g.node("emb.add_pos", "Add", List.of(x,
                g.node("emb.pos", "Gather", List.of(names.positionEmbeddings() + ".weight", positions))));
        if (names.tokenTypeEmbeddings() != null) {
            String typeIds = types != null ? types : g.scalar(0L); // RoBERTa: token_type_ids are all 0
            x = g.node("emb.add_type", "Add", List.of(x,
                    g.node("emb.type", "Gather", List.of(names.tokenTypeEmbeddings() + ".weight", typeIds))));
        }
        x = layerNorm(g, "emb.norm", x, names.embeddingNorm(), c);

        // Additive attention mask [batch, 1, 1, seq]: 0 at tokens, lowest float at padding.
        String maskF = g.node("mask.float", "Cast", List.of(mask), Attribute.of("to", FLOAT));
        String bias = g.node("mask.bias", "Mul", List.of(g.node("mask.inverse", "Sub", List.of(g.scalar(1f), maskF)),
                g.scalar(-Float.MAX_VALUE)));
        bias = g.node("mask.bias4", "Unsqueeze", List.of(bias, g.vector(1, 2)));
        if (arch.hasRelativeAttentionBias()) {
            bias = g.node("mask.with_position_bias", "Add", List.of(bias, relativePositionBias(g, ids, c, names)));
        }

        int heads = c.numAttentionHeads();
        int hd = c.headSize();
        String headShape = g.vector(0, 0, heads, hd);
        String hiddenShape = g.vector(0, 0, h);
        String scale = g.scalar((float) (1.0 / Math.sqrt(hd)));
        String invSqrt2 = g.scalar((float) (1.0 / Math.sqrt(2.0)));
        String one = g.scalar(1f);
        String half = g.scalar(0.5f);
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            WeightNames.Layer n = names.layer(i);
            String p = "layer" + i + ".";
            String q = g.node(p + "q_scaled", "Mul", List.of(linear(g, p + "q", x, n.query()), scale));
            q = g.node(p + "q_heads", "Transpose", List.of(g.node(p + "q_split", "Reshape", List.of(q, headShape))),
                    Attribute.ints("perm", 0, 2, 1, 3));
            String k = g.node(p + "k_heads", "Transpose", List.of(g.node(p + "k_split", "Reshape",
                    List.of(linear(g, p + "k", x, n.key()), headShape))), Attribute.ints("perm", 0, 2, 3, 1));
            String v = g.node(p + "v_heads", "Transpose", List.of(g.node(p + "v_split", "Reshape",
                    List.of(linear(g, p + "v", x, n.value()), headShape))), Attribute.ints("perm", 0, 2, 1, 3));
            String scores = g.node(p + "scores", "Add", List.of(g.node(p + "qk", "MatMul", List.of(q, k)), bias));
            String probs = g.node(p + "probs", "Softmax", List.of(scores), Attribute.of("axis", -1L));
            String ctx = g.node(p + "ctx_heads", "Transpose", List.of(g.node(p + "ctx", "MatMul", List.of(probs, v))),
                    Attribute.ints("perm", 0, 2, 1, 3));
            ctx = g.node(p + "ctx_merged", "Reshape", List.of(ctx, hiddenShape));
            String attnOut = linear(g, p + "attn_out", ctx, n.attentionOutput());
            x = layerNorm(g, p + "attn_norm", g.node(p + "attn_residual", "Add", List.of(attnOut, x)), n.attentionNorm(), c);
            // Feed-forward with exact GELU: x * 0.5 * (1 + erf(x / sqrt 2)), as torch's gelu.
            String inter = linear(g, p + "inter", x, n.intermediate());
            String erf = g.node(p + "gelu_erf", "Erf", List.of(g.node(p + "gelu_scaled", "Mul", List.of(inter, invSqrt2))));
            String gelu = g.node(p + "gelu", "Mul", List.of(
                    g.node(p + "gelu_mul", "Mul", List.of(inter, g.node(p + "gelu_plus1", "Add", List.of(erf, one)))), half));
            String ffOut = linear(g, p + "out", gelu, n.output());
            x = layerNorm(g, p + "out_norm", g.node(p + "out_residual", "Add", List.of(ffOut, x)), n.outputNorm(), c);
        }
        String last = g.node(LAST_HIDDEN_STATE, "Identity", List.of(x));
        g.output(last, FLOAT, "batch", "sequence", (long) h);
        g.output(pool(g, last, maskF, model.pooling(), model.normalize()), FLOAT, "batch", (long) h);

        g.metadata("architecture", arch.modelType());
        g.metadata("pooling", model.pooling().name().toLowerCase(java.util.Locale.ROOT));
        g.metadata("normalize", Boolean.toString(model.normalize()));
        g.metadata("max_seq_length", Integer.toString(model.maxSeqLength()));
        g.write(out, OPSET, "contrast4j", producerVersion,
                model.name() + " (" + arch.modelType() + " encoder) exported by contrast4j: last_hidden_state = token"
                        + " states, sentence_embedding = " + model.pooling().name().toLowerCase(java.util.Locale.ROOT)
                        + " pooling" + (model.normalize() ? " + L2 normalization" : ""));
    }

    /** The sequence length of {@code ids} as a 0-d int64. */
    private static String sequenceLength(OnnxModelWriter g, String ids) {
        String shape = g.node("ids.shape", "Shape", List.of(ids));
        return g.node("ids.seq_len", "Gather", List.of(shape, g.scalar(1L)), Attribute.of("axis", 0L));
    }

    /**
     * MPNet's bias {@code [1, heads, seq, seq]}: a table of buckets for every relative position up to the
     * longest sequence, looked up at {@code j - i}, then the shared {@code [buckets, heads]} weights.
     */
    private static String relativePositionBias(OnnxModelWriter g, String ids, BertConfig c, WeightNames names) {
        int maxLen = c.maxSequenceLength();
        String table = g.initializer("relative_position_buckets", new long[] {2L * maxLen - 1},
                RelativePositionBuckets.table(maxLen));
        String r = g.node("rel.range", "Range", List.of(g.scalar(0L), g.node("rel.seq_len", "Gather",
                List.of(g.node("rel.shape", "Shape", List.of(ids)), g.scalar(1L)), Attribute.of("axis", 0L)),
                g.scalar(1L)));
        String memory = g.node("rel.memory", "Unsqueeze", List.of(r, g.vector(0)));
        String context = g.node("rel.context", "Unsqueeze", List.of(r, g.vector(1)));
        String rel = g.node("rel.position", "Sub", List.of(memory, context));
        String idx = g.node("rel.table_index", "Add", List.of(rel, g.scalar((long) maxLen - 1)));
        String buckets = g.node("rel.buckets", "Gather", List.of(table, idx));
        String values = g.node("rel.values", "Gather", List.of(names.relativeAttentionBias() + ".weight", buckets));
        String perHead = g.node("rel.per_head", "Transpose", List.of(values), Attribute.ints("perm", 2, 0, 1));
        return g.node("rel.bias", "Unsqueeze", List.of(perHead, g.vector(0)));
    }

    private static String linear(OnnxModelWriter g, String out, String x, String module) {
        String wT = g.node(out + ".weight_t", "Transpose", List.of(module + ".weight"), Attribute.ints("perm", 1, 0));
        return g.node(out, "Add", List.of(g.node(out + ".matmul", "MatMul", List.of(x, wT)), module + ".bias"));
    }

    private static String layerNorm(OnnxModelWriter g, String out, String x, String module, BertConfig c) {
        return g.node(out, "LayerNormalization", List.of(x, module + ".weight", module + ".bias"),
                Attribute.of("axis", -1L), Attribute.of("epsilon", (float) c.layerNormEps()));
    }

    /** sentence-transformers' Pooling (and Normalize), as {@link Pooling#pool} and {@link Pooling#l2Normalize}. */
    private static String pool(OnnxModelWriter g, String hidden, String maskF, Pooling pooling, boolean normalize) {
        String pooled;
        String m3 = pooling == Pooling.CLS ? null : g.node("pool.mask3", "Unsqueeze", List.of(maskF, g.vector(2)));
        switch (pooling) {
            case CLS -> pooled = g.node("pool.cls", "Gather", List.of(hidden, g.scalar(0L)), Attribute.of("axis", 1L));
            case MEAN -> {
                String sum = g.node("pool.sum", "ReduceSum", List.of(g.node("pool.masked", "Mul", List.of(hidden, m3)),
                        g.vector(1)), Attribute.of("keepdims", 0L));
                String count = g.node("pool.count", "Max", List.of(g.node("pool.tokens", "ReduceSum",
                        List.of(m3, g.vector(1)), Attribute.of("keepdims", 0L)), g.scalar(1e-9f)));
                pooled = g.node("pool.mean", "Div", List.of(sum, count));
            }
            case MAX -> {
                String masked = g.node("pool.masked", "Add", List.of(g.node("pool.kept", "Mul", List.of(hidden, m3)),
                        g.node("pool.padding", "Mul", List.of(g.node("pool.inverse", "Sub", List.of(g.scalar(1f), m3)),
                                g.scalar(-1e9f)))));
                pooled = g.node("pool.max", "ReduceMax", List.of(masked), Attribute.ints("axes", 1),
                        Attribute.of("keepdims", 0L));
            }
            default -> throw new IllegalStateException(pooling.name());
        }
        if (!normalize) {
            return g.node(SENTENCE_EMBEDDING, "Identity", List.of(pooled));
        }
        String norm = g.node("norm.l2", "ReduceL2", List.of(pooled), Attribute.ints("axes", -1),
                Attribute.of("keepdims", 1L));
        return g.node(SENTENCE_EMBEDDING, "Div", List.of(pooled, g.node("norm.clamped", "Max",
                List.of(norm, g.scalar(1e-12f)))));
    }
}
