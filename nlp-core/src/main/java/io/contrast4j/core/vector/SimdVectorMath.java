package io.contrast4j.core.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API (jdk.incubator.vector) implementations behind {@link VectorMath}. Only loaded when the
 * incubator module is present; {@link ScalarVectorMath} is the reference it is tested against.
 *
 * <p>Reductions keep four independent accumulators (as Lucene's VectorUtil does) so the FMA
 * latency chain does not bound throughput, then finish the tail with a scalar loop. The summation
 * order therefore differs from the scalar loop: results agree to float rounding, not bit for bit.
 */
final class SimdVectorMath {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private SimdVectorMath() {}

    static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float sum = 0f;
        if (length >= 2 * LANES) {
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            int unrolled = length - 4 * LANES;
            for (; i <= unrolled; i += 4 * LANES) {
                acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
                acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES), acc1);
                acc2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES), acc2);
                acc3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES), acc3);
            }
            int bound = SPECIES.loopBound(length);
            for (; i < bound; i += LANES) {
                acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
                        .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
            }
            sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
        }
        return sum;
    }

    static float squaredNorm(float[] a, int offset, int length) {
        return dot(a, offset, a, offset, length);
    }

    static float cosine(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float dot = 0f, na = 0f, nb = 0f;
        if (length >= 2 * LANES) {
            FloatVector vDot = FloatVector.zero(SPECIES);
            FloatVector vNa = FloatVector.zero(SPECIES);
            FloatVector vNb = FloatVector.zero(SPECIES);
            int bound = SPECIES.loopBound(length);
            for (; i < bound; i += LANES) {
                FloatVector x = FloatVector.fromArray(SPECIES, a, aOffset + i);
                FloatVector y = FloatVector.fromArray(SPECIES, b, bOffset + i);
                vDot = x.fma(y, vDot);
                vNa = x.fma(x, vNa);
                vNb = y.fma(y, vNb);
            }
            dot = vDot.reduceLanes(VectorOperators.ADD);
            na = vNa.reduceLanes(VectorOperators.ADD);
            nb = vNb.reduceLanes(VectorOperators.ADD);
        }
        for (; i < length; i++) {
            float x = a[aOffset + i], y = b[bOffset + i];
            dot = Math.fma(x, y, dot);
            na = Math.fma(x, x, na);
            nb = Math.fma(y, y, nb);
        }
        return VectorMath.cosineFrom(dot, na, nb);
    }

    static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        int bound = SPECIES.loopBound(length);
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i)
                    .fma(va, FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] = Math.fma(alpha, x[xOffset + i], y[yOffset + i]);
        }
    }

    static void scale(float[] x, int offset, int length, float alpha) {
        int i = 0;
        int bound = SPECIES.loopBound(length);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, offset + i).mul(alpha).intoArray(x, offset + i);
        }
        for (; i < length; i++) {
            x[offset + i] *= alpha;
        }
    }

    static void add(float[] x, int xOffset, float[] y, int yOffset, int length) {
        int i = 0;
        int bound = SPECIES.loopBound(length);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, x, xOffset + i)
                    .add(FloatVector.fromArray(SPECIES, y, yOffset + i))
                    .intoArray(y, yOffset + i);
        }
        for (; i < length; i++) {
            y[yOffset + i] += x[xOffset + i];
        }
    }

    static void dotAll(float[] query, float[] matrix, int rows, int dim, float[] out) {
        for (int r = 0; r < rows; r++) {
            out[r] = dot(query, 0, matrix, r * dim, dim);
        }
    }
}
