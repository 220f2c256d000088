package io.contrast4j.core.vector;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The two file formats of the original word2vec C tool, which gensim's
 * {@code KeyedVectors.load_word2vec_format} reads and most word-vector tools exchange.
 *
 * <ul>
 *   <li>{@link #TEXT}: a header line {@code "<count> <dim>\n"}, then per word
 *       {@code "<word> "}, each value as C's {@code "%lf "} (six decimals, then a space), and
 *       {@code "\n"}. Readers also accept GloVe-style files without the header line.
 *   <li>{@link #BINARY}: the same header line, then per word {@code "<word> "}, {@code dim}
 *       little-endian IEEE float32 values, and {@code "\n"} (readers also accept records without
 *       the newline, as gensim writes them).
 * </ul>
 * Words are UTF-8 and contain no whitespace. Files ending in {@code .gz} are read and written
 * gzip-compressed.
 */
public enum WordVectorFormat {
    TEXT,
    BINARY;

    /** Parses a command-line name: {@code text}/{@code txt}/{@code vec} or {@code bin}/{@code binary}. */
    public static WordVectorFormat fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text", "txt", "vec" -> TEXT;
            case "bin", "binary" -> BINARY;
            default -> throw new UserInputException("unknown word-vector format '" + name + "' (expected text or bin)");
        };
    }

    /**
     * Tells the format of an existing file from its content: the first record after the header is
     * text when the rest of its line splits into {@code dim} numbers; otherwise it is binary.
     */
    public static WordVectorFormat detect(Path file) {
        try (InputStream in = WordVectorFiles.openInput(file)) {
            byte[] head = in.readNBytes(1 << 16);
            int headerEnd = indexOf(head, 0, (byte) '\n');
            if (headerEnd < 0) {
                return TEXT; // one line or less: only the text format can be that short
            }
            String header = new String(head, 0, headerEnd, StandardCharsets.UTF_8).trim();
            String[] parts = header.split("[ \t]+");
            if (parts.length != 2 || !isCount(parts[0]) || !isCount(parts[1])) {
                return TEXT; // no "count dim" header: GloVe-style text
            }
            int dim = Integer.parseInt(parts[1]);
            int lineEnd = indexOf(head, headerEnd + 1, (byte) '\n');
            if (lineEnd < 0) {
                // no newline within the first 64 KiB after the header: only binary can look like that
                // unless the line is simply long; decide by the bytes themselves
                lineEnd = head.length;
            }
            String first = new String(head, headerEnd + 1, lineEnd - headerEnd - 1, StandardCharsets.ISO_8859_1).trim();
            String[] tokens = first.split("[ \t]+");
            if (tokens.length != dim + 1) {
                return BINARY;
            }
            for (int i = 1; i < tokens.length; i++) {
                if (!WordVectorFiles.isNumber(tokens[i])) {
                    return BINARY;
                }
            }
            return TEXT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean isCount(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(s) <= Integer.MAX_VALUE;
    }

    private static int indexOf(byte[] bytes, int from, byte b) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
