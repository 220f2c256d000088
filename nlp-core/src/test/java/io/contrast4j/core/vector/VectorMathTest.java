package io.contrast4j.core.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final int[] LENGTHS = {1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 257, 384, 1001, 4099};
    private static final double TOL = 1e-5;

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2f - 1f;
        }
        return v;
    }

    /** |a-b| within TOL relative to the magnitude of the terms summed. */
    private static void assertClose(double expected, double actual, double magnitude, String what) {
        double bound = TOL * Math.max(1.0, magnitude);
        assertTrue(Math.abs(expected - actual) <= bound,
                what + ": expected " + expected + " got " + actual + " (bound " + bound + ")");
    }

    @Test
    void simdPathIsActiveUnderTheTestFlags() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, so the SIMD path must be on
        assertTrue(VectorMath.isSimd(), VectorMath.implementation());
        assertTrue(VectorMath.implementation().startsWith("simd"));
    }

    @Test
    void reductionsAgreeWithScalarReferenceOnOddLengths() {
        Random rnd = new Random(11);
        for (int n : LENGTHS) {
            for (int offset : new int[] {0, 3}) {
                float[] a = random(rnd, n + offset);
                float[] b = random(rnd, n + offset);
                double magnitude = 0, exact = 0;
                for (int i = 0; i < n; i++) {
                    magnitude += Math.abs((double) a[offset + i] * b[offset + i]);
                    exact += (double) a[offset + i] * b[offset + i];
                }
                float scalarDot = ScalarVectorMath.dot(a, offset, b, offset, n);
                float simdDot = SimdVectorMath.dot(a, offset, b, offset, n);
                assertClose(scalarDot, simdDot, magnitude, "dot n=" + n);
                assertClose(exact, simdDot, magnitude, "dot vs double n=" + n);
                assertClose(ScalarVectorMath.squaredNorm(a, offset, n), SimdVectorMath.squaredNorm(a, offset, n),
                        ScalarVectorMath.squaredNorm(a, offset, n), "squaredNorm n=" + n);
                assertClose(ScalarVectorMath.cosine(a, offset, b, offset, n),
                        SimdVectorMath.cosine(a, offset, b, offset, n), 1, "cosine n=" + n);
                assertClose(simdDot, VectorMath.dot(a, offset, b, offset, n), 0, "dispatch n=" + n);
            }
        }
    }

    @Test
    void elementwiseOpsAgreeWithScalarReference() {
        Random rnd = new Random(12);
        for (int n : LENGTHS) {
            float[] x = random(rnd, n + 5);
            float[] y = random(rnd, n + 5);
            float alpha = rnd.nextFloat() * 4 - 2;

            float[] ys = y.clone(), yv = y.clone();
            ScalarVectorMath.axpy(alpha, x, 5, ys, 2, n);
            SimdVectorMath.axpy(alpha, x, 5, yv, 2, n);
            assertArraysClose(ys, yv, "axpy n=" + n);
            assertEquals(y[0], yv[0], "axpy must not touch elements before the offset");
            assertEquals(y[n + 2], yv[n + 2], 0f, "axpy must not touch elements after the range");

            float[] xs = x.clone(), xv = x.clone();
            ScalarVectorMath.scale(xs, 1, n, alpha);
            SimdVectorMath.scale(xv, 1, n, alpha);
            assertArraysClose(xs, xv, "scale n=" + n);

            ys = y.clone();
            yv = y.clone();
            ScalarVectorMath.add(x, 0, ys, 0, n);
            SimdVectorMath.add(x, 0, yv, 0, n);
            assertArraysClose(ys, yv, "add n=" + n);
        }
    }

    private static void assertArraysClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], Math.abs(expected[i]), what + " [" + i + "]");
        }
    }

    @Test
    void normalizeAndCosineProperties() {
        float[] v = {3f, 4f};
        assertEquals(5f, VectorMath.normalize(v), 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, v, 1e-6f);
        assertEquals(1f, VectorMath.norm(v), 1e-6f);

        float[] zero = new float[7];
        assertEquals(0f, VectorMath.normalize(zero));
        assertArrayEquals(new float[7], zero, "a zero vector stays zero, no NaN");
        assertEquals(0f, VectorMath.cosine(zero, new float[7]));

        Random rnd = new Random(3);
        float[] a = random(rnd, 257);
        float[] neg = a.clone();
        VectorMath.scale(neg, -2.5f);
        assertEquals(-1f, VectorMath.cosine(a, neg), 1e-6f);
        assertEquals(1f, VectorMath.cosine(a, a), 1e-6f);

        float[] y = new float[257];
        VectorMath.axpy(2f, a, y);
        VectorMath.add(a, y);
        for (int i = 0; i < y.length; i++) {
            assertEquals(3f * a[i], y[i], 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> VectorMath.dot(new float[3], new float[4]));
    }

    @Test
    void topKMatchesFullSort() {
        Random rnd = new Random(5);
        for (int n : new int[] {1, 5, 100, 1001}) {
            float[] scores = random(rnd, n);
            scores[n / 2] = scores[0]; // a tie: lower index first
            for (int k : new int[] {0, 1, 3, 10, n, n + 5}) {
                int[] expected = IntStream.range(0, n).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                        .limit(k).mapToInt(Integer::intValue).toArray();
                assertArrayEquals(expected, VectorMath.topK(scores, k), "n=" + n + " k=" + k);
            }
        }
        float[] withNaN = {0.5f, Float.NaN, 0.9f, -1f};
        assertArrayEquals(new int[] {2, 0, 3, 1}, VectorMath.topK(withNaN, 4), "NaN ranks last");
    }

    @Test
    void topKDotMatchesSortedDotAll() {
        Random rnd = new Random(9);
        int rows = 500, dim = 33;
        float[] matrix = random(rnd, rows * dim);
        VectorMath.normalizeRows(matrix, rows, dim);
        float[] query = random(rnd, dim);
        float[] scores = VectorMath.dotAll(query, matrix, rows, dim, null);
        for (int r = 0; r < rows; r++) {
            assertClose(ScalarVectorMath.dot(query, 0, matrix, r * dim, dim), scores[r], dim, "dotAll row " + r);
        }
        ScoredIndices top = VectorMath.topKDot(query, matrix, rows, dim, 10);
        assertArrayEquals(VectorMath.topK(scores, 10), top.indices());
        for (int i = 0; i < 10; i++) {
            assertEquals(scores[top.indices()[i]], top.scores()[i]);
        }
        int best = top.indices()[0];
        ScoredIndices excluding = VectorMath.topKDot(query, matrix, rows, dim, 10, r -> r == best);
        assertEquals(top.indices()[1], excluding.indices()[0]);
        assertEquals(10, excluding.size());
    }

    @Test
    void systemPropertyForcesScalarPath() throws Exception {
        // the choice is made once per JVM, so check it in a fresh one
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-Dcontrast4j.simd=false", "-cp", System.getProperty("java.class.path"), PrintImplementation.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("implementation=scalar"), out);
    }

    /** Entry point for the forked JVM of {@link #systemPropertyForcesScalarPath()}. */
    static final class PrintImplementation {
        public static void main(String[] args) {
            System.out.println("implementation=" + VectorMath.implementation());
        }
    }
}
