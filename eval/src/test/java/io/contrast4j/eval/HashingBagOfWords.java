package io.contrast4j.eval;

import io.contrast4j.core.Embedder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, if simple, sentence embedder for tests: lower-cased word counts hashed into a fixed number
 * of buckets (the bag-of-words baseline of SentEval's examples, without the word vectors). It counts
 * the texts it is asked to embed, so cache tests can see what reached the model.
 */
public final class HashingBagOfWords implements Embedder {
    private final int dim;
    public final AtomicInteger embedded = new AtomicInteger();

    public HashingBagOfWords(int dim) {
        this.dim = dim;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public float[][] embed(List<String> texts) {
        embedded.addAndGet(texts.size());
        float[][] out = new float[texts.size()][dim];
        for (int i = 0; i < texts.size(); i++) {
            for (String token : texts.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!token.isEmpty()) out[i][Math.floorMod(token.hashCode(), dim)] += 1;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "hashing-bow-" + dim;
    }
}
