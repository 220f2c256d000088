package io.contrast4j.word2vec;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.vector.DenseWordVectors;
import io.contrast4j.core.vector.VectorMath;
import java.util.List;

/**
 * Analogy queries "a is to b as c is to ?" by 3CosAdd (Mikolov et al. 2013, "Linguistic
 * Regularities..."): the words nearest by cosine to b - a + c over unit-length vectors, the three
 * question words excluded, as the C tool's word-analogy and gensim's most_similar do.
 */
public final class WordAnalogy {
    private WordAnalogy() {}

    /** The k best answers, or an empty list when a question word is unknown. */
    public static List<Neighbor> solve(DenseWordVectors vectors, String a, String b, String c, int k) {
        int ia = vectors.index(a);
        int ib = vectors.index(b);
        int ic = vectors.index(c);
        if (ia < 0 || ib < 0 || ic < 0) return List.of();
        int dim = vectors.dimension();
        float[] unit = vectors.normalizedMatrix();
        float[] query = new float[dim];
        VectorMath.axpy(-1f, unit, ia * dim, query, 0, dim);
        VectorMath.axpy(1f, unit, ib * dim, query, 0, dim);
        VectorMath.axpy(1f, unit, ic * dim, query, 0, dim);
        return vectors.mostSimilar(query, k, row -> row == ia || row == ib || row == ic);
    }
}
