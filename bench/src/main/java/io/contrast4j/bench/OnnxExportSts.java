package io.contrast4j.bench;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.core.Embedder;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.sts.StsEvaluation;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.export.OnnxExporter;
import io.contrast4j.sentence.model.SentenceModel;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The export check: a model (e.g. a fine-tuned MiniLM folder) exported with {@link OnnxExporter}
 * and evaluated on STS-B test through ONNX Runtime keeps its score: |Spearman(ORT) - Spearman(DJL)| <=
 * 0.01 (1.0 on the x100 scale). Both embedders see the same tokenizer and batches of 32.
 *
 * <p>Usage: {@code OnnxExportSts MODEL DATA_DIR [OUT_DIR]}; exit 1 when the scores differ by more.
 */
public final class OnnxExportSts {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OnnxExportSts MODEL DATA_DIR [EXPORT_DIR]");
            System.exit(2);
        }
        Path data = Path.of(args[1]);
        Path exportDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("onnx-export-sts");
        var subsets = StsEvaluation.load(data, "STSBenchmark");
        SentenceModel model = Models.load(args[0], Device.cpu());
        OnnxExporter.Export export = OnnxExporter.export(model, exportDir, "bench");
        System.err.printf(Locale.ROOT, "exported %s (%,d bytes)%n", export.model(), export.modelBytes());
        double djl;
        double ort;
        try (SentenceEncoder encoder = new SentenceEncoder(model, 32)) {
            djl = StsEvaluation.evaluate("STSBenchmark", subsets, encoder).mainScore();
            try (OrtEmbedder onnx = new OrtEmbedder(export, model.tokenizer(), model.dimension())) {
                TaskResult r = StsEvaluation.evaluate("STSBenchmark", subsets, onnx);
                ort = r.mainScore();
            }
        }
        double diff = Math.abs(djl - ort);
        System.out.printf(Locale.ROOT, "{\"model\": \"%s\", \"task\": \"STSBenchmark\", \"spearman_djl\": %.4f,"
                + " \"spearman_onnxruntime\": %.4f, \"abs_diff\": %.6f, \"within_0.01\": %s}%n",
                args[0], djl, ort, diff, diff <= 1.0);
        System.exit(diff <= 1.0 ? 0 : 1);
    }

    /** Sentence vectors from the export's {@code sentence_embedding} output. */
    static final class OrtEmbedder implements Embedder {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HfTokenizer tokenizer;
        private final int dimension;

        OrtEmbedder(OnnxExporter.Export export, HfTokenizer tokenizer, int dimension) throws Exception {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(Integer.getInteger("ort.threads", 2));
            this.session = env.createSession(export.model().toString(), opts);
            this.tokenizer = tokenizer;
            this.dimension = dimension;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public String name() {
            return "onnxruntime";
        }

        @Override
        public float[][] embed(List<String> texts) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i += 32) {
                HfTokenizer.PaddedBatch b = tokenizer.encodeBatch(texts.subList(i, Math.min(texts.size(), i + 32)));
                long[] shape = {b.batchSize(), b.seqLength()};
                Map<String, OnnxTensor> in = new HashMap<>();
                try {
                    in.put(OnnxExporter.INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
                    in.put(OnnxExporter.ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape));
                    if (session.getInputNames().contains(OnnxExporter.TOKEN_TYPE_IDS)) {
                        in.put(OnnxExporter.TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
                    }
                    try (OrtSession.Result r = session.run(in)) {
                        for (float[] row : (float[][]) r.get(OnnxExporter.SENTENCE_EMBEDDING).orElseThrow().getValue()) {
                            out.add(row);
                        }
                    }
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                } finally {
                    in.values().forEach(OnnxTensor::close);
                }
            }
            return out.toArray(new float[0][]);
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (ai.onnxruntime.OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
