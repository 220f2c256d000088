package io.contrast4j.core.vector;

/**
 * Plain-loop reference for {@link VectorMath}: the same operations with the same signatures, in the
 * obvious sequential order. The SIMD path is tested against this one; it is also what runs when the
 * Vector API is unavailable or {@code -Dcontrast4j.simd=false} is set.
 */
public final class ScalarVectorMath {
    private ScalarVectorMath() {}

    public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
    }

    public static float squaredNorm(float[] a, int offset, int length) {
        float sum = 0f;
        for (int i = 0; i < length; i++) {
            float v = a[offset + i];
            sum += v * v;
        }
        return sum;
    }

    /** Cosine similarity; 0 when either vector is all zeros. */
    public static float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float dot = 0f, na = 0f, nb = 0f;
        for (int i = 0; i < length; i++) {
            float x = a[aOffset + i], y = b[bOffset + i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return VectorMath.cosineFrom(dot, na, nb);
    }

    /** y[yOffset..] += alpha * x[xOffset..]. */
    public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    /** x[offset..] *= alpha. */
    public static void scale(float[] x, int offset, int length, float alpha) {
        for (int i = 0; i < length; i++) {
            x[offset + i] *= alpha;
        }
    }

    /** y[yOffset..] += x[xOffset..]. */
    public static void add(float[] x, int xOffset, float[] y, int yOffset, int length) {
        for (int i = 0; i < length; i++) {
            y[yOffset + i] += x[xOffset + i];
        }
    }

    /** out[r] = dot(query, row r) for every row of a row-major rows x dim matrix. */
    public static void dotAll(float[] query, float[] matrix, int rows, int dim, float[] out) {
        for (int r = 0; r < rows; r++) {
            out[r] = dot(query, 0, matrix, r * dim, dim);
        }
    }
}
