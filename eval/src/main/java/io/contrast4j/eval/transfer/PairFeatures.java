package io.contrast4j.eval.transfer;

/**
 * How a sentence pair's two embeddings u, v become one feature vector for MRPC and SICK-E.
 * SentEval's code ({@code mrpc.py}, {@code sick.py}) uses [|u - v|, u * v]; the InferSent-style
 * [u, v, |u - v|, u * v] (Conneau et al. 2017, Sec. 3.1) is offered for comparison.
 */
public enum PairFeatures {
    /** [|u - v|, u * v], what SentEval's MRPC and SICK-E evaluations do. */
    SENTEVAL,
    /** [u, v, |u - v|, u * v]. */
    FULL;

    public float[] combine(float[] u, float[] v) {
        int d = u.length;
        float[] f = new float[this == FULL ? 4 * d : 2 * d];
        int o = 0;
        if (this == FULL) {
            System.arraycopy(u, 0, f, 0, d);
            System.arraycopy(v, 0, f, d, d);
            o = 2 * d;
        }
        for (int k = 0; k < d; k++) {
            f[o + k] = Math.abs(u[k] - v[k]);
            f[o + d + k] = u[k] * v[k];
        }
        return f;
    }
}
