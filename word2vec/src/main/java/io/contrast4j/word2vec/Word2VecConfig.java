package io.contrast4j.word2vec;

import io.contrast4j.core.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a word2vec training run. Immutable; build with {@link #builder()}. Defaults are
 * the C tool's where it has one (window 5, negative 5, sample 1e-3, min-count 5, 5 epochs) with
 * skip-gram's alpha 0.025 (CBOW users usually pass 0.05, as the C tool does for -cbow 1).
 *
 * @param sharedNegatives pWord2Vec's update (Ji et al. 2016, section 3.2): one set of negatives per
 *     centre word shared by its whole context window, so the update is a small dense
 *     matrix-matrix product. Skip-gram only; false gives the C tool's per-pair update.
 * @param maxVocab keep at most this many words (most frequent first), 0 for no limit
 */
public record Word2VecConfig(
        Architecture architecture,
        int dimension,
        int window,
        int negative,
        int minCount,
        int maxVocab,
        double sample,
        int epochs,
        int threads,
        double alpha,
        long seed,
        boolean sharedNegatives) {

    public Word2VecConfig {
        if (architecture == null) throw new UserInputException("--model must be skipgram or cbow");
        check(dimension >= 1 && dimension <= 10_000, "--dim must be in 1..10000, got " + dimension);
        check(window >= 1 && window <= 100, "--window must be in 1..100, got " + window);
        check(negative >= 1 && negative <= 100, "--negative must be in 1..100, got " + negative);
        check(minCount >= 1, "--min-count must be >= 1, got " + minCount);
        check(maxVocab >= 0, "--max-vocab must be >= 0 (0 = no limit), got " + maxVocab);
        check(sample >= 0 && sample < 1 && !Double.isNaN(sample), "--sample must be in [0, 1), got " + sample);
        check(epochs >= 1 && epochs <= 10_000, "--epochs must be in 1..10000, got " + epochs);
        check(threads >= 1 && threads <= 1024, "--threads must be in 1..1024, got " + threads);
        check(alpha > 0 && alpha <= 1, "--alpha must be in (0, 1], got " + alpha);
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new UserInputException(message);
    }

    /** Whether the run uses the batched shared-negative skip-gram update. */
    public boolean batched() {
        return sharedNegatives && architecture == Architecture.SKIP_GRAM;
    }

    /** The full configuration for provenance. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", architecture == Architecture.SKIP_GRAM ? "skipgram" : "cbow");
        m.put("dim", dimension);
        m.put("window", window);
        m.put("negative", negative);
        m.put("minCount", minCount);
        m.put("maxVocab", maxVocab);
        m.put("sample", sample);
        m.put("epochs", epochs);
        m.put("threads", threads);
        m.put("alpha", alpha);
        m.put("seed", seed);
        m.put("sharedNegatives", batched());
        m.put("sigmoid", "table (C word2vec: 1000 entries on [-6, 6])");
        m.put("maxSentenceLength", TokenReader.MAX_SENTENCE_LENGTH);
        return m;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().architecture(architecture).dimension(dimension).window(window).negative(negative)
                .minCount(minCount).maxVocab(maxVocab).sample(sample).epochs(epochs).threads(threads)
                .alpha(alpha).seed(seed).sharedNegatives(sharedNegatives);
    }

    /** Mutable builder with the defaults above. */
    public static final class Builder {
        private Architecture architecture = Architecture.SKIP_GRAM;
        private int dimension = 100;
        private int window = 5;
        private int negative = 5;
        private int minCount = 5;
        private int maxVocab = 0;
        private double sample = 1e-3;
        private int epochs = 5;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private double alpha = 0.025;
        private long seed = 1;
        private boolean sharedNegatives = true;

        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder dimension(int v) { dimension = v; return this; }
        public Builder window(int v) { window = v; return this; }
        public Builder negative(int v) { negative = v; return this; }
        public Builder minCount(int v) { minCount = v; return this; }
        public Builder maxVocab(int v) { maxVocab = v; return this; }
        public Builder sample(double v) { sample = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sharedNegatives(boolean v) { sharedNegatives = v; return this; }

        public Word2VecConfig build() {
            return new Word2VecConfig(architecture, dimension, window, negative, minCount, maxVocab, sample,
                    epochs, threads, alpha, seed, sharedNegatives);
        }
    }
}
