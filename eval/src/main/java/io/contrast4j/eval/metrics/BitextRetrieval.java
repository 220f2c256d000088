package io.contrast4j.eval.metrics;

/**
 * Bitext retrieval accuracy (as in the Tatoeba / BUCC-style evaluations of LASER and InfoXLM):
 * row i of the source embeddings is the translation of row i of the target embeddings; a source
 * sentence is right when its nearest target by cosine is its own translation, and the other way
 * round for the reverse direction.
 */
public final class BitextRetrieval {
    private BitextRetrieval() {}

    /** Accuracies in both directions, as fractions in [0, 1]. */
    public record Result(double sourceToTarget, double targetToSource, int n) {
        public double mean() {
            return (sourceToTarget + targetToSource) / 2;
        }
    }

    public static Result accuracy(float[][] source, float[][] target) {
        if (source.length != target.length) {
            throw new IllegalArgumentException("source has " + source.length + " rows, target " + target.length);
        }
        int n = source.length;
        float[][] s = unitRows(source), t = unitRows(target);
        // sim[i][j] = cos(source i, target j); one pass fills both directions' argmax.
        int[] bestTarget = new int[n], bestSource = new int[n];
        float[] bestTargetScore = new float[n], bestSourceScore = new float[n];
        java.util.Arrays.fill(bestTargetScore, Float.NEGATIVE_INFINITY);
        java.util.Arrays.fill(bestSourceScore, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float sim = dot(s[i], t[j]);
                if (sim > bestTargetScore[i]) {
                    bestTargetScore[i] = sim;
                    bestTarget[i] = j;
                }
                if (sim > bestSourceScore[j]) {
                    bestSourceScore[j] = sim;
                    bestSource[j] = i;
                }
            }
        }
        int s2t = 0, t2s = 0;
        for (int i = 0; i < n; i++) {
            if (bestTarget[i] == i) s2t++;
            if (bestSource[i] == i) t2s++;
        }
        return new Result((double) s2t / n, (double) t2s / n, n);
    }

    static float[][] unitRows(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float norm = (float) Math.sqrt(dot(rows[i], rows[i]));
            out[i] = new float[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) out[i][k] = norm == 0 ? 0 : rows[i][k] / norm;
        }
        return out;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int k = 0; k < a.length; k++) s += a[k] * b[k];
        return s;
    }
}
