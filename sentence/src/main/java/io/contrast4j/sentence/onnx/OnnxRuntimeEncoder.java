package io.contrast4j.sentence.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.Pooling;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence encoder on ONNX Runtime: the model's ONNX graph gives token states
 * ({@code last_hidden_state}), then the model's pooling and optional L2 normalization, as
 * sentence-transformers applies them. Texts are tokenized by the project's tokenizer and batched
 * by length (longest first), as {@code SentenceEncoder} does, so padding stays low.
 *
 * <p>Used for the int8 path: the same graph with dynamically quantized weights (MatMulInteger /
 * DynamicQuantizeLinear) runs several times faster on CPUs with VNNI/AVX2 integer dot products.
 * Thread-safety: {@link #embed} may be called from several threads (ORT sessions are thread-safe).
 */
public final class OnnxRuntimeEncoder implements Embedder {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HfTokenizer tokenizer;
    private final Pooling pooling;
    private final boolean normalize;
    private final int batchSize;
    private final String name;
    private final boolean typeIds;
    private final int dimension;

    /**
     * @param onnx    the ONNX model (bytes of a {@code .onnx} file)
     * @param threads intra-op threads (the cores to use)
     */
    public OnnxRuntimeEncoder(byte[] onnx, HfTokenizer tokenizer, Pooling pooling, boolean normalize, int batchSize,
                              int threads, String name) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.tokenizer = tokenizer;
        this.pooling = pooling;
        this.normalize = normalize;
        this.batchSize = batchSize;
        this.name = name;
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(onnx, opts);
        } catch (OrtException e) {
            throw new UserInputException("ONNX Runtime cannot load the model " + name + ": " + e.getMessage(), e);
        }
        if (!session.getInputNames().contains("input_ids") || !session.getInputNames().contains("attention_mask")) {
            closeSession();
            throw new UserInputException("the ONNX model " + name + " has inputs " + session.getInputNames()
                    + "; expected input_ids and attention_mask (a HuggingFace encoder export)");
        }
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.dimension = embedPadded(tokenizer.pad(List.of(tokenizer.encode("dimension probe"))))[0].length;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] embed(List<String> texts) {
        List<HfTokenizer.Encoded> encoded = tokenizer.encodeAll(texts);
        Integer[] order = new Integer[encoded.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> encoded.get(i).length()).reversed());
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<HfTokenizer.Encoded> chunk = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) chunk.add(encoded.get(order[i]));
            float[][] v = embedPadded(tokenizer.pad(chunk));
            for (int i = from; i < to; i++) out[order[i]] = v[i - from];
        }
        return out;
    }

    /** One padded batch: token states from ORT, pooled and normalized. */
    private float[][] embedPadded(HfTokenizer.PaddedBatch b) {
        long[] shape = {b.batchSize(), b.seqLength()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape));
            if (typeIds) inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] hs = hidden.getInfo().getShape();
                if (hs.length != 3) {
                    throw new UserInputException("the ONNX model " + name + "'s first output has shape " + Arrays.toString(hs)
                            + "; expected token states [batch, seq, dim]");
                }
                return pool(hidden.getFloatBuffer(), b, (int) hs[2]);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + name + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The model's pooling over unmasked tokens (scalar Java: small next to the transformer), then L2 normalization. */
    private float[][] pool(FloatBuffer states, HfTokenizer.PaddedBatch b, int dim) {
        int seq = b.seqLength();
        long[] mask = b.attentionMask();
        float[][] out = new float[b.batchSize()][dim];
        for (int s = 0; s < b.batchSize(); s++) {
            float[] acc = out[s];
            if (pooling == Pooling.CLS) {
                states.get(s * seq * dim, acc, 0, dim);
            } else {
                if (pooling == Pooling.MAX) Arrays.fill(acc, Float.NEGATIVE_INFINITY);
                int n = 0;
                for (int t = 0; t < seq; t++) {
                    if (mask[s * seq + t] == 0) continue;
                    n++;
                    int base = (s * seq + t) * dim;
                    for (int d = 0; d < dim; d++) {
                        float v = states.get(base + d);
                        acc[d] = pooling == Pooling.MAX ? Math.max(acc[d], v) : acc[d] + v;
                    }
                }
                if (pooling == Pooling.MEAN) {
                    float inv = 1f / Math.max(n, 1);
                    for (int d = 0; d < dim; d++) acc[d] *= inv;
                }
            }
            if (normalize) {
                double norm = 0;
                for (float v : acc) norm += (double) v * v;
                float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < dim; d++) acc[d] *= inv;
            }
        }
        return out;
    }

    @Override
    public void close() {
        closeSession();
        tokenizer.close();
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session of " + name + ": " + e.getMessage(), e);
        }
    }
}
