package io.contrast4j.word2vec;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Unigram probabilities p(w) = count(w) / total, the frequencies SIF weights are built from. */
public final class WordFrequencies {
    private final Map<String, Long> counts;
    private final long total;

    public WordFrequencies(Map<String, Long> counts) {
        this.counts = Map.copyOf(counts);
        long t = 0;
        for (long c : counts.values()) t += c;
        if (t <= 0) throw new IllegalArgumentException("word frequencies need at least one counted word");
        this.total = t;
    }

    /** The training vocabulary's counts ({@code </s>} excluded: it is no word of a sentence). */
    public static WordFrequencies of(Vocabulary vocab) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 1; i < vocab.size(); i++) m.put(vocab.word(i), vocab.count(i));
        return new WordFrequencies(m);
    }

    /** Reads "word count" lines, the C tool's {@code -save-vocab} format and {@code V.vocab.txt}. */
    public static WordFrequencies read(Path file) {
        Map<String, Long> m = new HashMap<>();
        try (BoundedLineReader r = BoundedLineReader.open(file)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] p = line.trim().split("[ \t]+");
                try {
                    if (p.length != 2) throw new NumberFormatException();
                    if (!p[0].equals(Vocabulary.END_OF_SENTENCE)) m.merge(p[0], Long.parseLong(p[1]), Long::sum);
                } catch (NumberFormatException e) {
                    throw new UserInputException(file + ":" + n + ": expected 'word count', got '" + line + "'");
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserInputException("word counts file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (m.isEmpty()) throw new UserInputException(file + ": no word counts");
        return new WordFrequencies(m);
    }

    /** p(w), 0 for an unseen word. */
    public double probability(String word) {
        Long c = counts.get(word);
        return c == null ? 0 : c / (double) total;
    }

    Map<String, Long> counts() {
        return counts;
    }
}
