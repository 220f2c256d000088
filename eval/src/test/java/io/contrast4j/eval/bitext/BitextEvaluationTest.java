package io.contrast4j.eval.bitext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contrast4j.eval.TaskResult;
import org.junit.jupiter.api.Test;

class BitextEvaluationTest {

    /** Translation i sits at angle i on a circle; the source is rotated a little, so each nearest neighbour is known. */
    private static float[][] circle(int n, double shift) {
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n + shift;
            v[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a)};
        }
        return v;
    }

    @Test
    void perfectAlignmentScoresHundred() {
        TaskResult r = BitextEvaluation.evaluate("t", circle(50, 0.001), circle(50, 0));
        assertEquals(100.0, r.metrics().get("acc").doubleValue(), 1e-9);
        assertEquals(100.0, r.metrics().get("recall@1_src2tgt").doubleValue(), 1e-9);
        assertEquals(100.0, r.metrics().get("mrr@10_tgt2src").doubleValue(), 1e-9);
        assertEquals(50, r.metrics().get("n").intValue());
    }

    @Test
    void offByOneIsWrongAtOneButFoundAtFive() {
        int n = 40;
        double step = 2 * Math.PI / n;
        // Each source lies just past the next translation: its nearest target is i+1, its own translation is 2nd.
        TaskResult r = BitextEvaluation.evaluate("t", circle(n, step * 0.9), circle(n, 0));
        assertEquals(0.0, r.metrics().get("acc_src2tgt").doubleValue(), 1e-9);
        assertEquals(0.0, r.metrics().get("recall@1_src2tgt").doubleValue(), 1e-9);
        assertEquals(100.0, r.metrics().get("recall@5_src2tgt").doubleValue(), 1e-9);
        assertEquals(50.0, r.metrics().get("mrr@10_src2tgt").doubleValue(), 1e-9);
        // From the target side, source i+... : target i's nearest source is i-1 (shifted 0.9 step -> 0.1 away).
        assertEquals(0.0, r.metrics().get("acc_tgt2src").doubleValue(), 1e-9);
        assertEquals(0.0, r.metrics().get("acc").doubleValue(), 1e-9);
    }
}
