package io.contrast4j.core.vector;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import io.contrast4j.core.UserInputException;

/** Stream opening and number parsing shared by the word-vector reader, writer and format detection. */
final class WordVectorFiles {
    static final int BUFFER = 1 << 20;

    private WordVectorFiles() {}

    static boolean isGzip(Path file) {
        return file.getFileName().toString().endsWith(".gz");
    }

    static InputStream openInput(Path file) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("word-vector file not found: " + file);
        }
        InputStream in = new BufferedInputStream(raw, BUFFER);
        return isGzip(file) ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    }

    static OutputStream openOutput(Path file) throws IOException {
        return openOutput(file, file);
    }

    /** A stream into {@code writeTo} that is gzip when {@code file} (the final name) ends in .gz. */
    static OutputStream openOutput(Path file, Path writeTo) throws IOException {
        Path parent = writeTo.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(writeTo), BUFFER);
        return isGzip(file) ? new BufferedOutputStream(new GZIPOutputStream(out, BUFFER), BUFFER) : out;
    }

    /** Whether s reads as a vector value (decimal, exponent, or C's inf/nan spellings). */
    static boolean isNumber(String s) {
        try {
            parseValue(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Parses one value as C's strtof would for what printf writes: decimals, exponents and the
     * spellings {@code inf}, {@code -inf}, {@code nan}, {@code -nan}. Java-only suffixes (f, d) and
     * hexadecimal floats are rejected so that only what a C reader accepts is read.
     */
    static float parseValue(String s) {
        int n = s.length();
        if (n == 0) {
            throw new NumberFormatException("empty value");
        }
        char last = s.charAt(n - 1);
        if (Character.isLetter(last)) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            switch (lower) {
                case "nan", "-nan", "+nan" -> { return Float.NaN; }
                case "inf", "+inf", "infinity", "+infinity" -> { return Float.POSITIVE_INFINITY; }
                case "-inf", "-infinity" -> { return Float.NEGATIVE_INFINITY; }
                default -> throw new NumberFormatException("not a number: " + s);
            }
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
                throw new NumberFormatException("not a number: " + s);
            }
        }
        return Float.parseFloat(s);
    }
}
