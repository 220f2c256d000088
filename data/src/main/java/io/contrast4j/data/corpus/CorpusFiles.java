package io.contrast4j.data.corpus;

import io.contrast4j.core.UserInputException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening corpus files: gzip recognised by its magic bytes (not the name), UTF-8 decoded strictly. */
final class CorpusFiles {
    private CorpusFiles() {}

    static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A reader over the (decompressed) text; the caller closes it. */
    static BufferedReader open(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("corpus file not found: " + file.toAbsolutePath());
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (isGzip(file)) in = new GZIPInputStream(in, 1 << 16);
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Turns a read failure into an error naming the file and (about) the line. */
    static RuntimeException readFailure(Path file, long line, IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            // The decoder works ahead of the line reader, so the line is approximate.
            return new UserInputException(file + ": not valid UTF-8 text near line " + line);
        }
        return new UncheckedIOException("cannot read " + file + " at line " + line + ": " + e.getMessage(), e);
    }
}
