package io.contrast4j.sentence.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (huggingface/safetensors, "Format"): an unsigned 64-bit
 * little-endian header size N, N bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype",
 * "shape", "data_offsets": [begin, end]}} (offsets into the byte buffer that follows the header)
 * plus an optional {@code "__metadata__"} string map, then the row-major little-endian data.
 *
 * <p>Reading converts F32, F16, BF16 and F64 tensors to float32; tensors of other dtypes (e.g.
 * int64 {@code position_ids} buffers) are skipped and listed in {@link Contents#skipped()}.
 * Writing emits F32 and pads the header with spaces to a multiple of 8 bytes, as the reference
 * implementation does.
 */
public final class Safetensors {
    private Safetensors() {}

    /** Tensors read from a file, with its metadata and the names of non-float tensors left out. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, List<String> skipped) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reference implementation refuses headers above 100 MB; so do we. */
    private static final long MAX_HEADER = 100L * 1024 * 1024;

    public static Contents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw corrupt(file, "file is " + size + " bytes, shorter than the 8-byte header size");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw corrupt(file, "header size " + Long.toUnsignedString(headerLen) + " does not fit the file ("
                        + size + " bytes)");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw corrupt(file, "header is not valid JSON: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
            }
            if (header == null || !header.isObject()) {
                throw corrupt(file, "header is not a JSON object");
            }
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                JsonNode info = e.getValue();
                if (name.equals("__metadata__")) {
                    info.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                String dtype = info.path("dtype").asText("");
                JsonNode shapeNode = info.path("shape");
                JsonNode offsets = info.path("data_offsets");
                if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
                    throw corrupt(file, "tensor \"" + name + "\" lacks shape or data_offsets");
                }
                long[] shape = new long[shapeNode.size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong(-1);
                    if (shape[i] < 0) {
                        throw corrupt(file, "tensor \"" + name + "\" has a negative dimension");
                    }
                    count *= shape[i];
                }
                long begin = offsets.get(0).asLong(-1);
                long end = offsets.get(1).asLong(-1);
                if (begin < 0 || end < begin || end > dataLen) {
                    throw corrupt(file, "tensor \"" + name + "\" offsets [" + begin + ", " + end
                            + "] fall outside the " + dataLen + "-byte data buffer");
                }
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    case "F64" -> 8;
                    default -> -1;
                };
                if (width < 0) {
                    skipped.add(name);
                    continue;
                }
                if (count * width != end - begin) {
                    throw corrupt(file, "tensor \"" + name + "\" (" + dtype + ", shape "
                            + java.util.Arrays.toString(shape) + ") needs " + count * width + " bytes, offsets give "
                            + (end - begin));
                }
                if (count > Integer.MAX_VALUE - 8) {
                    throw corrupt(file, "tensor \"" + name + "\" is too large");
                }
                ByteBuffer raw = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, raw, dataStart + begin);
                raw.flip();
                tensors.put(name, new Tensor(name, shape, toFloats(raw, dtype, (int) count)));
            }
            return new Contents(tensors, metadata, skipped);
        } catch (NoSuchFileException e) {
            throw new UserInputException("weights file not found: " + file);
        } catch (IOException e) {
            throw new UserInputException("cannot read weights file " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[] toFloats(ByteBuffer raw, String dtype, int count) {
        float[] out = new float[count];
        switch (dtype) {
            case "F32" -> raw.asFloatBuffer().get(out);
            case "F64" -> {
                for (int i = 0; i < count; i++) {
                    out[i] = (float) raw.getDouble();
                }
            }
            case "F16" -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.float16ToFloat(raw.getShort());
                }
            }
            case "BF16" -> {
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((raw.getShort() & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalArgumentException(dtype);
        }
        return out;
    }

    /** Writes F32 tensors in the given order with optional metadata (e.g. {"format": "pt"}). */
    public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.name().equals("__metadata__") || header.has(t.name())) {
                throw new IllegalArgumentException("duplicate or reserved tensor name: " + t.name());
            }
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", "F32");
            var shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long bytes = 4L * t.data().length;
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(head.array());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors) {
                float[] d = t.data();
                for (int i = 0; i < d.length; ) {
                    int n = Math.min(d.length - i, chunk.capacity() / 4);
                    chunk.clear();
                    chunk.asFloatBuffer().put(d, i, n);
                    out.write(chunk.array(), 0, n * 4);
                    i += n;
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static UserInputException corrupt(Path file, String why) {
        return new UserInputException("corrupt safetensors file " + file + ": " + why);
    }
}
