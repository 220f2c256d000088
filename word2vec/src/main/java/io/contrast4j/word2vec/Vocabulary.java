package io.contrast4j.word2vec;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The training vocabulary: index 0 is {@code </s>} (the end-of-line token, kept whatever its count,
 * as in the C tool), then the words with at least min-count occurrences by descending count, ties
 * in order of first appearance, cut to the maximum size if one is given.
 */
public final class Vocabulary {
    public static final String END_OF_SENTENCE = "</s>";

    private final String[] words;
    private final long[] counts;
    private final long totalCount;
    private final ByteWordTable table;

    private Vocabulary(String[] words, long[] counts) {
        this.words = words;
        this.counts = counts;
        long total = 0;
        for (long c : counts) total += c;
        this.totalCount = total;
        this.table = new ByteWordTable(words.length);
        for (String w : words) table.add(w);
    }

    /** Builds a vocabulary from words and counts given in the order they should keep. */
    static Vocabulary of(String[] words, long[] counts) {
        return new Vocabulary(words.clone(), counts.clone());
    }

    /**
     * Counts the words of a whitespace-tokenized file in one streamed pass and keeps those with at
     * least {@code minCount} occurrences (at most {@code maxSize} of them when it is positive).
     */
    public static Vocabulary build(Path corpus, int minCount, int maxSize) {
        if (!Files.isRegularFile(corpus)) throw new UserInputException("corpus file not found: " + corpus);
        ByteWordTable seen = new ByteWordTable(1 << 16);
        long[] counts = new long[1 << 16];
        seen.add(END_OF_SENTENCE);
        long tokens = 0;
        try (FileChannel ch = FileChannel.open(corpus, StandardOpenOption.READ)) {
            TokenScanner scanner = new TokenScanner(ch, 1 << 20);
            scanner.seek(0);
            int kind;
            while ((kind = scanner.next()) != TokenScanner.EOF) {
                int id;
                if (kind == TokenScanner.NEWLINE) {
                    id = 0;
                } else {
                    tokens++;
                    id = seen.find(scanner.word, 0, scanner.wordLength, scanner.wordHash);
                    if (id < 0) {
                        id = seen.add(scanner.word, 0, scanner.wordLength, scanner.wordHash);
                        if (id >= counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
                    }
                }
                counts[id]++;
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException("corpus file not found: " + corpus);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + corpus, e);
        }
        if (tokens == 0) throw new UserInputException("corpus " + corpus + " is empty: it holds no words");

        List<Integer> kept = new ArrayList<>();
        for (int id = 1; id < seen.size(); id++) if (counts[id] >= minCount) kept.add(id);
        if (kept.isEmpty()) {
            throw new UserInputException("--min-count " + minCount + " leaves no vocabulary: no word of " + corpus
                    + " occurs that often (" + (seen.size() - 1) + " distinct words)");
        }
        final long[] c = counts;
        kept.sort(Comparator.comparingLong((Integer id) -> -c[id])); // stable: ties keep first appearance
        int n = maxSize > 0 ? Math.min(maxSize, kept.size()) : kept.size();
        String[] words = new String[n + 1];
        long[] kc = new long[n + 1];
        words[0] = END_OF_SENTENCE;
        kc[0] = counts[0];
        for (int i = 0; i < n; i++) {
            words[i + 1] = seen.word(kept.get(i));
            kc[i + 1] = counts[kept.get(i)];
        }
        return new Vocabulary(words, kc);
    }

    public int size() {
        return words.length;
    }

    public String word(int index) {
        return words[index];
    }

    public long count(int index) {
        return counts[index];
    }

    /** Sum of all counts: the tokens (newlines included) one epoch trains on, before subsampling. */
    public long totalCount() {
        return totalCount;
    }

    /** Index of a word, or -1. */
    public int indexOf(String word) {
        byte[] b = word.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return table.find(b, 0, b.length, ByteWordTable.hash(b, 0, b.length));
    }

    int indexOf(byte[] b, int len, int hash) {
        return table.find(b, 0, len, hash);
    }

    public List<String> words() {
        return List.of(words);
    }
}
