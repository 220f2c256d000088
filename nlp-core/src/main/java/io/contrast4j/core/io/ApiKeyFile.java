package io.contrast4j.core.io;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (an API key) kept in a file rather than on the command line, where other users
 * could see it in the process list: the first line, stripped. Only that line is read, and at most
 * {@value #MAX_BYTES} bytes of it, so pointing at a wrong, huge file is an error, not a heap's worth.
 */
public final class ApiKeyFile {
    /** Longer than any API key or bearer token in use. */
    public static final int MAX_BYTES = 8192;

    private ApiKeyFile() {}

    /** The key in {@code file}; a one-line {@link UserInputException} naming {@code field} when it is missing, empty or too long. */
    public static String read(Path file, String field) {
        if (!Files.isRegularFile(file)) throw new UserInputException(field + ": no such file " + file);
        try (BoundedLineReader reader = BoundedLineReader.open(file, StandardCharsets.UTF_8, MAX_BYTES)) {
            String line = reader.readLine();
            String key = line == null ? "" : line.strip();
            if (key.isEmpty()) throw new UserInputException(field + ": " + file + " is empty (expected the key on its first line)");
            return key;
        } catch (LineTooLongException e) {
            throw new UserInputException(field + ": " + file + " does not hold a key (its first line is over " + MAX_BYTES + " bytes)");
        } catch (IOException e) {
            throw new UserInputException(field + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
    }
}
