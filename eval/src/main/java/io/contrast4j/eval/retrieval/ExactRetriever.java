package io.contrast4j.eval.retrieval;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.Neighbor;
import io.contrast4j.core.retrieval.Retriever;
import io.contrast4j.core.vector.ScoredIndices;
import io.contrast4j.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact nearest-neighbour retrieval: the cosine of the query embedding with every document
 * embedding (unit vectors in one row-major matrix, SIMD dot products), top k by a bounded heap.
 * The reference an approximate index is measured against, and BEIR's "exact search" for dense models.
 *
 * <p>{@link #retrieve} may run on several threads once {@link #prepare} has returned, when the
 * embedder is thread-safe or every query was prepared.
 */
public final class ExactRetriever implements Retriever {
    private final Embedder embedder;
    private final List<String> ids;
    private final float[] matrix;
    private final int dim;
    private final Map<String, float[]> prepared = new HashMap<>();

    private ExactRetriever(Embedder embedder, List<String> ids, float[] matrix) {
        this.embedder = embedder;
        this.ids = ids;
        this.matrix = matrix;
        this.dim = embedder.dimension();
    }

    /** Embeds every document ({@code id -> text}, one {@code embed} call) and keeps the unit vectors. */
    public static ExactRetriever index(Embedder embedder, Map<String, String> documents) {
        List<String> ids = new ArrayList<>(documents.keySet());
        float[][] vectors = embedder.embed(new ArrayList<>(documents.values()));
        int dim = embedder.dimension();
        float[] matrix = new float[ids.size() * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) throw new IllegalStateException(embedder.name() + " returned dimension " + vectors[i].length + ", expected " + dim);
            System.arraycopy(vectors[i], 0, matrix, i * dim, dim);
        }
        VectorMath.normalizeRows(matrix, ids.size(), dim);
        return new ExactRetriever(embedder, ids, matrix);
    }

    @Override
    public String description() {
        return "exact cosine (brute force) over " + embedder.name();
    }

    /** Embeds the queries in one batched call. */
    @Override
    public void prepare(List<String> queries) {
        List<String> distinct = queries.stream().distinct().filter(q -> !prepared.containsKey(q)).toList();
        float[][] v = embedder.embed(distinct);
        for (int i = 0; i < v.length; i++) {
            VectorMath.normalize(v[i]);
            prepared.put(distinct.get(i), v[i]);
        }
    }

    @Override
    public List<Neighbor> retrieve(String query, int k) {
        float[] q = prepared.get(query);
        if (q == null) {
            q = embedder.embed(List.of(query))[0];
            VectorMath.normalize(q);
        }
        ScoredIndices top = VectorMath.topKDot(q, matrix, ids.size(), dim, k);
        List<Neighbor> out = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) out.add(new Neighbor(ids.get(top.indices()[i]), top.scores()[i]));
        return out;
    }
}
