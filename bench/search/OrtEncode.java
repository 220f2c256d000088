import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.core.io.NpyWriter;
import io.contrast4j.core.text.HfTokenizer;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bench helper: embeds one sentence a line with all-MiniLM-L6-v2 run by ONNX Runtime (the model's
 * own ONNX file, the project's tokenizer, sentence-transformers mean pooling + L2 norm) into a
 * float32 .npy. Used to make the 100,000 bench vectors quickly on a busy machine; the project's
 * DJL encoder gives the same vectors to ~5e-6 (checked by run.sh on the query set).
 *
 *   java -cp CLI_CLASSPATH:onnxruntime.jar OrtEncode.java IN.txt OUT.npy [threads] [batch]
 */
public final class OrtEncode {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<String> lines = Files.readAllLines(in);
        HfTokenizer tokenizer = HfTokenizer.loadResource("all-minilm-l6-v2-tokenizer.json", 256);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(threads);
        opts.setInterOpNumThreads(1);
        opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        byte[] onnx;
        try (InputStream s = OrtEncode.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            onnx = s.readAllBytes();
        }
        long start = System.nanoTime();
        try (OrtSession session = env.createSession(onnx, opts); NpyWriter npy = NpyWriter.open(out, lines.size(), 384)) {
            boolean typeIds = session.getInputNames().contains("token_type_ids");
            // Length-sorted batches: little padding. Chunks bound the tokenizer's memory.
            for (int c = 0; c < lines.size(); c += 8192) {
                List<String> chunkText = lines.subList(c, Math.min(lines.size(), c + 8192));
                List<HfTokenizer.Encoded> enc = tokenizer.encodeAll(chunkText);
                float[][] rows = new float[chunkText.size()][];
                Integer[] order = new Integer[enc.size()];
                Arrays.setAll(order, i -> i);
                Arrays.sort(order, Comparator.comparingInt((Integer i) -> enc.get(i).length()));
                for (int from = 0; from < order.length; from += batch) {
                    int to = Math.min(order.length, from + batch);
                    List<HfTokenizer.Encoded> chunk = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        chunk.add(enc.get(order[i]));
                    }
                    float[][] v = run(env, session, tokenizer.pad(chunk), typeIds);
                    for (int i = from; i < to; i++) {
                        rows[order[i]] = v[i - from];
                    }
                }
                npy.writeRows(rows); // in input order, chunk by chunk: a killed run leaves a usable prefix
                double sec = (System.nanoTime() - start) / 1e9;
                System.err.printf("ort-encode: %d/%d sentences, %.0f s, %.1f sentences/s%n", c + chunkText.size(), lines.size(), sec, (c + chunkText.size()) / sec);
            }
        }
        double sec = (System.nanoTime() - start) / 1e9;
        System.out.printf("{\"sentences\": %d, \"seconds\": %.1f, \"sentences_per_second\": %.1f, \"threads\": %d}%n",
                lines.size(), sec, lines.size() / sec, threads);
    }

    /** Token states, then mean pooling over the attention mask and L2 normalisation. */
    static float[][] run(OrtEnvironment env, OrtSession session, HfTokenizer.PaddedBatch b, boolean typeIds) throws Exception {
        long[] shape = {b.batchSize(), b.seqLength()};
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.ids()), shape));
        in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape));
        if (typeIds) {
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(b.typeIds()), shape));
        }
        try (OrtSession.Result r = session.run(in)) {
            OnnxTensor hidden = (OnnxTensor) r.get(0);
            java.nio.FloatBuffer fb = hidden.getFloatBuffer();
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
}
