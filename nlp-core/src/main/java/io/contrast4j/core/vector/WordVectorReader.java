package io.contrast4j.core.vector;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads word2vec C-tool files ({@link WordVectorFormat}) into {@link DenseWordVectors}, streaming
 * record by record into one contiguous matrix. Malformed content (wrong column count, bad number,
 * truncated file, a header that does not match the records, invalid UTF-8, a duplicate word) is a
 * {@link UserInputException} naming the file and the line, or for binary files the word index
 * and byte offset.
 */
public final class WordVectorReader {
    private static final int MAX_WORD_BYTES = 1 << 16;

    private WordVectorReader() {}

    /** Reads a file of either format (detected from its content). */
    public static DenseWordVectors read(Path file) {
        return read(file, WordVectorFormat.detect(file), Integer.MAX_VALUE);
    }

    public static DenseWordVectors read(Path file, WordVectorFormat format) {
        return read(file, format, Integer.MAX_VALUE);
    }

    /** Reads at most {@code limit} words (the most frequent ones, in word2vec's file order). */
    public static DenseWordVectors read(Path file, WordVectorFormat format, int limit) {
        try (InputStream in = WordVectorFiles.openInput(file)) {
            return format == WordVectorFormat.BINARY ? readBinary(file, in, limit) : readText(file, in, limit);
        } catch (IOException e) {
            throw new UserInputException("cannot read word vectors from " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- text ------------------------------------------------------------------------------

    private static DenseWordVectors readText(Path file, InputStream in, int limit) throws IOException {
        // decode line by line (not through a Reader) so an encoding error names its own line, and
        // cap each line so a file without newlines cannot exhaust memory
        BoundedLineReader reader = new BoundedLineReader(in, file.toString(), StandardCharsets.UTF_8,
                BoundedLineReader.defaultMaxLineBytes());
        long lineNo = 0;
        String line;
        line = reader.readLine();
        lineNo = 1;
        if (line == null) {
            throw new UserInputException(file + ": empty file, expected a \"<count> <dim>\" header line");
        }
        String[] first = split(line);
        int count = -1;
        int dim;
        if (first.length == 2 && isInt(first[0]) && isInt(first[1])) {
            count = parseCount(file, first[0], "count");
            dim = parseCount(file, first[1], "dimension");
            if (dim == 0) {
                throw new UserInputException(file + " line 1: dimension must be positive, header is \"" + line.strip() + "\"");
            }
            line = reader.readLine();
            lineNo = 2;
        } else {
            // GloVe-style: no header, the first record tells the dimension
            if (first.length < 2) {
                throw new UserInputException(file + " line 1: expected a \"<count> <dim>\" header or \"<word> <values...>\", found \""
                        + abbreviate(line) + "\"");
            }
            dim = first.length - 1;
        }
        int expected = count < 0 ? limit : Math.min(count, limit);
        MatrixBuilder builder = new MatrixBuilder(file, dim, count < 0 ? 1024 : Math.min(count, limit));
        float[] row = new float[dim];
        while (builder.size() < expected && line != null) {
            String[] tokens = split(line);
            if (tokens.length == 0) {
                throw new UserInputException(file + " line " + lineNo + ": empty line where a word vector was expected");
            }
            if (tokens.length != dim + 1) {
                throw new UserInputException(file + " line " + lineNo + ": expected " + (dim + 1) + " fields (word and "
                        + dim + " values), found " + tokens.length);
            }
            for (int i = 0; i < dim; i++) {
                try {
                    row[i] = WordVectorFiles.parseValue(tokens[i + 1]);
                } catch (NumberFormatException e) {
                    throw new UserInputException(file + " line " + lineNo + ": value " + (i + 1) + " of '" + tokens[0]
                            + "' is not a number: \"" + abbreviate(tokens[i + 1]) + "\"");
                }
            }
            builder.add(tokens[0], row, "line " + lineNo);
            line = reader.readLine();
            lineNo++;
        }
        if (count >= 0) {
            if (builder.size() < expected) {
                throw new UserInputException(file + ": truncated, header promises " + count + " words but the file ends after "
                        + builder.size() + " (line " + (lineNo - 1) + ")");
            }
            if (limit >= count) {
                while (line != null && line.isBlank()) {
                    line = reader.readLine();
                    lineNo++;
                }
                if (line != null) {
                    throw new UserInputException(file + " line " + lineNo + ": header promises " + count
                            + " words but there are more lines");
                }
            }
        }
        return builder.build();
    }

    private static String[] split(String line) {
        // word2vec.c separates by space (and tab); its text lines end with a space before "\n"
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    private static boolean isInt(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static int parseCount(Path file, String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new UserInputException(file + " line 1: header " + what + " '" + s + "' is too large");
        }
    }

    // ---- binary ----------------------------------------------------------------------------

    private static DenseWordVectors readBinary(Path file, InputStream in, int limit) throws IOException {
        ByteReader bytes = new ByteReader(in);
        byte[] headerBytes = bytes.readUntil((byte) '\n', 256);
        if (headerBytes == null) {
            throw new UserInputException(file + ": no \"<count> <dim>\" header line in the first 256 bytes");
        }
        String header = new String(headerBytes, StandardCharsets.US_ASCII).strip();
        String[] parts = header.split("[ \t]+");
        if (parts.length != 2 || !isInt(parts[0]) || !isInt(parts[1])) {
            throw new UserInputException(file + ": header must be \"<count> <dim>\", found \"" + abbreviate(header) + "\"");
        }
        int count = parseCount(file, parts[0], "count");
        int dim = parseCount(file, parts[1], "dimension");
        if (dim == 0) {
            throw new UserInputException(file + ": header dimension must be positive, found \"" + header + "\"");
        }
        int n = Math.min(count, limit);
        MatrixBuilder builder = new MatrixBuilder(file, dim, n);
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        float[] row = new float[dim];
        byte[] rowBytes = new byte[dim * Float.BYTES];
        ByteBuffer rowBuffer = ByteBuffer.wrap(rowBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int w = 0; w < n; w++) {
            // records may or may not end in '\n' (word2vec.c writes it, gensim does not)
            bytes.skip((byte) '\n');
            long wordStart = bytes.offset();
            byte[] wordBytes = bytes.readUntil((byte) ' ', MAX_WORD_BYTES);
            if (wordBytes == null) {
                if (bytes.atEof()) {
                    throw new UserInputException(file + ": truncated, header promises " + count + " words but the file ends in word "
                            + (w + 1) + " (byte offset " + bytes.offset() + ")");
                }
                throw new UserInputException(file + ": word " + (w + 1) + " at byte offset " + wordStart
                        + " has no space after it within " + MAX_WORD_BYTES + " bytes (is the header's dimension " + dim + " right?)");
            }
            String word;
            try {
                word = strict.decode(ByteBuffer.wrap(wordBytes)).toString();
            } catch (CharacterCodingException e) {
                throw new UserInputException(file + ": word " + (w + 1) + " at byte offset " + wordStart
                        + " is not valid UTF-8 (is the header's dimension " + dim + " right?)");
            }
            if (word.isEmpty()) {
                throw new UserInputException(file + ": word " + (w + 1) + " at byte offset " + wordStart + " is empty");
            }
            long valuesStart = bytes.offset();
            if (!bytes.readFully(rowBytes)) {
                throw new UserInputException(file + ": truncated in the vector of word " + (w + 1) + " '" + abbreviate(word)
                        + "' (needs " + rowBytes.length + " bytes from byte offset " + valuesStart + ", file ends at " + bytes.offset() + ")");
            }
            rowBuffer.clear();
            for (int i = 0; i < dim; i++) {
                row[i] = rowBuffer.getFloat();
            }
            builder.add(word, row, "word " + (w + 1) + " (byte offset " + wordStart + ")");
        }
        if (limit >= count) {
            bytes.skipWhitespace();
            if (!bytes.atEof()) {
                throw new UserInputException(file + ": header promises " + count + " words of dimension " + dim
                        + " but data continues at byte offset " + bytes.offset());
            }
        }
        return builder.build();
    }

    // ---- shared ----------------------------------------------------------------------------

    /** Collects rows into one growing contiguous matrix and checks words are unique. */
    private static final class MatrixBuilder {
        private final Path file;
        private final int dim;
        private final List<String> words;
        private final Map<String, Integer> index;
        private float[] matrix;

        MatrixBuilder(Path file, int dim, int expectedRows) {
            long floats = (long) expectedRows * dim;
            if (floats > Integer.MAX_VALUE - 16) {
                throw new UserInputException(file + ": " + expectedRows + " x " + dim
                        + " values exceed one Java array (2^31); read fewer words (a limit)");
            }
            this.file = file;
            this.dim = dim;
            int capacity = Math.max(1, expectedRows);
            this.words = new ArrayList<>(capacity);
            this.index = new HashMap<>(capacity * 4 / 3 + 1);
            this.matrix = new float[(int) Math.max(dim, floats)];
        }

        int size() {
            return words.size();
        }

        void add(String word, float[] row, String where) {
            Integer previous = index.putIfAbsent(word, words.size());
            if (previous != null) {
                throw new UserInputException(file + " " + where + ": duplicate word '" + abbreviate(word)
                        + "' (first seen as word " + (previous + 1) + ")");
            }
            int offset = words.size() * dim;
            if (offset + dim > matrix.length) {
                long grown = Math.min((long) Integer.MAX_VALUE - 16, Math.max((long) matrix.length * 2, offset + dim));
                if (grown < offset + dim) {
                    throw new UserInputException(file + " " + where + ": more values than fit one Java array (2^31)");
                }
                matrix = Arrays.copyOf(matrix, (int) grown);
            }
            System.arraycopy(row, 0, matrix, offset, dim);
            words.add(word);
        }

        DenseWordVectors build() {
            float[] exact = matrix.length == words.size() * dim ? matrix : Arrays.copyOf(matrix, words.size() * dim);
            return new DenseWordVectors(words, exact, dim, index);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
