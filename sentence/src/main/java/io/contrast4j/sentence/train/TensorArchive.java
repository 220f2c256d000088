package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 tensors in one file, bit for bit: the checkpoint format for parameters and
 * optimizer moments (a checkpoint is private to the trainer; the published model folder uses
 * safetensors). Written to a temporary file and moved into place, so a crash never leaves a
 * half-written checkpoint.
 */
public final class TensorArchive {

    private static final int MAGIC = 0x43344A54; // "C4JT"

    private TensorArchive() {}

    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
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
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads every tensor into {@code manager}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a tensor archive");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                for (int d = 0; d < shape.length; d++) shape[d] = in.readLong();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.nativeOrder());
                buffer.put(bytes).flip();
                out.put(name, manager.create(buffer, new Shape(shape), DataType.FLOAT32));
            }
        }
        return out;
    }
}
