package io.contrast4j.bench;

import ai.djl.Device;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.core.text.HfTokenizer;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.StsReader;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encoder throughput: our DJL MiniLM path against ONNX Runtime running the same ONNX file, on the
 * 2,758 sentences of the STS-B test set, in the same JVM, same tokenizer, same length-bucketed
 * batches. Runs alternate between the two so that machine noise hits both alike; prints
 * sentences/second per run, the medians, their ratio, the largest difference between the two
 * engines' vectors, and peak RSS.
 *
 * <p>Usage: {@code EncoderBench [--runs N] [--batch B] [--threads T] [--only djl|ort|both] [--limit N]}
 * (data from {@code $CONTRAST4J_DATA}). Set {@code -Dai.djl.pytorch.num_threads=T} on the command
 * line as well: PyTorch reads it when the engine starts.
 */
public final class EncoderBench {

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int batch = 32;
        int threads = 2;
        String only = "both";
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path data = DataDirectory.fromEnvironment().orElseThrow(
                () -> new IllegalStateException("set CONTRAST4J_DATA to the datasets folder"));
        List<String> sentences = new ArrayList<>();
        for (ScoredPair p : StsReader.readStsBenchmark(data.resolve("senteval/STS/STSBenchmark/sts-test.csv"))) {
            sentences.add(p.s1());
            sentences.add(p.s2());
        }
        if (sentences.size() > limit) {
            sentences = new ArrayList<>(sentences.subList(0, limit));
        }
        System.out.printf(Locale.ROOT, "STS-B test: %d sentences, batch %d, %d threads, %d runs, %s, %d cores%n",
                sentences.size(), batch, threads, runs, System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());

        boolean djl = !only.equals("ort");
        boolean ort = !only.equals("djl");
        SentenceModel model = MiniLm.load(Device.cpu());
        System.out.printf(Locale.ROOT, "torch intra-op threads %d, inter-op %d%n",
                ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
        SentenceEncoder encoder = new SentenceEncoder(model, batch);
        OrtRunner runner = ort ? new OrtRunner(model.tokenizer(), batch, threads) : null;

        float[][] a = djl ? encoder.embed(sentences) : null; // warm-up
        float[][] b = ort ? runner.embed(sentences) : null;
        if (a != null && b != null) {
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                for (int d = 0; d < a[i].length; d++) {
                    worst = Math.max(worst, Math.abs(a[i][d] - b[i][d]));
                }
            }
            System.out.printf(Locale.ROOT, "max |djl - onnxruntime| over all vectors: %.2e%n", worst);
        }
        double[] djlRates = new double[runs];
        double[] ortRates = new double[runs];
        for (int r = 0; r < runs; r++) {
            if (djl) {
                long t = System.nanoTime();
                encoder.embed(sentences);
                djlRates[r] = sentences.size() / ((System.nanoTime() - t) / 1e9);
            }
            if (ort) {
                long t = System.nanoTime();
                runner.embed(sentences);
                ortRates[r] = sentences.size() / ((System.nanoTime() - t) / 1e9);
            }
            System.out.printf(Locale.ROOT, "run %d: djl %8.1f sent/s   onnxruntime %8.1f sent/s%n", r + 1, djlRates[r],
                    ortRates[r]);
        }
        double djlMedian = median(djlRates);
        double ortMedian = median(ortRates);
        System.out.printf(Locale.ROOT, "median: djl %.1f sent/s, onnxruntime %.1f sent/s%n", djlMedian, ortMedian);
        if (djl && ort) {
            System.out.printf(Locale.ROOT, "ratio djl/onnxruntime (median of runs): %.3f%n", djlMedian / ortMedian);
        }
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM, whole process): %d MB%n", peakRssKb() / 1024);
        if (runner != null) {
            runner.close();
        }
        encoder.close();
    }

    /** ONNX Runtime over the same tokenizer and the same length-sorted batches as SentenceEncoder. */
    static final class OrtRunner implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HfTokenizer tokenizer;
        private final int batch;
        private final boolean typeIds;

        OrtRunner(HfTokenizer tokenizer, int batch, int threads) throws Exception {
            this.tokenizer = tokenizer;
            this.batch = batch;
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(threads);
            byte[] onnx;
            try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(MiniLm.ONNX_RESOURCE)) {
                onnx = in.readAllBytes();
            }
            session = env.createSession(onnx, opts);
            typeIds = session.getInputNames().contains("token_type_ids");
        }

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
                HfTokenizer.PaddedBatch b = tokenizer.pad(chunk);
                float[][] v = run(b);
                for (int i = from; i < to; i++) {
                    out[order[i]] = v[i - from];
                }
            }
            return out;
        }

        /** Token states from ORT, then sentence-transformers' mean pooling and L2 normalization. */
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

        @Override
        public void close() throws Exception {
            session.close();
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
