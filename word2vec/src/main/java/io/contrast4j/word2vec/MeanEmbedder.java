package io.contrast4j.word2vec;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.vector.VectorMath;
import java.util.List;

/**
 * A sentence is the mean of its words' vectors ({@link WordTokenizer}: lower-cased, as the training
 * corpus was prepared); words without a vector are skipped, and a sentence with none gets the zero
 * vector. Immutable and thread-safe.
 */
public final class MeanEmbedder implements Embedder {
    private final WordVectors vectors;
    private final String name;

    public MeanEmbedder(WordVectors vectors, String name) {
        this.vectors = vectors;
        this.name = name;
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) out[i] = embed(texts.get(i));
        return out;
    }

    float[] embed(String text) {
        float[] sum = new float[dimension()];
        int n = 0;
        for (String w : WordTokenizer.tokenize(text)) {
            float[] v = vectors.vector(w);
            if (v == null) continue;
            VectorMath.axpy(1f, v, sum);
            n++;
        }
        if (n > 0) VectorMath.scale(sum, 1f / n);
        return sum;
    }

    @Override
    public String name() {
        return name;
    }
}
