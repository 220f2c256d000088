package io.contrast4j.sentence.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Each pooling mode against values worked out by hand from sentence-transformers' definitions. */
class PoolingTest {
    // two texts, 3 positions, 2 dims; row 0 has 2 tokens (right padded), row 1 has 1 token
    static final float[] HIDDEN = {
        1, 2, 3, 4, 100, 100,
        5, -6, 100, 100, 100, 100};
    static final long[] RIGHT_PADDED = {1, 1, 0, 1, 0, 0};

    float[] pool(Pooling p, float[] hidden, long[] mask) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray h = m.create(hidden, new Shape(2, 3, 2));
            NDArray k = m.create(mask, new Shape(2, 3));
            return p.pool(h, k).toFloatArray();
        }
    }

    @Test
    void everyModeOnRightPaddedRows() {
        assertArrayEquals(new float[] {2, 3, 5, -6}, pool(Pooling.MEAN, HIDDEN, RIGHT_PADDED), 1e-6f);
        assertArrayEquals(new float[] {1, 2, 5, -6}, pool(Pooling.CLS, HIDDEN, RIGHT_PADDED), 1e-6f);
        assertArrayEquals(new float[] {3, 4, 5, -6}, pool(Pooling.MAX, HIDDEN, RIGHT_PADDED), 1e-6f);
        float r2 = (float) Math.sqrt(2);
        assertArrayEquals(new float[] {4 / r2, 6 / r2, 5, -6}, pool(Pooling.MEAN_SQRT_LEN, HIDDEN, RIGHT_PADDED), 1e-5f);
        // weights 1, 2 for positions 0, 1: (1*1 + 2*3) / 3, (1*2 + 2*4) / 3
        assertArrayEquals(new float[] {7f / 3, 10f / 3, 5, -6}, pool(Pooling.WEIGHTED_MEAN, HIDDEN, RIGHT_PADDED), 1e-5f);
        assertArrayEquals(new float[] {3, 4, 5, -6}, pool(Pooling.LAST_TOKEN, HIDDEN, RIGHT_PADDED), 1e-6f);
    }

    @Test
    void lastTokenFollowsTheMaskWithLeftPadding() {
        float[] leftHidden = {
            100, 100, 1, 2, 3, 4,
            100, 100, 100, 100, 5, -6};
        long[] left = {0, 1, 1, 0, 0, 1};
        assertArrayEquals(new float[] {3, 4, 5, -6}, pool(Pooling.LAST_TOKEN, leftHidden, left), 1e-6f);
        assertArrayEquals(new float[] {2, 3, 5, -6}, pool(Pooling.MEAN, leftHidden, left), 1e-6f);
    }

    @Test
    void namesAndConfigKeysMatchSentenceTransformers() {
        assertEquals("pooling_mode_lasttoken", Pooling.LAST_TOKEN.configKey());
        assertEquals("pooling_mode_weightedmean_tokens", Pooling.WEIGHTED_MEAN.configKey());
        assertEquals("pooling_mode_mean_sqrt_len_tokens", Pooling.MEAN_SQRT_LEN.configKey());
        assertEquals(Pooling.LAST_TOKEN, Pooling.parse("lasttoken"));
        assertEquals(Pooling.CLS, Pooling.parse("CLS"));
        assertThrows(IllegalArgumentException.class, () -> Pooling.parse("median"));
    }
}
