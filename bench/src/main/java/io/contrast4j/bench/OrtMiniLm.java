package io.contrast4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.MiniLm;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer encoder of the benches: all-MiniLM-L6-v2's own ONNX file in ONNX Runtime, with the
 * project's tokenizer, length-sorted batches (as SentenceEncoder) and sentence-transformers' mean
 * pooling + L2 normalization. EncoderBench times it against our DJL encoder; OrtEncode uses it to
 * make the search bench's vectors.
 */
final class OrtMiniLm implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HfTokenizer tokenizer;
    private final int batch;
    private final boolean typeIds;

    OrtMiniLm(HfTokenizer tokenizer, int batch, int threads) throws Exception {
        this.tokenizer = tokenizer;
        this.batch = batch;
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        byte[] onnx;
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(MiniLm.ONNX_RESOURCE)) {
            onnx = in.readAllBytes();
        }
        session = env.createSession(onnx, opts);
        typeIds = session.getInputNames().contains("token_type_ids");
    }

    /** Unit vectors in input order; batches of similar length (longest first) keep padding low. */
    float[][] embed(List<String> texts) throws Exception {
        List<HfTokenizer.Encoded> enc = tokenizer.encodeAll(texts);
        Integer[] order = new Integer[enc.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> enc.get(i).length()).reversed());
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < order.length; from += batch) {
            int to = Math.min(order.length, from + batch);
            List<HfTokenizer.Encoded> chunk = new ArrayList<>();
            for (int i = from; i < to; i++) {
                chunk.add(enc.get(order[i]));
            }
            float[][] v = run(tokenizer.pad(chunk));
            for (int i = from; i < to; i++) {
                out[order[i]] = v[i - from];
            }
        }
        return out;
    }

    /** Token states from ORT, then mean pooling over the attention mask and L2 normalization. */
    private float[][] run(HfTokenizer.PaddedBatch b) throws Exception {
        long[] shape = {b.batchSize(), b.seqLength()};
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
        in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape));
        if (typeIds) {
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
        }
        try (OrtSession.Result r = session.run(in)) {
            OnnxTensor hidden = (OnnxTensor) r.get(0);
            FloatBuffer fb = hidden.getFloatBuffer();
            int seq = b.seqLength();
            int dim = (int) hidden.getInfo().getShape()[2];
            float[][] out = new float[b.batchSize()][dim];
            long[] mask = b.attentionMask();
            for (int s = 0; s < b.batchSize(); s++) {
                float[] acc = out[s];
                int n = 0;
                for (int t = 0; t < seq; t++) {
                    if (mask[s * seq + t] == 0) {
                        continue;
                    }
                    n++;
                    int base = (s * seq + t) * dim;
                    for (int d = 0; d < dim; d++) {
                        acc[d] += fb.get(base + d);
                    }
                }
                double norm = 0;
                for (int d = 0; d < dim; d++) {
                    acc[d] /= n;
                    norm += acc[d] * acc[d];
                }
                float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < dim; d++) {
                    acc[d] *= inv;
                }
            }
            return out;
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}
