package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contrast4j.core.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedLineReaderTest {
    @TempDir Path dir;

    private static List<String> lines(byte[] bytes, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(bytes), "mem", StandardCharsets.UTF_8, max)) {
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        return out;
    }

    @Test
    void splitsOnEveryTerminatorLikeBufferedReader() throws IOException {
        byte[] text = "\uFEFFa\nb\r\nc\rd\n\ne".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b", "c", "d", "", "e"), lines(text, 100));
        assertEquals(List.of("x"), lines("x\r\n".getBytes(StandardCharsets.UTF_8), 100));
        assertEquals(List.of(), lines(new byte[0], 100));
        assertEquals(List.of("na\u00efve \u4e2d"), lines("na\u00efve \u4e2d\n".getBytes(StandardCharsets.UTF_8), 100));
    }

    @Test
    void lineOfExactlyTheCapPassesOneMoreByteFails() throws IOException {
        assertEquals(List.of("12345", "1"), lines("12345\n1".getBytes(StandardCharsets.UTF_8), 5));
        LineTooLongException e = assertThrows(LineTooLongException.class,
                () -> lines("ok\n123456\n".getBytes(StandardCharsets.UTF_8), 5));
        assertEquals(2, e.line());
        assertEquals("mem:2: line longer than 5 bytes (raise the limit with --max-line-bytes or CONTRAST4J_MAX_LINE_BYTES)",
                e.getMessage());
    }

    @Test
    void invalidTextNamesItsLineAndCanBeReplaced() throws IOException {
        byte[] bad = {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'};
        UserInputException e = assertThrows(UserInputException.class, () -> lines(bad, 100));
        assertEquals("mem:2: not valid UTF-8 text", e.getMessage());
        try (BoundedLineReader r = new BoundedLineReader(new ByteArrayInputStream(bad), "mem", StandardCharsets.UTF_8, 100)
                .replacingMalformedInput()) {
            assertEquals("ok", r.readLine());
            assertEquals("b\uFFFD(", r.readLine());
            assertNull(r.readLine());
        }
    }

    /** A file with no newline at all stops at the cap; the default cap is 1 MiB. */
    @Test
    void fileWithoutNewlineStopsAtTheDefaultCap() throws IOException {
        Path f = dir.resolve("one-line.txt");
        try (OutputStream out = Files.newOutputStream(f)) {
            byte[] chunk = "word ".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1000; i++) out.write(chunk); // 5 MB, no newline
        }
        try (BoundedLineReader r = BoundedLineReader.open(f)) {
            assertEquals(BoundedLineReader.DEFAULT_MAX_LINE_BYTES, r.maxLineBytes());
            LineTooLongException e = assertThrows(LineTooLongException.class, r::readLine);
            assertEquals(f + ":1: line longer than 1048576 bytes", e.getMessage().substring(0, e.getMessage().indexOf(" (")));
        }
    }

    /**
     * 1 GB of zeros compressed to ~5 MB (generated here, streaming): the reader stops after 1 MiB
     * of decompressed bytes instead of buffering the gigabyte.
     */
    @Test
    void gzipBombEndsInTheLineError() throws IOException {
        Path bomb = writeGzipBomb(dir.resolve("bomb.txt.gz"), 1L << 30);
        try (BoundedLineReader r = BoundedLineReader.open(bomb)) {
            LineTooLongException e = assertThrows(LineTooLongException.class, r::readLine);
            assertEquals(1, e.line());
        }
    }

    /** Streams {@code bytes} zero bytes through gzip into {@code file} (never holding them in memory). */
    public static Path writeGzipBomb(Path file, long bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.length) out.write(zeros);
        }
        return file;
    }

    @Test
    void capComesFromThePropertyAndParsesUnits() {
        assertEquals(4 << 20, BoundedLineReader.parseMaxLineBytes("4m", "x"));
        assertEquals(512 << 10, BoundedLineReader.parseMaxLineBytes("512K", "x"));
        assertEquals(1000, BoundedLineReader.parseMaxLineBytes("1000", "x"));
        UserInputException e = assertThrows(UserInputException.class, () -> BoundedLineReader.parseMaxLineBytes("0", "--max-line-bytes"));
        assertEquals("--max-line-bytes 0: expected a byte count between 1 and 2g (e.g. 1048576, 4m)", e.getMessage());
        String old = System.getProperty(BoundedLineReader.MAX_LINE_PROPERTY);
        try {
            System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, "64k");
            assertEquals(65536, BoundedLineReader.defaultMaxLineBytes());
        } finally {
            if (old == null) System.clearProperty(BoundedLineReader.MAX_LINE_PROPERTY);
            else System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, old);
        }
    }
}
