package io.contrast4j.word2vec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.vector.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIF sentence embeddings (Arora, Liang and Ma 2017, "A Simple but Tough-to-Beat Baseline for
 * Sentence Embeddings", Algorithm 1): the average of word vectors weighted by a / (a + p(w)), then
 * the projection on the first principal component removed. The component is fitted once on a
 * given set of sentences ({@link #fit}) and saved with the model ({@link #save}), so that
 * embeddings do not depend on the batch they are computed in. As in the authors' code the
 * component is the first right singular vector of the uncentred matrix of weighted averages.
 * Immutable and thread-safe.
 */
public final class SifEmbedder implements Embedder {
    /** The paper's recommended weight parameter (section 4.1: a in [1e-4, 1e-3] works well). */
    public static final double DEFAULT_A = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WordVectors vectors;
    private final WordFrequencies frequencies;
    private final double a;
    private final float[] component;
    private final String name;

    private SifEmbedder(WordVectors vectors, WordFrequencies frequencies, double a, float[] component, String name) {
        if (!(a > 0)) throw new UserInputException("SIF weight parameter a must be > 0, got " + a);
        this.vectors = vectors;
        this.frequencies = frequencies;
        this.a = a;
        this.component = component;
        this.name = name;
    }

    /** Fits the principal component on {@code sentences} (at least one with a known word). */
    public static SifEmbedder fit(WordVectors vectors, WordFrequencies frequencies, double a,
            List<String> sentences, String name) {
        SifEmbedder weighted = new SifEmbedder(vectors, frequencies, a, null, name);
        int dim = vectors.dimension();
        float[][] rows = weighted.embed(sentences);
        float[] pc = firstSingularVector(rows, dim);
        return new SifEmbedder(vectors, frequencies, a, pc, name);
    }

    /** Power iteration on XᵀX from a fixed start, so the fit is deterministic. */
    static float[] firstSingularVector(float[][] rows, int dim) {
        double[] v = new double[dim];
        for (float[] r : rows) for (int j = 0; j < dim; j++) v[j] += r[j];
        if (norm(v) == 0) v[0] = 1;
        normalize(v);
        double[] next = new double[dim];
        for (int it = 0; it < 200; it++) {
            java.util.Arrays.fill(next, 0);
            for (float[] r : rows) {
                double p = 0;
                for (int j = 0; j < dim; j++) p += r[j] * v[j];
                for (int j = 0; j < dim; j++) next[j] += p * r[j];
            }
            if (norm(next) == 0) break;
            normalize(next);
            double diff = 0;
            for (int j = 0; j < dim; j++) diff = Math.max(diff, Math.abs(next[j] - v[j]));
            System.arraycopy(next, 0, v, 0, dim);
            if (diff < 1e-9) break;
        }
        float[] out = new float[dim];
        for (int j = 0; j < dim; j++) out[j] = (float) v[j];
        return out;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static void normalize(double[] v) {
        double n = norm(v);
        for (int j = 0; j < v.length; j++) v[j] /= n;
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    /** The fitted principal component (a copy); null only inside {@link #fit}. */
    public float[] component() {
        return component == null ? null : component.clone();
    }

    public double a() {
        return a;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) out[i] = embed(texts.get(i));
        return out;
    }

    float[] embed(String text) {
        int dim = dimension();
        float[] sum = new float[dim];
        int n = 0;
        for (String w : WordTokenizer.tokenize(text)) {
            float[] v = vectors.vector(w);
            if (v == null) continue;
            VectorMath.axpy((float) (a / (a + frequencies.probability(w))), v, sum);
            n++;
        }
        if (n == 0) return sum;
        VectorMath.scale(sum, 1f / n);
        if (component != null) VectorMath.axpy(-VectorMath.dot(sum, component), component, sum);
        return sum;
    }

    @Override
    public String name() {
        return name;
    }

    /** Saves a, the component and the word counts as JSON; the word vectors stay in their own file. */
    public void save(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "SIF (Arora et al. 2017)");
        m.put("name", name);
        m.put("a", a);
        m.put("dimension", dimension());
        m.put("component", component);
        m.put("counts", new java.util.TreeMap<>(frequencies.counts()));
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Loads what {@link #save} wrote, on top of the same word vectors. */
    @SuppressWarnings("unchecked")
    public static SifEmbedder load(Path file, WordVectors vectors) {
        Map<String, Object> m;
        try {
            m = JSON.readValue(file.toFile(), Map.class);
        } catch (java.io.FileNotFoundException e) {
            throw new UserInputException("SIF model not found: " + file);
        } catch (IOException e) {
            throw new UserInputException("SIF model " + file + " is not valid JSON: " + e.getMessage());
        }
        int dim = ((Number) m.get("dimension")).intValue();
        if (dim != vectors.dimension()) {
            throw new UserInputException("SIF model " + file + " has dimension " + dim + " but the vectors have "
                    + vectors.dimension());
        }
        List<Number> pc = (List<Number>) m.get("component");
        float[] component = new float[dim];
        for (int j = 0; j < dim; j++) component[j] = pc.get(j).floatValue();
        Map<String, Long> counts = new java.util.HashMap<>();
        ((Map<String, Number>) m.get("counts")).forEach((w, c) -> counts.put(w, c.longValue()));
        return new SifEmbedder(vectors, new WordFrequencies(counts), ((Number) m.get("a")).doubleValue(), component,
                (String) m.get("name"));
    }
}
