package io.contrast4j.core.vector;

/** Row indices with their scores, best first; both arrays have the same length. */
public record ScoredIndices(int[] indices, float[] scores) {
    public int size() {
        return indices.length;
    }
}
