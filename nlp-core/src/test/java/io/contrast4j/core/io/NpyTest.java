package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void headerIsWhatNumpySaveWrites() {
        // numpy 2.4 np.save of a (3, 4) float32 array: magic, 1.0, length 118, dict + growth spaces, '\n'
        byte[] header = NpyWriter.header(3, 4);
        assertEquals(128, header.length, "data starts 64-byte aligned");
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(header, 10));
        String dict = new String(header, 10, 118, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }" + " ".repeat(58) + "\n", dict);
        for (int rows : new int[] {0, 1, 999_999_999}) {
            assertEquals(0, NpyWriter.header(rows, 384).length % 64);
        }
    }

    @Test
    void roundTripsRowByRow() throws Exception {
        Random rnd = new Random(1);
        float[][] rows = new float[37][19];
        for (float[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                r[j] = (float) rnd.nextGaussian();
            }
        }
        rows[0][0] = Float.NaN;
        rows[0][1] = -0.0f;
        Path file = dir.resolve("emb.npy");
        NpyWriter.write(file, rows);
        assertEquals(128 + 37 * 19 * 4, Files.size(file));
        NpyReader.Matrix m = NpyReader.read(file);
        assertEquals(37, m.rows());
        assertEquals(19, m.cols());
        for (int r = 0; r < rows.length; r++) {
            assertArrayEquals(rows[r], m.row(r));
        }
        // data is little-endian float32 right after the header
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file), 128, 8).order(ByteOrder.LITTLE_ENDIAN);
        assertTrue(Float.isNaN(data.getFloat()));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(data.getFloat()));
    }

    @Test
    void readsFloat64AndOneDimensional() throws Exception {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        String padded = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyWriter.MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length())
                .put(padded.getBytes(StandardCharsets.ISO_8859_1)).putDouble(1.5).putDouble(-2).putDouble(0.25);
        Path file = dir.resolve("d.npy");
        Files.write(file, b.array());
        NpyReader.Matrix m = NpyReader.read(file);
        assertEquals(3, m.rows());
        assertEquals(1, m.cols());
        assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, m.data());
    }

    @Test
    void badFilesAreUserErrors() throws Exception {
        Path file = dir.resolve("t.npy");
        NpyWriter.write(file, new float[4][8]);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        UserInputException e = assertThrows(UserInputException.class, () -> NpyReader.read(truncated));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("truncated.npy"), e.getMessage());
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "not numpy at all");
        e = assertThrows(UserInputException.class, () -> NpyReader.read(text));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
    }

    @Test
    void writerChecksShape() {
        NpyWriter w = NpyWriter.open(dir.resolve("s.npy"), 2, 3);
        assertThrows(IllegalArgumentException.class, () -> w.writeRow(new float[2]));
        w.writeRow(new float[3]);
        assertThrows(IllegalStateException.class, w::close);
    }
}
