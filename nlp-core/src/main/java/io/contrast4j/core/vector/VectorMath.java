package io.contrast4j.core.vector;

import java.util.function.IntPredicate;

/**
 * Dense float vector kernels for word2vec, embedders, evaluation and brute-force search.
 *
 * <p>Every operation runs on the incubating Vector API ({@code jdk.incubator.vector}, preferred
 * species of the CPU, FMA, scalar tail loop) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}; otherwise, or with {@code -Dcontrast4j.simd=false},
 * it runs {@link ScalarVectorMath}, the reference with the same signatures. The choice is made once
 * per JVM; {@link #implementation()} says which.
 *
 * <p>Matrices are row-major {@code float[]} of {@code rows * dim}; the offset variants address one
 * row without copying it.
 */
public final class VectorMath {
    /** System property that forces the scalar path when set to {@code false}. */
    public static final String SIMD_PROPERTY = "contrast4j.simd";

    private static final boolean SIMD = simdAvailable();

    private VectorMath() {}

    private static boolean simdAvailable() {
        if ("false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY, "true").trim())) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            // the species must be wider than one lane for the vector path to pay off
            return SimdVectorMath.SPECIES.length() > 1;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** True when the Vector API path is in use. */
    public static boolean isSimd() {
        return SIMD;
    }

    /** E.g. {@code "simd (Species[float, 8, S_256_BIT])"} or {@code "scalar"}, for logs and provenance. */
    public static String implementation() {
        return SIMD ? "simd (" + SimdVectorMath.SPECIES + ")" : "scalar";
    }

    // ---- reductions ------------------------------------------------------------------------

    public static float dot(float[] a, float[] b) {
        checkSameLength(a, b);
        return dot(a, 0, b, 0, a.length);
    }

    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        return SIMD ? SimdVectorMath.dot(a, aOffset, b, bOffset, length)
                : ScalarVectorMath.dot(a, aOffset, b, bOffset, length);
    }

    /** Cosine similarity in [-1, 1]; 0 when either vector is all zeros (never NaN for finite input). */
    public static float cosine(float[] a, float[] b) {
        checkSameLength(a, b);
        return cosine(a, 0, b, 0, a.length);
    }

    public static float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        return SIMD ? SimdVectorMath.cosine(a, aOffset, b, bOffset, length)
                : ScalarVectorMath.cosine(a, aOffset, b, bOffset, length);
    }

    /** Euclidean (L2) norm. */
    public static float norm(float[] a) {
        return norm(a, 0, a.length);
    }

    public static float norm(float[] a, int offset, int length) {
        return (float) Math.sqrt(squaredNorm(a, offset, length));
    }

    public static float squaredNorm(float[] a, int offset, int length) {
        return SIMD ? SimdVectorMath.squaredNorm(a, offset, length)
                : ScalarVectorMath.squaredNorm(a, offset, length);
    }

    // ---- in-place updates ------------------------------------------------------------------

    /** Scales a to unit L2 norm in place and returns its former norm; an all-zero vector stays zero. */
    public static float normalize(float[] a) {
        return normalize(a, 0, a.length);
    }

    public static float normalize(float[] a, int offset, int length) {
        float norm = norm(a, offset, length);
        if (norm > 0f) {
            scale(a, offset, length, 1f / norm);
        }
        return norm;
    }

    /** Normalizes every row of a row-major rows x dim matrix in place. */
    public static void normalizeRows(float[] matrix, int rows, int dim) {
        for (int r = 0; r < rows; r++) {
            normalize(matrix, r * dim, dim);
        }
    }

    /** y += alpha * x (BLAS saxpy). */
    public static void axpy(float alpha, float[] x, float[] y) {
        checkSameLength(x, y);
        axpy(alpha, x, 0, y, 0, x.length);
    }

    public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        if (SIMD) {
            SimdVectorMath.axpy(alpha, x, xOffset, y, yOffset, length);
        } else {
            ScalarVectorMath.axpy(alpha, x, xOffset, y, yOffset, length);
        }
    }

    /** x *= alpha. */
    public static void scale(float[] x, float alpha) {
        scale(x, 0, x.length, alpha);
    }

    public static void scale(float[] x, int offset, int length, float alpha) {
        if (SIMD) {
            SimdVectorMath.scale(x, offset, length, alpha);
        } else {
            ScalarVectorMath.scale(x, offset, length, alpha);
        }
    }

    /** y += x. */
    public static void add(float[] x, float[] y) {
        checkSameLength(x, y);
        add(x, 0, y, 0, x.length);
    }

    public static void add(float[] x, int xOffset, float[] y, int yOffset, int length) {
        if (SIMD) {
            SimdVectorMath.add(x, xOffset, y, yOffset, length);
        } else {
            ScalarVectorMath.add(x, xOffset, y, yOffset, length);
        }
    }

    // ---- matrix x vector, top-k --------------------------------------------------------------

    /** out[r] = dot(query, row r) of a row-major rows x dim matrix; returns out (allocated if null). */
    public static float[] dotAll(float[] query, float[] matrix, int rows, int dim, float[] out) {
        checkMatrix(query, matrix, rows, dim);
        float[] scores = out == null ? new float[rows] : out;
        if (SIMD) {
            SimdVectorMath.dotAll(query, matrix, rows, dim, scores);
        } else {
            ScalarVectorMath.dotAll(query, matrix, rows, dim, scores);
        }
        return scores;
    }

    /** Indices of the k largest scores, best first (ties: lower index first; NaN last). */
    public static int[] topK(float[] scores, int k) {
        return TopK.of(scores, k).indices();
    }

    /**
     * The k rows with the largest dot product with the query, best first. With unit-normalized
     * rows and query this is cosine nearest-neighbour search by brute force.
     */
    public static ScoredIndices topKDot(float[] query, float[] matrix, int rows, int dim, int k) {
        return topKDot(query, matrix, rows, dim, k, null);
    }

    /** As {@link #topKDot(float[], float[], int, int, int)}, skipping rows where exclude is true. */
    public static ScoredIndices topKDot(float[] query, float[] matrix, int rows, int dim, int k, IntPredicate exclude) {
        checkMatrix(query, matrix, rows, dim);
        TopK top = new TopK(Math.max(0, Math.min(k, rows)));
        for (int r = 0; r < rows; r++) {
            if (exclude != null && exclude.test(r)) {
                continue;
            }
            top.offer(r, dot(query, 0, matrix, r * dim, dim));
        }
        return top.result();
    }

    // ---- helpers -----------------------------------------------------------------------------

    static float cosineFrom(float dot, float squaredNormA, float squaredNormB) {
        if (squaredNormA == 0f || squaredNormB == 0f) {
            return 0f;
        }
        double c = dot / (Math.sqrt(squaredNormA) * Math.sqrt(squaredNormB));
        return (float) Math.max(-1.0, Math.min(1.0, c));
    }

    private static void checkSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " vs " + b.length);
        }
    }

    private static void checkMatrix(float[] query, float[] matrix, int rows, int dim) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has length " + query.length + ", rows have " + dim);
        }
        if ((long) rows * dim > matrix.length) {
            throw new IllegalArgumentException("matrix of " + matrix.length + " floats cannot hold " + rows + " x " + dim);
        }
    }
}
