package io.contrast4j.core.vector;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Word vectors held as one contiguous row-major {@code float[]} (row i is word i) with a hash
 * index, which is what evaluators and nearest-neighbour search want. {@link #mostSimilar} scans a
 * lazily built L2-normalized copy with {@link VectorMath#topKDot}, i.e. exact cosine search.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class DenseWordVectors implements WordVectors {
    private final List<String> words;
    private final Map<String, Integer> index;
    private final float[] matrix;
    private final int dim;
    private volatile float[] normalized;

    /** Copies nothing: {@code matrix} (words.size() x dim, row-major) is owned from now on. */
    public DenseWordVectors(List<String> words, float[] matrix, int dim) {
        this(List.copyOf(words), matrix, dim, buildIndex(words));
    }

    DenseWordVectors(List<String> words, float[] matrix, int dim, Map<String, Integer> index) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive, was " + dim);
        }
        if ((long) words.size() * dim != matrix.length) {
            throw new IllegalArgumentException(words.size() + " words x " + dim + " dims != matrix of " + matrix.length);
        }
        this.words = Collections.unmodifiableList(words);
        this.matrix = matrix;
        this.dim = dim;
        this.index = index;
    }

    private static Map<String, Integer> buildIndex(List<String> words) {
        Map<String, Integer> index = new HashMap<>(words.size() * 4 / 3 + 1);
        for (int i = 0; i < words.size(); i++) {
            if (index.putIfAbsent(words.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate word '" + words.get(i) + "' at " + i);
            }
        }
        return index;
    }

    @Override
    public int dimension() {
        return dim;
    }

    /** Number of words. */
    public int size() {
        return words.size();
    }

    @Override
    public List<String> vocabulary() {
        return words;
    }

    @Override
    public boolean contains(String word) {
        return index.containsKey(word);
    }

    /** Row of the word, or -1 when unknown. */
    public int index(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    public String word(int index) {
        return words.get(index);
    }

    /** The backing row-major matrix, not a copy: read it, do not modify it. */
    public float[] matrix() {
        return matrix;
    }

    /** Row-major copy of the matrix with every row scaled to unit length (zero rows stay zero); cached. */
    public float[] normalizedMatrix() {
        float[] n = normalized;
        if (n == null) {
            synchronized (this) {
                n = normalized;
                if (n == null) {
                    n = matrix.clone();
                    VectorMath.normalizeRows(n, words.size(), dim);
                    normalized = n;
                }
            }
        }
        return n;
    }

    @Override
    public float[] vector(String word) {
        int i = index(word);
        return i < 0 ? null : vector(i);
    }

    /** A copy of row i. */
    public float[] vector(int i) {
        return Arrays.copyOfRange(matrix, i * dim, (i + 1) * dim);
    }

    @Override
    public List<Neighbor> mostSimilar(String word, int k) {
        int i = index(word);
        if (i < 0) {
            return List.of();
        }
        float[] query = Arrays.copyOfRange(normalizedMatrix(), i * dim, (i + 1) * dim);
        return mostSimilar(query, k, row -> row == i);
    }

    @Override
    public List<Neighbor> mostSimilar(float[] vector, int k) {
        return mostSimilar(vector, k, null);
    }

    /**
     * The k words nearest by cosine to {@code vector}, skipping rows for which {@code exclude} is
     * true (e.g. the three question words of an analogy).
     */
    public List<Neighbor> mostSimilar(float[] vector, int k, IntPredicate exclude) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("query has " + vector.length + " values, vectors have " + dim);
        }
        float[] query = vector.clone();
        VectorMath.normalize(query);
        ScoredIndices top = VectorMath.topKDot(query, normalizedMatrix(), words.size(), dim, k, exclude);
        List<Neighbor> out = new ArrayList<>(top.size());
        for (int j = 0; j < top.size(); j++) {
            out.add(new Neighbor(words.get(top.indices()[j]), top.scores()[j]));
        }
        return out;
    }
}
