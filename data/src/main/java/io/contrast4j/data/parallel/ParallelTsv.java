package io.contrast4j.data.parallel;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.TsvLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Parallel text as TSV: one pair a line, {@code source<TAB>target}, UTF-8, no header. Any user file
 * in this shape works wherever a parallel corpus is expected.
 */
public final class ParallelTsv {
    private ParallelTsv() {}

    /** Reads every pair; a line without exactly one tab, or with an empty side, is a user error naming file and line. */
    public static List<TranslationPair> read(Path file) {
        return TsvLines.read(file, "parallel TSV", ParallelTsv::parse);
    }

    private static TranslationPair parse(String line, String where) {
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
            throw new UserInputException(where + ": expected source<TAB>target (exactly one tab)");
        }
        String s = line.substring(0, tab).strip();
        String t = line.substring(tab + 1).strip();
        if (s.isEmpty() || t.isEmpty()) throw new UserInputException(where + ": empty source or target");
        return new TranslationPair(s, t);
    }

    public static void write(Path file, List<TranslationPair> pairs) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TranslationPair p : pairs) {
                w.write(p.source());
                w.write('\t');
                w.write(p.target());
                w.write('\n');
            }
        }
    }
}
