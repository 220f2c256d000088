package io.contrast4j.word2vec;

/**
 * The scalar reference of {@link VectorKernels}: they must agree up to float rounding (tested).
 */
final class ScalarKernels {
    private ScalarKernels() {}

    /**
     * dst = (accumulate ? dst : 0) + sum_k coef[coefOff + k * coefStride] * src[srcOffs[k] ...]:
     * one row of a small matrix product, the building block of the shared-negative update.
     */
    static void combine(float[] src, int[] srcOffs, int count, float[] coef, int coefOff, int coefStride,
            float[] dst, int dstOff, int n, boolean accumulate) {
        if (!accumulate) java.util.Arrays.fill(dst, dstOff, dstOff + n, 0f);
        for (int k = 0; k < count; k++) {
            float c = coef[coefOff + k * coefStride];
            int s = srcOffs[k];
            for (int i = 0; i < n; i++) dst[dstOff + i] += c * src[s + i];
        }
    }
}
