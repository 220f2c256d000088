package io.contrast4j.data.corpus;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opening corpus files: gzip recognised by its magic bytes (not the name), UTF-8 decoded strictly,
 * every line capped by {@link BoundedLineReader} (a file without newlines or a gzip bomb is a
 * one-line error, not an OutOfMemoryError).
 */
final class CorpusFiles {
    private CorpusFiles() {}

    /** A line reader over the (decompressed) text with the default line cap; the caller closes it. */
    static BoundedLineReader open(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("corpus file not found: " + file.toAbsolutePath());
        try {
            return BoundedLineReader.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Turns a read failure into an error naming the file and the line. */
    static RuntimeException readFailure(Path file, long line, IOException e) {
        if (e instanceof java.util.zip.ZipException) {
            return new UserInputException(file + ":" + line + ": corrupt gzip data (" + e.getMessage() + ")");
        }
        if (e instanceof java.io.EOFException) {
            return new UserInputException(file + ":" + line + ": truncated gzip data");
        }
        return new UncheckedIOException("cannot read " + file + " at line " + line + ": " + e.getMessage(), e);
    }
}
