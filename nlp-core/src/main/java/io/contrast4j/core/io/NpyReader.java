package io.contrast4j.core.io;

import io.contrast4j.core.UserInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files holding a C-order float array of one or two dimensions (float32
 * or float64, either byte order; format versions 1.0 to 3.0) into a float32 {@link Matrix}. A 1-D
 * array reads as one column. Anything else is a {@link UserInputException} naming the file.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** A row-major float32 matrix. */
    public record Matrix(int rows, int cols, float[] data) {
        public float[] row(int r) {
            return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
        }

        public float[][] toRows() {
            float[][] out = new float[rows][];
            for (int r = 0; r < rows; r++) {
                out[r] = row(r);
            }
            return out;
        }
    }

    public static Matrix read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!Arrays.equals(Arrays.copyOf(magic, 6), NpyWriter.MAGIC)) {
                throw new UserInputException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = magic[6];
            int headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.reverseBytes(in.readInt());
            } else {
                throw new UserInputException(file + ": unsupported .npy format version " + major + "." + magic[7]);
            }
            if (headerLength < 0 || headerLength > 1 << 20) {
                throw new UserInputException(file + ": implausible .npy header length " + headerLength);
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

            Matcher descr = DESCR.matcher(header);
            if (!descr.find() || !descr.group(2).equals("f") || !(descr.group(3).equals("4") || descr.group(3).equals("8"))) {
                throw new UserInputException(file + ": only float32/float64 .npy arrays are supported, header is " + header.strip());
            }
            ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int width = Integer.parseInt(descr.group(3));
            Matcher fortran = FORTRAN.matcher(header);
            if (fortran.find() && fortran.group(1).equals("True")) {
                throw new UserInputException(file + ": Fortran-order .npy arrays are not supported (save with np.ascontiguousarray)");
            }
            Matcher shapeMatch = SHAPE.matcher(header);
            if (!shapeMatch.find()) {
                throw new UserInputException(file + ": .npy header has no shape: " + header.strip());
            }
            long[] shape = Arrays.stream(shapeMatch.group(1).split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
            if (shape.length < 1 || shape.length > 2) {
                throw new UserInputException(file + ": expected a 1-D or 2-D array, shape is (" + shapeMatch.group(1) + ")");
            }
            long rows = shape[0];
            long cols = shape.length == 2 ? shape[1] : 1;
            if (rows * cols > Integer.MAX_VALUE - 16) {
                throw new UserInputException(file + ": array of " + rows + " x " + cols + " exceeds one Java array");
            }
            float[] data = new float[(int) (rows * cols)];
            byte[] chunk = new byte[(int) Math.max(width, Math.min(1 << 20, (long) data.length * width))];
            ByteBuffer buffer = ByteBuffer.wrap(chunk).order(order);
            int filled = 0;
            while (filled < data.length) {
                int values = Math.min(chunk.length / width, data.length - filled);
                try {
                    in.readFully(chunk, 0, values * width);
                } catch (EOFException e) {
                    throw new UserInputException(file + ": truncated, shape (" + rows + ", " + cols + ") needs "
                            + ((long) data.length * width) + " data bytes");
                }
                buffer.clear();
                for (int i = 0; i < values; i++) {
                    data[filled++] = width == 4 ? buffer.getFloat() : (float) buffer.getDouble();
                }
            }
            return new Matrix((int) rows, (int) cols, data);
        } catch (NoSuchFileException e) {
            throw new UserInputException("file not found: " + file);
        } catch (EOFException e) {
            throw new UserInputException(file + ": truncated .npy header");
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
