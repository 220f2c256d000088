package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 tensors in one file, bit for bit: the checkpoint format for parameters and
 * optimizer moments (a checkpoint is private to the trainer; the published model folder uses
 * safetensors). Written with {@link AtomicFiles} (temporary sibling, fsync, atomic rename), so a
 * crash never leaves a half-written archive; reading checks every length against the file.
 */
public final class TensorArchive {

    private static final int MAGIC = 0x43344A54; // "C4JT"

    private TensorArchive() {}

    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                NDArray a = e.getValue();
                if (a.getDataType() != DataType.FLOAT32) {
                    throw new IllegalArgumentException(e.getKey() + " is " + a.getDataType() + ", expected float32");
                }
                out.writeUTF(e.getKey());
                long[] shape = a.getShape().getShape();
                out.writeInt(shape.length);
                for (long d : shape) out.writeLong(d);
                byte[] bytes = a.toByteArray();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.flush();
        });
    }

    /** Reads every tensor into {@code manager}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        long size = Files.size(file);
        // Every length is checked against the file before anything is allocated: a torn or corrupt
        // archive is an IOException naming the file, never an OutOfMemoryError.
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a tensor archive");
            }
            int count = in.readInt();
            if (count < 0 || count > size / 8) throw new IOException(file + ": corrupt (tensor count " + count + ")");
            long position = 8;
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                position += 2 + name.length();
                int rank = in.readInt();
                if (rank < 0 || rank > 16) throw new IOException(file + ": corrupt (rank " + rank + " for " + name + ")");
                long[] shape = new long[rank];
                long elements = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = in.readLong();
                    if (shape[d] < 0 || shape[d] > size) throw new IOException(file + ": corrupt (shape of " + name + ")");
                    elements *= shape[d];
                }
                int length = in.readInt();
                position += 4 + 8L * rank + 4;
                if (length < 0 || length > size - position || (long) length != elements * Float.BYTES) {
                    throw new IOException(file + ": torn or corrupt at tensor " + name + " (" + length + " bytes for "
                            + elements + " floats, " + (size - position) + " bytes left)");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                position += length;
                ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
                buffer.put(bytes).flip();
                out.put(name, manager.create(buffer, new Shape(shape), DataType.FLOAT32));
            }
        }
        return out;
    }
}
