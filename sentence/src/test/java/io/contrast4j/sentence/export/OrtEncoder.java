package io.contrast4j.sentence.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.sentence.text.HfTokenizer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** ONNX Runtime running an exported model.onnx: the reference side of the export parity tests. */
final class OrtEncoder implements AutoCloseable {
    /** Both outputs of one run. */
    record Outputs(float[][][] tokenStates, float[][] sentenceEmbeddings) {}

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtEncoder(Path modelOnnx) throws Exception {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(1);
        session = env.createSession(modelOnnx.toString(), opts);
    }

    OrtSession session() {
        return session;
    }

    Outputs run(HfTokenizer.PaddedBatch b) throws Exception {
        long[] shape = {b.batchSize(), b.seqLength()};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(OnnxExporter.INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
            in.put(OnnxExporter.ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape));
            if (session.getInputNames().contains(OnnxExporter.TOKEN_TYPE_IDS)) {
                in.put(OnnxExporter.TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
            }
            try (OrtSession.Result r = session.run(in)) {
                return new Outputs((float[][][]) r.get(OnnxExporter.LAST_HIDDEN_STATE).orElseThrow().getValue(),
                        (float[][]) r.get(OnnxExporter.SENTENCE_EMBEDDING).orElseThrow().getValue());
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    static double maxAbsDiff(float[][][] a, float[][][] b) {
        if (a.length != b.length) {
            throw new AssertionError("batch " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, maxAbsDiff(a[i], b[i]));
        }
        return m;
    }

    /** Largest difference over the positions where {@code mask} ({@code [batch * seq]}, row-major) is 1. */
    static double maxAbsDiffAtTokens(float[][][] a, float[][][] b, long[] mask) {
        if (a.length != b.length) {
            throw new AssertionError("batch " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int r = 0; r < a.length; r++) {
            int seq = a[r].length;
            for (int t = 0; t < seq; t++) {
                if (mask[r * seq + t] == 1) {
                    m = Math.max(m, maxAbsDiff(new float[][] {a[r][t]}, new float[][] {b[r][t]}));
                }
            }
        }
        return m;
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        if (a.length != b.length) {
            throw new AssertionError("rows " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new AssertionError("row " + i + ": length " + a[i].length + " vs " + b[i].length);
            }
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    @Override
    public void close() throws Exception {
        session.close();
    }
}
