package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @Test
    void knownVectors() {
        // FIPS 180-2 test vectors
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void fileStreamAndArrayAgreeAcrossBufferBoundaries(@TempDir Path dir) throws Exception {
        byte[] data = new byte[(1 << 16) * 3 + 17];
        new Random(7).nextBytes(data);
        Path file = dir.resolve("blob.bin");
        Files.write(file, data);
        String expected = Sha256.of(data);
        assertEquals(expected, Sha256.of(file));
        assertEquals(expected, Sha256.of(new ByteArrayInputStream(data)));
    }
}
