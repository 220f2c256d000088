package io.contrast4j.core.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.UserInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordVectorFilesTest {

    @TempDir
    Path dir;

    /** A vocabulary with the C tool's sentence marker, non-ASCII words and awkward values. */
    private static DenseWordVectors sample(int count, int dim, long seed) {
        Random rnd = new Random(seed);
        List<String> words = new ArrayList<>();
        words.add("</s>");
        words.add("naïve");
        words.add("日本語");
        words.add("can't");
        while (words.size() < count) {
            words.add("w" + words.size());
        }
        float[] m = new float[count * dim];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) rnd.nextGaussian() * (i % 7 == 0 ? 40f : 0.2f);
        }
        m[0] = -0.0f;
        m[1] = -1e-9f;
        m[2] = 0.0078125f;
        m[3] = 12345.678f;
        return new DenseWordVectors(words, m, dim);
    }

    private Path write(DenseWordVectors v, String name, WordVectorFormat format) {
        Path file = dir.resolve(name);
        WordVectorWriter.write(v, file, format);
        return file;
    }

    @Test
    void textLayoutIsTheCTools() throws Exception {
        DenseWordVectors v = new DenseWordVectors(List.of("</s>", "the"), new float[] {0.5f, -0.25f, 1e-7f, -3f}, 2);
        Path file = write(v, "v.txt", WordVectorFormat.TEXT);
        // word2vec.c: "%lld %lld\n", then "%s " + "%lf " per value + "\n"
        assertEquals("2 2\n</s> 0.500000 -0.250000 \nthe 0.000000 -3.000000 \n",
                Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void binaryLayoutIsTheCTools() throws Exception {
        DenseWordVectors v = new DenseWordVectors(List.of("</s>", "naïve"), new float[] {0.5f, -0.25f, 1e-7f, -3f}, 2);
        Path file = write(v, "v.bin", WordVectorFormat.BINARY);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes("2 2\n</s> ".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(le(0.5f, -0.25f));
        expected.writeBytes("\nnaïve ".getBytes(StandardCharsets.UTF_8));
        expected.writeBytes(le(1e-7f, -3f));
        expected.write('\n');
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    private static byte[] le(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void textRoundTripsByteForByte() throws Exception {
        DenseWordVectors v = sample(300, 17, 1);
        Path first = write(v, "a.txt", WordVectorFormat.TEXT);
        DenseWordVectors read = WordVectorReader.read(first, WordVectorFormat.TEXT);
        Path second = write(read, "b.txt", WordVectorFormat.TEXT);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(v.vocabulary(), read.vocabulary());
        for (int i = 0; i < v.matrix().length; i++) {
            assertEquals(v.matrix()[i], read.matrix()[i], 5e-7f + Math.ulp(v.matrix()[i]), "value " + i);
        }
    }

    @Test
    void binaryRoundTripsByteForByteAndExactly() throws Exception {
        DenseWordVectors v = sample(300, 17, 2);
        Path first = write(v, "a.bin", WordVectorFormat.BINARY);
        DenseWordVectors read = WordVectorReader.read(first, WordVectorFormat.BINARY);
        Path second = write(read, "b.bin", WordVectorFormat.BINARY);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertArrayEquals(v.matrix(), read.matrix());
        assertEquals(v.vocabulary(), read.vocabulary());
    }

    @Test
    void gzipRoundTripsAndFormatIsDetected() {
        DenseWordVectors v = sample(50, 5, 3);
        for (WordVectorFormat format : WordVectorFormat.values()) {
            for (String name : List.of("v." + format, "v." + format + ".gz")) {
                Path file = write(v, name, format);
                assertEquals(format, WordVectorFormat.detect(file), name);
                DenseWordVectors read = WordVectorReader.read(file);
                assertEquals(v.vocabulary(), read.vocabulary(), name);
            }
        }
    }

    @Test
    void readsGensimBinaryWithoutNewlinesAndGloveTextWithoutHeader() throws Exception {
        ByteArrayOutputStream gensim = new ByteArrayOutputStream();
        gensim.writeBytes("2 3\nking ".getBytes(StandardCharsets.UTF_8));
        gensim.writeBytes(le(1f, 2f, 3f));
        gensim.writeBytes("queen ".getBytes(StandardCharsets.UTF_8));
        gensim.writeBytes(le(4f, 5f, 10f)); // '\n' is 0x0a: 10f = 0x41200000 has no newline byte
        Path bin = dir.resolve("gensim.bin");
        Files.write(bin, gensim.toByteArray());
        DenseWordVectors read = WordVectorReader.read(bin, WordVectorFormat.BINARY);
        assertEquals(List.of("king", "queen"), read.vocabulary());
        assertArrayEquals(new float[] {4f, 5f, 10f}, read.vector("queen"));

        Path glove = dir.resolve("glove.txt");
        Files.writeString(glove, "the 0.1 -0.2 3e-2\nof 1 2 3\n");
        assertEquals(WordVectorFormat.TEXT, WordVectorFormat.detect(glove));
        DenseWordVectors g = WordVectorReader.read(glove);
        assertEquals(3, g.dimension());
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.03f}, g.vector("the"));
    }

    @Test
    void limitReadsTheFirstWords() {
        DenseWordVectors v = sample(100, 4, 4);
        for (WordVectorFormat format : WordVectorFormat.values()) {
            Path file = write(v, "l." + format, format);
            DenseWordVectors first10 = WordVectorReader.read(file, format, 10);
            assertEquals(v.vocabulary().subList(0, 10), first10.vocabulary());
        }
    }

    private UserInputException readFails(String content, WordVectorFormat format) throws Exception {
        Path file = dir.resolve("bad-" + System.nanoTime() + ".txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return assertThrows(UserInputException.class, () -> WordVectorReader.read(file, format));
    }

    @Test
    void malformedTextNamesFileAndLine() throws Exception {
        UserInputException e = readFails("2 3\na 1 2 3\nb 1 2\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("expected 4 fields"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());

        e = readFails("2 3\na 1 2 3\nb 1 x2 3\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("x2"), e.getMessage());

        e = readFails("3 3\na 1 2 3\nb 1 2 3\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("3 words"), e.getMessage());

        e = readFails("1 3\na 1 2 3\nb 1 2 3\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("more lines"), e.getMessage());

        e = readFails("2 3\na 1 2 3\na 4 5 6\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("duplicate word 'a'"), e.getMessage());

        e = readFails("", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());

        e = readFails("2 3\na 1 2 3\n\nb 1 2 3\n", WordVectorFormat.TEXT);
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("empty line"), e.getMessage());

        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "1 1\nna\u00efve 0.5\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(UserInputException.class, () -> WordVectorReader.read(latin1, WordVectorFormat.TEXT));
        assertEquals(latin1 + ":2: not valid UTF-8 text", e.getMessage());

        Path missing = dir.resolve("missing.bin");
        e = assertThrows(UserInputException.class, () -> WordVectorReader.read(missing, WordVectorFormat.BINARY));
        assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("missing.bin"), e.getMessage());
    }

    @Test
    void malformedBinaryNamesWordAndOffset() throws Exception {
        DenseWordVectors v = sample(20, 8, 5);
        byte[] good = Files.readAllBytes(write(v, "good.bin", WordVectorFormat.BINARY));

        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 10));
        UserInputException e = assertThrows(UserInputException.class,
                () -> WordVectorReader.read(truncated, WordVectorFormat.BINARY));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("word 20")
                && e.getMessage().contains("byte offset"), e.getMessage());

        // header claims fewer words than there are
        Path more = dir.resolve("more.bin");
        byte[] lying = good.clone();
        lying[0] = '1'; // "20 8" -> "10 8"
        Files.write(more, lying);
        e = assertThrows(UserInputException.class, () -> WordVectorReader.read(more, WordVectorFormat.BINARY));
        assertTrue(e.getMessage().contains("header promises 10 words") && e.getMessage().contains("byte offset"), e.getMessage());

        Path badHeader = dir.resolve("badheader.bin");
        Files.write(badHeader, "twenty 8\n".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(UserInputException.class, () -> WordVectorReader.read(badHeader, WordVectorFormat.BINARY));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void writerRejectsWhitespaceWordsAndCountMismatch() {
        Path file = dir.resolve("w.txt");
        WordVectorWriter writer = WordVectorWriter.open(file, WordVectorFormat.TEXT, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> writer.write("new york", new float[] {1, 2}));
        writer.write("a", new float[] {1, 2});
        assertThrows(IllegalStateException.class, writer::close);
    }

    @Test
    void mostSimilarIsExactCosineSearchExcludingTheWord() {
        DenseWordVectors v = sample(400, 16, 6);
        String word = "w42";
        List<Neighbor> top = v.mostSimilar(word, 10);
        assertEquals(10, top.size());
        assertFalse(top.stream().anyMatch(n -> n.key().equals(word)), "the word itself is excluded");
        float[] q = v.vector(word);
        List<String> expected = IntStream.range(0, v.size()).filter(i -> i != v.index(word)).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -cosineDouble(q, v.vector(i))))
                .limit(10).map(v::word).toList();
        assertEquals(expected, top.stream().map(Neighbor::key).toList());
        assertEquals(cosineDouble(q, v.vector(top.get(0).key())), top.get(0).score(), 1e-5);
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.get(i - 1).score() >= top.get(i).score());
        }
        // by vector: the word itself comes first with cosine 1
        List<Neighbor> byVector = v.mostSimilar(q, 3);
        assertEquals(word, byVector.get(0).key());
        assertEquals(1f, byVector.get(0).score(), 1e-5f);
        assertEquals(List.of(), v.mostSimilar("no-such-word", 5));
        assertNull(v.vector("no-such-word"));
        assertEquals(-1, v.index("no-such-word"));
    }

    private static double cosineDouble(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
