package io.contrast4j.word2vec;

/**
 * The negative-sampling noise distribution, unigram counts raised to 3/4 (Mikolov et al. 2013,
 * "Distributed Representations...", section 2.2), laid out as the C tool's {@code InitUnigramTable}
 * does: a table in which each word fills a share of slots proportional to count^0.75, so a draw is
 * one array read. The C tool uses 1e8 slots (400 MB); 1e7 (or 100 per word for small
 * vocabularies) gives the same distribution to within 1e-7 per word at a tenth of the memory.
 */
final class NoiseTable {
    static final int MAX_SIZE = 10_000_000;

    /** 1e7 slots, fewer for small vocabularies (100 slots per word, at least 1e6). */
    static int sizeFor(int vocabularySize) {
        return (int) Math.min(MAX_SIZE, Math.max(1_000_000L, 100L * vocabularySize));
    }
    private static final double POWER = 0.75;

    final int[] table;

    NoiseTable(Vocabulary vocab, int size) {
        table = new int[size];
        int n = vocab.size();
        double total = 0;
        for (int i = 0; i < n; i++) total += Math.pow(vocab.count(i), POWER);
        int i = 0;
        double cumulative = Math.pow(vocab.count(0), POWER) / total;
        for (int a = 0; a < size; a++) {
            table[a] = i;
            if (a / (double) size > cumulative && i < n - 1) {
                i++;
                cumulative += Math.pow(vocab.count(i), POWER) / total;
            }
        }
    }
}
