package io.contrast4j.eval.word;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small in-memory word vectors in insertion (frequency) order, for hand-checked evaluations. */
final class MapWordVectors implements WordVectors {
    private final Map<String, float[]> vectors = new LinkedHashMap<>();

    MapWordVectors put(String word, float... v) {
        vectors.put(word, v);
        return this;
    }

    @Override
    public int dimension() {
        return vectors.values().iterator().next().length;
    }

    @Override
    public List<String> vocabulary() {
        return new ArrayList<>(vectors.keySet());
    }

    @Override
    public boolean contains(String word) {
        return vectors.containsKey(word);
    }

    @Override
    public float[] vector(String word) {
        return vectors.get(word);
    }

    @Override
    public List<Neighbor> mostSimilar(String word, int k) {
        return mostSimilar(vectors.get(word), k).stream().filter(n -> !n.key().equals(word)).limit(k).toList();
    }

    @Override
    public List<Neighbor> mostSimilar(float[] vector, int k) {
        return vectors.entrySet().stream().map(e -> new Neighbor(e.getKey(), VectorMath.cosine(vector, e.getValue())))
                .sorted(Comparator.comparingDouble(n -> -n.score())).limit(k + 1L).toList();
    }
}
