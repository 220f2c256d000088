package io.contrast4j.core.vector;

import io.contrast4j.core.WordVectors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams word vectors to a file in the word2vec C tool's {@link WordVectorFormat text or binary}
 * layout, one record at a time, so a trainer can write straight from its weight matrix. The
 * record count goes in the header first, so it must be known up front; {@link #close()} checks it.
 *
 * <pre>{@code
 * try (WordVectorWriter w = WordVectorWriter.open(path, WordVectorFormat.BINARY, vocabSize, dim)) {
 *     for (int i = 0; i < vocabSize; i++) w.write(words.get(i), syn0, i * dim);
 * }
 * }</pre>
 */
public final class WordVectorWriter implements AutoCloseable {
    private final Path file;
    private final WordVectorFormat format;
    private final int count;
    private final int dim;
    private final Path partial;
    private final OutputStream out;
    private final ByteBuffer binaryRow;
    private final StringBuilder textRow = new StringBuilder(256);
    private int written;
    private boolean closed;

    private WordVectorWriter(Path file, WordVectorFormat format, int count, int dim) throws IOException {
        if (count < 0 || dim <= 0) {
            throw new IllegalArgumentException("count must be >= 0 and dim > 0, got " + count + " x " + dim);
        }
        this.file = file;
        this.format = format;
        this.count = count;
        this.dim = dim;
        // written beside the file and renamed over it on a complete close: a crash or a failed
        // write never leaves a truncated vectors file under the real name
        this.partial = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".partial");
        this.out = WordVectorFiles.openOutput(file, partial);
        this.binaryRow = format == WordVectorFormat.BINARY
                ? ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                : null;
        // word2vec.c: fprintf(fo, "%lld %lld\n", vocab_size, layer1_size)
        out.write((count + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Opens {@code file} (gzip when it ends in .gz) and writes the header for count x dim. */
    public static WordVectorWriter open(Path file, WordVectorFormat format, int count, int dim) {
        try {
            return new WordVectorWriter(file, format, count, dim);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes every word of {@code vectors} in vocabulary order. */
    public static void write(WordVectors vectors, Path file, WordVectorFormat format) {
        List<String> words = vectors.vocabulary();
        try (WordVectorWriter writer = open(file, format, words.size(), vectors.dimension())) {
            if (vectors instanceof DenseWordVectors dense) {
                float[] matrix = dense.matrix();
                for (int i = 0; i < words.size(); i++) {
                    writer.write(words.get(i), matrix, i * dense.dimension());
                }
            } else {
                for (String word : words) {
                    writer.write(word, vectors.vector(word), 0);
                }
            }
        }
    }

    public void write(String word, float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector for '" + word + "' has " + vector.length + " values, file has dim " + dim);
        }
        write(word, vector, 0);
    }

    /** Writes one record from {@code data[offset .. offset+dim)}. */
    public void write(String word, float[] data, int offset) {
        checkWord(word);
        if (written == count) {
            throw new IllegalStateException(file + ": header promised " + count + " words, a " + (count + 1) + "th was written");
        }
        try {
            byte[] wordBytes = word.getBytes(StandardCharsets.UTF_8);
            out.write(wordBytes);
            out.write(' ');
            if (format == WordVectorFormat.BINARY) {
                // word2vec.c: fwrite(&syn0[...], sizeof(real), 1, fo) per value, then "\n"
                binaryRow.clear();
                for (int i = 0; i < dim; i++) {
                    binaryRow.putFloat(data[offset + i]);
                }
                out.write(binaryRow.array(), 0, dim * Float.BYTES);
            } else {
                // word2vec.c: fprintf(fo, "%lf ", value) per value, then "\n"
                textRow.setLength(0);
                for (int i = 0; i < dim; i++) {
                    CFloatFormat.appendFixed6(textRow, data[offset + i]);
                    textRow.append(' ');
                }
                out.write(textRow.toString().getBytes(StandardCharsets.US_ASCII));
            }
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void checkWord(String word) {
        if (word.isEmpty()) {
            throw new IllegalArgumentException("empty word cannot be stored in a word-vector file");
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("word contains whitespace, which the format cannot store: '" + word + "'");
            }
        }
    }

    /** Flushes and closes; fails if fewer records were written than the header promised. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            if (written != count) {
                throw new IllegalStateException(file + ": header promised " + count + " words but " + written + " were written");
            }
            io.contrast4j.core.io.AtomicFiles.fsync(partial);
            java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            io.contrast4j.core.io.AtomicFiles.fsyncDirectory(partial.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a leftover .partial is hidden and replaced by the next write
            }
        }
    }
}
