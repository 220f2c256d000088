package io.contrast4j.core.vector;

import java.util.function.IntPredicate;

/**
 * Keeps the k best (index, score) pairs seen so far in a bounded min-heap: O(n log k) for n
 * offers, no boxing, no full sort. Ties go to the lower index, so results are deterministic.
 * Not thread-safe; use one per query.
 */
public final class TopK {
    private final int k;
    private final int[] indices;
    private final float[] scores;
    private int size;

    public TopK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        this.k = k;
        this.indices = new int[k];
        this.scores = new float[k];
    }

    /** Offers a candidate; kept if it beats the current k-th best. */
    public void offer(int index, float score) {
        if (size < k) {
            indices[size] = index;
            scores[size] = score;
            siftUp(size++);
        } else if (k > 0 && better(score, index, scores[0], indices[0])) {
            indices[0] = index;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept candidates, best first (highest score; equal scores by lower index). */
    public ScoredIndices result() {
        int n = size;
        int[] heapIdx = indices.clone();
        float[] heapScore = scores.clone();
        int[] outIdx = new int[n];
        float[] outScore = new float[n];
        // pop the worst repeatedly into the back of the output: a heap sort of k items
        TopK copy = new TopK(heapIdx, heapScore, n);
        for (int i = n - 1; i >= 0; i--) {
            outIdx[i] = copy.indices[0];
            outScore[i] = copy.scores[0];
            copy.size--;
            copy.indices[0] = copy.indices[copy.size];
            copy.scores[0] = copy.scores[copy.size];
            copy.siftDown(0);
        }
        return new ScoredIndices(outIdx, outScore);
    }

    private TopK(int[] indices, float[] scores, int size) {
        this.k = indices.length;
        this.indices = indices;
        this.scores = scores;
        this.size = size;
    }

    /** Top k of a score array. */
    public static ScoredIndices of(float[] values, int k) {
        TopK top = new TopK(Math.min(k, values.length));
        for (int i = 0; i < values.length; i++) {
            top.offer(i, values[i]);
        }
        return top.result();
    }

    /** Top k of a score array, skipping indices for which {@code exclude} is true. */
    public static ScoredIndices of(float[] values, int k, IntPredicate exclude) {
        TopK top = new TopK(Math.min(k, values.length));
        for (int i = 0; i < values.length; i++) {
            if (!exclude.test(i)) {
                top.offer(i, values[i]);
            }
        }
        return top.result();
    }

    /** a beats b: higher score, or the same score and a lower index. NaN ranks below everything. */
    private static boolean better(float scoreA, int indexA, float scoreB, int indexB) {
        if (scoreA != scoreB) {
            if (Float.isNaN(scoreA)) {
                return false;
            }
            if (Float.isNaN(scoreB)) {
                return true;
            }
            return scoreA > scoreB;
        }
        return indexA < indexB;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (better(scores[parent], indices[parent], scores[i], indices[i])) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(scores[left], indices[left], scores[right], indices[right])) {
                worst = right;
            }
            if (better(scores[i], indices[i], scores[worst], indices[worst])) {
                swap(i, worst);
                i = worst;
            } else {
                return;
            }
        }
    }

    private void swap(int i, int j) {
        int ti = indices[i];
        indices[i] = indices[j];
        indices[j] = ti;
        float ts = scores[i];
        scores[i] = scores[j];
        scores[j] = ts;
    }
}
