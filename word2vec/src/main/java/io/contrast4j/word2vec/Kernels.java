package io.contrast4j.word2vec;

import io.contrast4j.core.vector.VectorMath;

/**
 * The training loop's vector operations: dot and axpy are nlp-core's {@link VectorMath} (Vector
 * API or its scalar reference, chosen once per JVM; {@code -Dcontrast4j.simd=false} forces scalar),
 * {@link #combine} is word2vec's own block operation with the same switch. The choice is a
 * constant, so the JIT removes the branch.
 */
final class Kernels {
    static final boolean SIMD = VectorMath.isSimd();
    static final int LANES = SIMD ? VectorKernels.LANES : 1;

    private Kernels() {}

    /** Row length in the weight arrays: the dimension rounded up to whole SIMD vectors (pad stays 0). */
    static int stride(int dimension) {
        return (dimension + LANES - 1) / LANES * LANES;
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return VectorMath.dot(a, aOff, b, bOff, n);
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        VectorMath.axpy(alpha, x, xOff, y, yOff, n);
    }

    static void combine(float[] src, int[] srcOffs, int count, float[] coef, int coefOff, int coefStride,
            float[] dst, int dstOff, int n, boolean accumulate) {
        if (SIMD) VectorKernels.combine(src, srcOffs, count, coef, coefOff, coefStride, dst, dstOff, n, accumulate);
        else ScalarKernels.combine(src, srcOffs, count, coef, coefOff, coefStride, dst, dstOff, n, accumulate);
    }
}
