package io.contrast4j.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a 2-D float32 array as a NumPy {@code .npy} file (format version 1.0), row by row, so
 * embeddings can stream to disk batch by batch. {@code numpy.load} reads the result; the header is
 * laid out as {@code numpy.save} lays it out (dict, growth padding, 64-byte alignment).
 *
 * <pre>{@code
 * try (NpyWriter npy = NpyWriter.open(path, texts.size(), dim)) {
 *     for (float[][] batch : batches) npy.writeRows(batch);
 * }
 * }</pre>
 */
public final class NpyWriter implements AutoCloseable {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy.lib.format: headers are padded so the data starts at a multiple of 64 bytes. */
    static final int ARRAY_ALIGN = 64;
    /** numpy.lib.format: spare spaces so the row count can grow in place up to 21 digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    private final Path file;
    private final OutputStream out;
    private final int rows;
    private final int cols;
    private final ByteBuffer row;
    private int written;
    private boolean closed;

    private NpyWriter(Path file, int rows, int cols) throws IOException {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("shape must be non-negative, got (" + rows + ", " + cols + ")");
        }
        this.file = file;
        this.rows = rows;
        this.cols = cols;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        this.row = ByteBuffer.allocate(cols * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.write(header(rows, cols));
    }

    /** Creates {@code file} for a rows x cols float32 array and writes its header. */
    public static NpyWriter open(Path file, int rows, int cols) {
        try {
            return new NpyWriter(file, rows, cols);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a whole array (all rows the same length). */
    public static void write(Path file, float[][] array) {
        int cols = array.length == 0 ? 0 : array[0].length;
        try (NpyWriter writer = open(file, array.length, cols)) {
            writer.writeRows(array);
        }
    }

    /** The preamble numpy writes for a C-order little-endian float32 array of this shape. */
    static byte[] header(int rows, int cols) {
        StringBuilder dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (")
                .append(rows).append(", ").append(cols).append("), }");
        dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(rows).length())));
        int preamble = MAGIC.length + 2 + 2; // magic, version 1.0, uint16 header length
        int unpadded = preamble + dict.length() + 1; // + the closing '\n'
        int pad = ARRAY_ALIGN - unpadded % ARRAY_ALIGN;
        if (pad == ARRAY_ALIGN) {
            pad = 0;
        }
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    public void writeRow(float[] values) {
        if (values.length != cols) {
            throw new IllegalArgumentException("row " + written + " has " + values.length + " values, array has " + cols + " columns");
        }
        if (written == rows) {
            throw new IllegalStateException(file + ": shape has " + rows + " rows, a " + (rows + 1) + "th was written");
        }
        row.clear();
        for (float v : values) {
            row.putFloat(v);
        }
        try {
            out.write(row.array(), 0, row.position());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        written++;
    }

    public void writeRows(float[][] batch) {
        for (float[] values : batch) {
            writeRow(values);
        }
    }

    /** Closes the file; fails if fewer rows were written than the header's shape says. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        if (written != rows) {
            throw new IllegalStateException(file + ": header says " + rows + " rows but " + written + " were written");
        }
    }
}
