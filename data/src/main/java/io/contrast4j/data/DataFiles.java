package io.contrast4j.data;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small shared helpers for the dataset readers: reading a whole (small) evaluation file with strict
 * decoding, and building the "file:line: cause" messages every reader reports malformed input with.
 */
public final class DataFiles {
    private DataFiles() {}

    /**
     * All lines of a small dataset file, decoded strictly (a byte sequence that is not valid in
     * {@code charset} is an error naming the line, never a silent replacement character). A UTF-8
     * byte-order mark at the start is dropped. Line terminators are \n, \r\n or \r. A line longer
     * than {@link BoundedLineReader#defaultMaxLineBytes()} is an error naming the line.
     */
    public static List<String> readLines(Path file, Charset charset) {
        requireFile(file);
        // BoundedLineReader cuts lines on the bytes and decodes them one by one, so that a decoding
        // error names its line, and caps each line so a file without newlines cannot exhaust memory.
        List<String> lines = new ArrayList<>();
        try (BoundedLineReader r = BoundedLineReader.open(file, charset, BoundedLineReader.defaultMaxLineBytes())) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }

    /** Throws a {@link UserInputException} naming the exact path when {@code file} is not a readable file. */
    public static Path requireFile(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("file not found: " + file.toAbsolutePath());
        return file;
    }

    /** Throws a {@link UserInputException} naming the exact path when {@code dir} is not a directory. */
    public static Path requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new UserInputException("folder not found: " + dir.toAbsolutePath());
        return dir;
    }

    /** The error for a malformed line: {@code <file>:<line>: <cause>} (line numbers start at 1). */
    public static UserInputException malformed(Path file, int lineNumber, String cause) {
        return new UserInputException(file + ":" + lineNumber + ": " + cause);
    }

    /** Parses a decimal number or throws {@code <file>:<line>: expected a number, got '<text>'}. */
    public static double parseNumber(Path file, int lineNumber, String text) {
        String t = text.strip();
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v) && !t.isEmpty() && isPlainDecimal(t)) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw malformed(file, lineNumber, "expected a number, got '" + text + "'");
    }

    /** Rejects Java-only literals Double.parseDouble accepts ("1d", "0x1p3", "NaN"). */
    private static boolean isPlainDecimal(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') return false;
        }
        return true;
    }

    /** Parses an integer or throws {@code <file>:<line>: expected an integer, got '<text>'}. */
    public static int parseInt(Path file, int lineNumber, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw malformed(file, lineNumber, "expected an integer, got '" + text + "'");
        }
    }

    /** Splits on tabs keeping empty fields (String.split drops trailing empty ones, which hides missing columns). */
    public static String[] tabFields(String line) {
        return line.split("\t", -1);
    }
}
