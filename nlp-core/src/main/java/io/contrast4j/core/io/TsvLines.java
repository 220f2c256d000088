package io.contrast4j.core.io;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The line loop of the project's user-facing TSV formats (parallel text, training pairs): UTF-8,
 * one record a line, no header, optionally gzip-compressed; a leading byte-order mark is ignored and
 * blank lines are skipped. A missing file, text that is not UTF-8, a line over the
 * {@link BoundedLineReader} cap and any record the parser rejects are one-line
 * {@link UserInputException}s that name the file (and line).
 */
public final class TsvLines {
    private TsvLines() {}

    /** Turns one non-blank line into a record; {@code where} is "FILE:LINE", the prefix for its errors. */
    @FunctionalInterface
    public interface LineParser<T> {
        T parse(String line, String where);
    }

    /**
     * @param kind what the file is, for the not-found error ("parallel TSV")
     */
    public static <T> List<T> read(Path file, String kind, LineParser<T> parser) {
        if (!Files.isRegularFile(file)) throw new UserInputException(kind + " not found: " + file);
        List<T> records = new ArrayList<>();
        try (BoundedLineReader r = BoundedLineReader.open(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                records.add(parser.parse(line, file + ":" + r.lineNumber()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }
}
