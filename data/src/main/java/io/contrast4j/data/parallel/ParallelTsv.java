package io.contrast4j.data.parallel;

import io.contrast4j.core.UserInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parallel text as TSV: one pair a line, {@code source<TAB>target}, UTF-8, no header. Any user file
 * in this shape works wherever a parallel corpus is expected.
 */
public final class ParallelTsv {
    private ParallelTsv() {}

    /** Reads every pair; a line without exactly one tab, or with an empty side, is a user error naming file and line. */
    public static List<TranslationPair> read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("parallel TSV not found: " + file);
        List<TranslationPair> pairs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                int tab = line.indexOf('\t');
                if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw new UserInputException(file + ":" + lineNo + ": expected source<TAB>target (exactly one tab)");
                }
                String s = line.substring(0, tab).strip();
                String t = line.substring(tab + 1).strip();
                if (s.isEmpty() || t.isEmpty()) throw new UserInputException(file + ":" + lineNo + ": empty source or target");
                pairs.add(new TranslationPair(s, t));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserInputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return pairs;
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
