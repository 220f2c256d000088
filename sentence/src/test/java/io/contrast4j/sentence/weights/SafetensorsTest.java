package io.contrast4j.sentence.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir Path dir;

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() throws IOException {
        Random rnd = new Random(7);
        List<Tensor> tensors = List.of(
                tensor("encoder.layer.0.attention.self.query.weight", rnd, 5, 3),
                tensor("scalar", rnd),
                tensor("embeddings.LayerNorm.bias", rnd, 7),
                tensor("empty", rnd, 0, 4),
                tensor("cube", rnd, 2, 3, 4));
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, tensors, Map.of("format", "pt"));

        byte[] bytes = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLen) % 8, "data starts 8-byte aligned");
        long payload = tensors.stream().mapToLong(t -> 4L * t.data().length).sum();
        assertEquals(8 + headerLen + payload, bytes.length);
        String header = new String(bytes, 8, (int) headerLen, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"__metadata__\":{\"format\":\"pt\"}"), header);

        Safetensors.Contents c = Safetensors.read(f);
        assertEquals(Map.of("format", "pt"), c.metadata());
        assertEquals(tensors.size(), c.tensors().size());
        for (Tensor t : tensors) {
            Tensor r = c.tensors().get(t.name());
            assertArrayEquals(t.shape(), r.shape(), t.name());
            assertArrayEquals(t.data(), r.data(), t.name());
        }
    }

    @Test
    void readsHalfPrecisionAndSkipsIntegerBuffers() throws IOException {
        // Hand-made file: an F16 [2], a BF16 [2] and an I64 [3] (like BERT's position_ids buffer).
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                + "\"embeddings.position_ids\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[8,32]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2.25f));
        b.putShort((short) (Float.floatToIntBits(3.0f) >>> 16)).putShort((short) (Float.floatToIntBits(-0.5f) >>> 16));
        b.putLong(0).putLong(1).putLong(2);
        Path f = dir.resolve("half.safetensors");
        Files.write(f, b.array());
        Safetensors.Contents c = Safetensors.read(f);
        assertArrayEquals(new float[] {1.5f, -2.25f}, c.tensors().get("h").data());
        assertArrayEquals(new float[] {3.0f, -0.5f}, c.tensors().get("b").data());
        assertEquals(List.of("embeddings.position_ids"), c.skipped());
    }

    @Test
    void corruptFilesAreUserErrorsNamingTheFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, List.of(tensor("w", new Random(1), 64, 64)), Map.of());
        byte[] good = Files.readAllBytes(f);

        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(good, good.length - 100));
        assertMessageNames(truncated);

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertMessageNames(tiny);

        Path hugeHeader = dir.resolve("hugeheader.safetensors");
        byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Files.write(hugeHeader, bad);
        assertMessageNames(hugeHeader);

        Path notJson = dir.resolve("notjson.safetensors");
        ByteBuffer nj = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        nj.putLong(8).put("{{{{{{{{".getBytes(StandardCharsets.US_ASCII));
        Files.write(notJson, nj.array());
        assertMessageNames(notJson);

        assertMessageNames(dir.resolve("missing.safetensors"));
    }

    private static void assertMessageNames(Path file) {
        UserInputException e = assertThrows(UserInputException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }

    private static Tensor tensor(String name, Random rnd, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] data = new float[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextGaussian();
        }
        return new Tensor(name, shape, data);
    }
}
