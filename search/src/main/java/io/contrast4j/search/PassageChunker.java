package io.contrast4j.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a document into passages of whole sentences: sentences are packed greedily, in order, while
 * the passage holds at most {@code maxTokens} whitespace-separated words; a single sentence longer
 * than that is cut at word boundaries. Passages keep the text's own spelling and spacing within
 * sentences. Budgets are counted in words, not model word pieces: pick a budget under the model's
 * maximum sequence length (MiniLM truncates at 256 word pieces, about 180 English words).
 */
public final class PassageChunker {
    private final int maxTokens;
    private final Function<String, List<String>> sentences;

    /** @param sentences splits a text into sentences (e.g. the OpenNLP splitter of nlp-core) */
    public PassageChunker(int maxTokens, Function<String, List<String>> sentences) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        this.maxTokens = maxTokens;
        this.sentences = sentences;
    }

    public List<String> passages(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentTokens = 0;
        for (String sentence : sentences.apply(text)) {
            String s = sentence.strip();
            if (s.isEmpty()) {
                continue;
            }
            String[] words = s.split("\\s+");
            if (words.length > maxTokens) {
                if (currentTokens > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                    currentTokens = 0;
                }
                for (int from = 0; from < words.length; from += maxTokens) {
                    out.add(String.join(" ", java.util.Arrays.copyOfRange(words, from, Math.min(words.length, from + maxTokens))));
                }
                continue;
            }
            if (currentTokens + words.length > maxTokens) {
                out.add(current.toString());
                current.setLength(0);
                currentTokens = 0;
            }
            if (currentTokens > 0) {
                current.append(' ');
            }
            current.append(s);
            currentTokens += words.length;
        }
        if (currentTokens > 0) {
            out.add(current.toString());
        }
        return out;
    }
}
