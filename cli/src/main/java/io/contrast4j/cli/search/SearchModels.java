package io.contrast4j.cli.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.search.HashingEmbedder;
import io.contrast4j.sentence.Models;
import java.util.Locale;

/**
 * Turns a {@code --model} value into an {@link Embedder}: {@code minilm} or a model folder (a
 * sentence encoder), or {@code hashing[:DIM]} for the lexical feature-hashing embedder of the
 * search module (no neural model; default 256 dimensions).
 */
final class SearchModels {
    private SearchModels() {}

    static Embedder load(String spec, int batchSize) {
        String s = spec.trim();
        if (s.toLowerCase(Locale.ROOT).startsWith("hashing")) {
            String rest = s.substring("hashing".length());
            if (rest.isEmpty()) {
                return new HashingEmbedder(256);
            }
            if (!rest.startsWith(":")) {
                throw new UserInputException("--model " + spec + ": expected hashing or hashing:DIM");
            }
            try {
                int dim = Integer.parseInt(rest.substring(1));
                if (dim < 2 || dim > 4096) {
                    throw new UserInputException("--model " + spec + ": DIM must be in 2..4096");
                }
                return new HashingEmbedder(dim);
            } catch (NumberFormatException e) {
                throw new UserInputException("--model " + spec + ": DIM is not a number");
            }
        }
        return Models.encoder(s, batchSize);
    }
}
