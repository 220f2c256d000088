package io.contrast4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.contrast4j.sentence.weights.OnnxModelWriter;
import java.io.ByteArrayOutputStream;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One fp32 linear layer ({@code y = x W^T + b}, the shape of every projection in MiniLM) through
 * libtorch's {@code linear} as our encoder calls it (DJL, so MKL's sgemm) and through ONNX Runtime
 * (a one-node {@code Gemm} graph, so MLAS), same inputs, same threads, the two taking turns block by block; GFLOP/s
 * of each and their ratio per shape. It tells whether the encoder-level gap to ONNX Runtime is the
 * BLAS (the GEMMs are most of a forward pass) or the graph around it.
 *
 * <p>Usage: {@code GemmBench [--threads 2] [--reps 30] [--rounds 5] [--tokens 448]} (tokens = rows of x: a batch
 * of 32 sentences of 14 tokens, STS-B's typical batch). Set {@code -Dai.djl.pytorch.num_threads}
 * to the same thread count.
 */
public final class GemmBench {

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int reps = 30;
        int tokens = 448;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--tokens" -> tokens = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        // (out, in) of MiniLM's projections: q/k/v/attention-out, q+k+v stacked, FFN up, FFN down
        int[][] shapes = {{384, 384}, {1152, 384}, {1536, 384}, {384, 1536}};
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch and applies its thread settings
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SplittableRandom random = new SplittableRandom(7);
        System.out.printf(Locale.ROOT,
                "linear layer, %d rows, %d threads; %d rounds of %d reps per runtime (median of the rounds' medians), torch intra-op threads %d%n",
                tokens, threads, rounds, reps, ai.djl.pytorch.jni.JniUtils.getNumThreads());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (int[] s : shapes) {
                int out = s[0];
                int in = s[1];
                float[] x = uniform(random, tokens * in);
                float[] w = uniform(random, out * in);
                float[] b = uniform(random, out);
                double flops = 2.0 * tokens * in * out;

                NDArray tx = manager.create(x, new Shape(tokens, in));
                NDArray tw = manager.create(w, new Shape(out, in));
                NDArray tb = manager.create(b, new Shape(out));
                // the same weight stored transposed ([in, out] contiguous): linear's w.t() is then a
                // plain row-major matrix and the GEMM reads it untransposed
                NDArray twStoredT = tw.transpose().toType(ai.djl.ndarray.types.DataType.FLOAT32, true).transpose();

                OnnxModelWriter g = new OnnxModelWriter("linear");
                g.input("x", OnnxModelWriter.FLOAT, "rows", (long) in);
                g.initializer("w", new long[] {out, in}, w);
                g.initializer("b", new long[] {out}, b);
                g.node("y", "Gemm", List.of("x", "w", "b"), OnnxModelWriter.Attribute.of("transB", 1L));
                g.output("y", OnnxModelWriter.FLOAT, "rows", (long) out);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                g.write(bytes, 17, "contrast4j-bench", "0", "one linear layer");
                try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                    opts.setIntraOpNumThreads(threads);
                    opts.setInterOpNumThreads(1);
                    opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    try (OrtSession session = env.createSession(bytes.toByteArray(), opts);
                            OnnxTensor ox = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {tokens, in})) {
                        // Blocks of reps, not op by op: each runtime's thread pool spins for a while
                        // after its own work (OpenMP's wait policy, ORT's spinning), which steals a core
                        // from the other when they alternate op by op on 2 cores. A pause parks them.
                        float[] fromTorch = null;
                        float[] fromOrt = null;
                        double[] torchRates = new double[rounds];
                        double[] torchTRates = new double[rounds];
                        double[] ortRates = new double[rounds];
                        double[] secs = new double[reps];
                        for (int round = -1; round < rounds; round++) { // round -1 warms up
                            for (int r = 0; r < reps; r++) {
                                long start = System.nanoTime();
                                try (NDArray y = tx.getNDArrayInternal().linear(tx, tw, tb).head()) {
                                    secs[r] = (System.nanoTime() - start) / 1e9;
                                    if (r == 0) fromTorch = y.toFloatArray();
                                }
                            }
                            if (round >= 0) torchRates[round] = flops / EncoderBench.median(secs) / 1e9;
                            for (int r = 0; r < reps; r++) {
                                long start = System.nanoTime();
                                try (NDArray y = tx.getNDArrayInternal().linear(tx, twStoredT, tb).head()) {
                                    secs[r] = (System.nanoTime() - start) / 1e9;
                                }
                            }
                            if (round >= 0) torchTRates[round] = flops / EncoderBench.median(secs) / 1e9;
                            Thread.sleep(200);
                            for (int r = 0; r < reps; r++) {
                                long start = System.nanoTime();
                                try (OrtSession.Result result = session.run(Map.of("x", ox))) {
                                    secs[r] = (System.nanoTime() - start) / 1e9;
                                    if (r == 0) fromOrt = flat((float[][]) result.get(0).getValue());
                                }
                            }
                            if (round >= 0) ortRates[round] = flops / EncoderBench.median(secs) / 1e9;
                            Thread.sleep(200);
                        }
                        double worst = 0;
                        for (int i = 0; i < fromTorch.length; i++) {
                            worst = Math.max(worst, Math.abs(fromTorch[i] - fromOrt[i]));
                        }
                        double torchRate = EncoderBench.median(torchRates);
                        double ortRate = EncoderBench.median(ortRates);
                        System.out.printf(Locale.ROOT,
                                "[%4d x %4d] x [%4d x %4d]^T: libtorch %6.1f GFLOP/s (weight stored transposed: %6.1f)  onnxruntime %6.1f GFLOP/s  ratio %.3f  max|diff| %.1e%n",
                                tokens, in, out, in, torchRate, EncoderBench.median(torchTRates), ortRate, torchRate / ortRate, worst);
                    }
                }
                tx.close();
                tw.close();
                tb.close();
                twStoredT.close();
            }
        }
    }

    static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    /** Uniform in [-0.05, 0.05): the scale of a trained weight; the values do not matter for timing. */
    static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble(-1, 1) * 0.05);
        }
        return v;
    }
}
