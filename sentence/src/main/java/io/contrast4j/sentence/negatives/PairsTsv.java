package io.contrast4j.sentence.negatives;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.TsvLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Training pairs and mined hard negatives as TSV: one example a line,
 * {@code anchor<TAB>positive[<TAB>negative1<TAB>negative2...]}, UTF-8, no header, no quoting (the
 * shape sentence-transformers users keep their (anchor, positive, negative) triplets in). A pairs
 * file is the same with two columns, so {@code mine}'s output and its input share one reader.
 *
 * <p>Texts cannot hold tabs or line breaks in this format: the writer replaces every run of tabs,
 * carriage returns and newlines inside a text with one space (documents from a Lucene index may
 * contain them) and counts the texts it changed; the reader never sees them. A line with fewer than
 * two columns or an empty column is a one-line error naming the file and line; blank lines are
 * skipped; a leading byte-order mark is ignored.
 */
public final class PairsTsv {
    private static final Pattern BREAKS = Pattern.compile("[\\t\\r\\n]+");

    private PairsTsv() {}

    public static List<TrainingExample> read(Path file) {
        return TsvLines.read(file, "pairs TSV", PairsTsv::parse);
    }

    private static TrainingExample parse(String line, String where) {
        String[] cols = line.split("\t", -1);
        if (cols.length < 2) {
            throw new UserInputException(where + ": expected anchor<TAB>positive[<TAB>negative...], found no tab");
        }
        for (int c = 0; c < cols.length; c++) {
            cols[c] = cols[c].strip();
            if (cols[c].isEmpty()) {
                throw new UserInputException(where + ": column " + (c + 1) + " ("
                        + (c == 0 ? "anchor" : c == 1 ? "positive" : "negative " + (c - 1)) + ") is empty");
            }
        }
        return new TrainingExample(cols[0], cols[1], Arrays.asList(cols).subList(2, cols.length));
    }

    /** Writes the examples; returns how many texts had tabs or line breaks replaced by a space. */
    public static int write(Path file, List<TrainingExample> examples) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        int changed = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TrainingExample e : examples) {
                List<String> cols = new ArrayList<>(2 + e.negatives().size());
                cols.add(e.anchor());
                cols.add(e.positive());
                cols.addAll(e.negatives());
                for (int c = 0; c < cols.size(); c++) {
                    String clean = clean(cols.get(c));
                    if (!clean.equals(cols.get(c))) changed++;
                    if (c > 0) w.write('\t');
                    w.write(clean);
                }
                w.write('\n');
            }
        }
        return changed;
    }

    /** The text as it can stand in a TSV column: tabs and line breaks become single spaces. */
    public static String clean(String text) {
        return BREAKS.matcher(text).replaceAll(" ").strip();
    }
}
