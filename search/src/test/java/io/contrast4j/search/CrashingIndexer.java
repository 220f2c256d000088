package io.contrast4j.search;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link CrashRecoveryTest}: indexes documents without end, committing every
 * {@code commitEvery}, and prints {@code COMMITTED <n>} after each commit, until it is killed.
 */
public final class CrashingIndexer {
    static final String[] WORDS = {"river", "mountain", "bread", "engine", "galaxy", "protein", "harbour", "violin",
        "market", "glacier", "compiler", "orchard", "lantern", "meadow", "satellite", "copper"};

    static String text(long i) {
        StringBuilder b = new StringBuilder("Document ").append(i).append(" mentions");
        for (int j = 0; j < 12; j++) {
            b.append(' ').append(WORDS[(int) ((i * 7 + j * 13 + (i >> 3)) % WORDS.length)]);
        }
        return b.append('.').toString();
    }

    public static void main(String[] args) {
        Path index = Path.of(args[0]);
        int commitEvery = Integer.parseInt(args[1]);
        IndexSettings settings = IndexSettings.DEFAULT.withCommitEvery(commitEvery).withBatchSize(16);
        SearchIndexWriter writer = SearchIndexWriter.open(index, new HashingEmbedder(64), "hashing", settings, null);
        writer.onCommit(n -> {
            System.out.println("COMMITTED " + n);
            System.out.flush();
        });
        for (long i = 0; ; i++) {
            writer.add(new IndexDocument("doc-" + i, text(i), "en", Map.of("parity", i % 2 == 0 ? "even" : "odd")));
        }
    }
}
