package io.contrast4j.data;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
     * byte-order mark at the start is dropped. Line terminators are \n, \r\n or \r.
     */
    public static List<String> readLines(Path file, Charset charset) {
        requireFile(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        // Lines are cut on the bytes and decoded one by one, so that a decoding error names its line.
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3; // UTF-8 byte-order mark
        }
        int i = start;
        while (i < bytes.length) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                lines.add(decode(decoder, bytes, start, i, file, lines.size() + 1));
                i += (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        if (start < bytes.length) lines.add(decode(decoder, bytes, start, bytes.length, file, lines.size() + 1));
        return lines;
    }

    private static String decode(CharsetDecoder decoder, byte[] bytes, int from, int to, Path file, int lineNumber) {
        try {
            return decoder.reset().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(file, lineNumber, "not valid " + decoder.charset().name() + " text");
        }
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
