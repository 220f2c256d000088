package io.contrast4j.word2vec;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The word2vec-specific block operation on the Vector API (dot and axpy come from nlp-core's
 * VectorMath). Rows are padded to a multiple of {@link #LANES} (see {@link Kernels#stride}), so the
 * loop has no scalar tail. {@link ScalarKernels#combine} is the reference.
 */
final class VectorKernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();

    private VectorKernels() {}

    /** See {@link ScalarKernels#combine}; each destination chunk is loaded and stored once. */
    static void combine(float[] src, int[] srcOffs, int count, float[] coef, int coefOff, int coefStride,
            float[] dst, int dstOff, int n, boolean accumulate) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector acc = accumulate ? FloatVector.fromArray(SPECIES, dst, dstOff + i) : FloatVector.zero(SPECIES);
            for (int k = 0; k < count; k++) {
                acc = FloatVector.fromArray(SPECIES, src, srcOffs[k] + i)
                        .fma(FloatVector.broadcast(SPECIES, coef[coefOff + k * coefStride]), acc);
            }
            acc.intoArray(dst, dstOff + i);
        }
    }
}
