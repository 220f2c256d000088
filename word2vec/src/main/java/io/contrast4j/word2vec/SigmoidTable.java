package io.contrast4j.word2vec;

/**
 * The C tool's precomputed logistic function: 1000 steps over [-6, 6] ({@code EXP_TABLE_SIZE},
 * {@code MAX_EXP}); outside that range the gradient saturates at the label or label-1. The trainer
 * uses this table rather than an exact sigmoid, so its updates match the C tool's. A second table
 * holds -log(sigmoid(x)) for the loss that is reported while training.
 */
final class SigmoidTable {
    static final int SIZE = 1000;
    static final float MAX_EXP = 6f;
    static final float SCALE = SIZE / MAX_EXP / 2f;

    /** sigmoid at the 1001 points (i / SIZE * 2 - 1) * MAX_EXP. */
    static final float[] SIGMOID = new float[SIZE + 1];
    /** -log(sigmoid(x)) at the same points. */
    static final float[] NEG_LOG_SIGMOID = new float[SIZE + 1];

    static {
        for (int i = 0; i <= SIZE; i++) {
            double x = (i / (double) SIZE * 2 - 1) * MAX_EXP;
            double e = Math.exp(x);
            SIGMOID[i] = (float) (e / (e + 1));
            NEG_LOG_SIGMOID[i] = (float) Math.log1p(Math.exp(-x));
        }
    }

    private SigmoidTable() {}

    /**
     * The scaled gradient {@code (label - sigmoid(f)) * alpha} exactly as the C tool computes it,
     * including its saturation outside [-6, 6].
     */
    static float gradient(float f, int label, float alpha) {
        if (f > MAX_EXP) return (label - 1) * alpha;
        if (f < -MAX_EXP) return label * alpha;
        return (label - SIGMOID[(int) ((f + MAX_EXP) * SCALE)]) * alpha;
    }

    /** The loss -log(sigmoid(x)), from the table inside [-6, 6] and its asymptotes outside. */
    static float negLogSigmoid(float x) {
        if (x > MAX_EXP) return 0f;
        if (x < -MAX_EXP) return -x;
        return NEG_LOG_SIGMOID[(int) ((x + MAX_EXP) * SCALE)];
    }
}
