package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void vectorCombineMatchesTheScalarReference() {
        assertTrue(Kernels.SIMD, "tests run with --add-modules jdk.incubator.vector");
        Random r = new Random(3);
        int stride = Kernels.stride(100);
        assertEquals(0, stride % VectorKernels.LANES);
        float[] src = new float[20 * stride];
        for (int i = 0; i < src.length; i++) src[i] = (float) r.nextGaussian();
        int[] offs = {3 * stride, 0, 17 * stride, 9 * stride, 3 * stride};
        float[] coef = new float[15];
        for (int i = 0; i < coef.length; i++) coef[i] = (float) r.nextGaussian();
        for (boolean acc : new boolean[] {false, true}) {
            float[] a = new float[2 * stride];
            float[] b = new float[2 * stride];
            for (int i = 0; i < a.length; i++) a[i] = b[i] = (float) r.nextGaussian();
            VectorKernels.combine(src, offs, offs.length, coef, 1, 3, a, stride, stride, acc);
            ScalarKernels.combine(src, offs, offs.length, coef, 1, 3, b, stride, stride, acc);
            for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], 1e-4f, "at " + i);
        }
    }

    @Test
    void sigmoidTableMatchesTheLogistic() {
        for (float f = -5.9f; f < 5.9f; f += 0.37f) {
            double exact = 1 / (1 + Math.exp(-f));
            assertEquals(exact, 1 - SigmoidTable.gradient(f, 1, 1f), 0.01);
            assertEquals(-Math.log(exact), SigmoidTable.negLogSigmoid(f), 0.02);
        }
        assertEquals(0f, SigmoidTable.gradient(7f, 1, 0.5f));
        assertEquals(-0.5f, SigmoidTable.gradient(7f, 0, 0.5f));
        assertEquals(0.5f, SigmoidTable.gradient(-7f, 1, 0.5f));
    }
}
