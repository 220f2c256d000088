package io.contrast4j.sentence.negatives;

import io.contrast4j.core.vector.ScoredIndices;
import io.contrast4j.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.List;

/**
 * Brute-force cosine search over an in-memory set of texts and their vectors (exact, for sets of up
 * to some hundred thousand texts; the SIMD dot products of nlp-core do the work).
 */
public final class ExactCandidates implements CandidateSource {
    private final List<String> texts;
    private final float[] matrix;
    private final int dimension;

    /** @param vectors row i embeds texts[i]; normalized here */
    public ExactCandidates(List<String> texts, float[][] vectors) {
        if (texts.size() != vectors.length) throw new IllegalArgumentException(texts.size() + " texts, " + vectors.length + " vectors");
        if (texts.isEmpty()) throw new IllegalArgumentException("no candidates");
        this.texts = List.copyOf(texts);
        this.dimension = vectors[0].length;
        this.matrix = new float[texts.size() * dimension];
        for (int i = 0; i < vectors.length; i++) System.arraycopy(vectors[i], 0, matrix, i * dimension, dimension);
        VectorMath.normalizeRows(matrix, texts.size(), dimension);
    }

    @Override
    public List<Candidate> nearest(float[] unitQuery, int k) {
        ScoredIndices top = VectorMath.topKDot(unitQuery, matrix, texts.size(), dimension, k);
        List<Candidate> out = new ArrayList<>(top.indices().length);
        for (int i = 0; i < top.indices().length; i++) out.add(new Candidate(texts.get(top.indices()[i]), top.scores()[i]));
        return out;
    }

    /** The unit vector of candidate {@code i}. */
    float[] vector(int i) {
        float[] v = new float[dimension];
        System.arraycopy(matrix, i * dimension, v, 0, dimension);
        return v;
    }

    @Override
    public long size() {
        return texts.size();
    }

    @Override
    public String describe() {
        return "exact search over " + texts.size() + " texts";
    }
}
