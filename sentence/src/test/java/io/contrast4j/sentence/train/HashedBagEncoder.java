package io.contrast4j.sentence.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import io.contrast4j.core.Embedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small but real differentiable sentence encoder for trainer tests: hashed word embeddings,
 * mean over words, dropout, a dense layer with tanh and a LayerNorm-free bias. Parameters are DJL
 * {@link Parameter}s, so gradients, in-place updates and checkpoints go through exactly the code
 * paths the BERT encoder uses.
 */
final class HashedBagEncoder implements TrainableEncoder {

    private final NDManager manager;
    private final int buckets;
    private final int dim;
    private final float dropout;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    HashedBagEncoder(int buckets, int dim, float dropout, long seed) {
        this.manager = NDManager.newBaseManager();
        this.buckets = buckets;
        this.dim = dim;
        this.dropout = dropout;
        SplittableRandom rng = new SplittableRandom(seed);
        parameters.put("embeddings.weight", parameter("embeddings.weight", new Shape(buckets, dim), rng, 0.5));
        parameters.put("dense.weight", parameter("dense.weight", new Shape(dim, dim), rng, 1 / Math.sqrt(dim)));
        parameters.put("dense.bias", parameter("dense.bias", new Shape(dim), rng, 0.1));
    }

    private Parameter parameter(String name, Shape shape, SplittableRandom rng, double scale) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) values[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(values, shape));
        return p;
    }

    @Override
    public NDArray forward(NDManager m, List<String> texts, boolean training) {
        // [n, buckets] bag-of-words counts, normalized to a mean.
        float[] bags = new float[texts.size() * buckets];
        for (int i = 0; i < texts.size(); i++) {
            String[] words = texts.get(i).toLowerCase().split("\\s+");
            for (String w : words) bags[i * buckets + Math.floorMod(w.hashCode(), buckets)] += 1f / words.length;
        }
        NDArray x = m.create(bags, new Shape(texts.size(), buckets));
        NDArray h = x.matMul(parameters.get("embeddings.weight").getArray());
        if (training && dropout > 0) {
            h = Dropout.dropout(h, dropout, true).singletonOrThrow();
        }
        return h.matMul(parameters.get("dense.weight").getArray()).add(parameters.get("dense.bias").getArray()).tanh();
    }

    @Override
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public Embedder embedder() {
        return new Embedder() {
            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public float[][] embed(List<String> texts) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray e = forward(scope, texts, false);
                    float[] flat = e.toFloatArray();
                    float[][] out = new float[texts.size()][dim];
                    for (int i = 0; i < out.length; i++) System.arraycopy(flat, i * dim, out[i], 0, dim);
                    return out;
                }
            }

            @Override
            public String name() {
                return "hashed-bag";
            }
        };
    }

    @Override
    public void save(Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        parameters.forEach((k, v) -> arrays.put(k, v.getArray()));
        TensorArchive.write(dir.resolve("weights.bin"), arrays);
    }

    @Override
    public void close() {
        manager.close();
    }
}
