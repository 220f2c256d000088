package io.contrast4j.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Corpus;
import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporaTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Path gzip(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<Document> all(Corpus c) {
        try (Stream<Document> docs = c.documents()) {
            return docs.toList();
        }
    }

    private static List<String> texts(Corpus c) {
        return all(c).stream().map(Document::text).toList();
    }

    static final String LINES = "first document .\n\n  second one  \nthird\n";
    static final String PARAGRAPHS = "para one line one\npara one line two\n\n\npara two\nstill two\n\npara three\n";
    static final String JSONL = "{\"text\": \"héllo world\", \"id\": 7, \"lang\": \"fr\"}\n\n{\"meta\": {\"a\": [1, {\"text\": \"no\"}]}, \"text\": \"second\"}\n";

    @Test
    void oneDocumentPerLine() throws IOException {
        Corpus c = Corpora.open(write("c.txt", LINES), CorpusFormat.LINES);
        List<Document> docs = all(c);
        assertEquals(List.of("first document .", "second one", "third"), docs.stream().map(Document::text).toList());
        assertEquals(new Document("c.txt:3", "second one", "en"), docs.get(1));
    }

    @Test
    void blankLineSeparatedDocuments() throws IOException {
        Corpus c = Corpora.open(write("p.txt", PARAGRAPHS), CorpusFormat.PARAGRAPHS);
        List<Document> docs = all(c);
        assertEquals(List.of("para one line one\npara one line two", "para two\nstill two", "para three"),
                docs.stream().map(Document::text).toList());
        assertEquals("p.txt:5", docs.get(1).id());
    }

    @Test
    void jsonlWithTextIdAndLanguage() throws IOException {
        Corpus c = Corpora.open(write("j.jsonl", JSONL), CorpusFormat.JSONL, "en");
        List<Document> docs = all(c);
        assertEquals(new Document("7", "héllo world", "fr"), docs.get(0));
        assertEquals(new Document("j.jsonl:3", "second", "en"), docs.get(1)); // nested "text" is not the document's
    }

    @Test
    void gzipIsRecognisedByItsBytesAndFormatsAreDetected() throws IOException {
        assertEquals(texts(Corpora.open(write("a.txt", LINES), CorpusFormat.LINES)), texts(Corpora.open(gzip("a.bin", LINES))));
        assertEquals(texts(Corpora.open(write("b.txt", PARAGRAPHS), CorpusFormat.PARAGRAPHS)), texts(Corpora.open(gzip("b.gz", PARAGRAPHS))));
        assertEquals(texts(Corpora.open(write("c.jsonl", JSONL), CorpusFormat.JSONL)), texts(Corpora.open(gzip("c.data", JSONL))));
        assertEquals(CorpusFormat.JSONL, Corpora.detect(gzip("d.jsonl.gz", "not json\n")));
        assertEquals(CorpusFormat.LINES, Corpora.detect(write("e.txt", LINES)));
        assertEquals(CorpusFormat.PARAGRAPHS, Corpora.detect(write("f.txt", PARAGRAPHS)));
        // A one-per-line file with a stray blank line stays LINES.
        assertEquals(CorpusFormat.LINES, Corpora.detect(write("g.txt", "a\nb\nc\n\nd\ne\nf\n")));
    }

    @Test
    void reIterableAndLazy() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 5000; i++) sb.append("{\"text\": \"doc ").append(i).append("\"}\n");
        sb.append("{\"text\": broken\n");
        Path f = gzip("big.jsonl.gz", sb.toString());
        Corpus c = Corpora.open(f);
        // The malformed last line is never reached: the file is streamed, not parsed whole.
        try (Stream<Document> docs = c.documents()) {
            assertEquals(List.of("doc 1", "doc 2", "doc 3"), docs.limit(3).map(Document::text).toList());
        }
        try (Stream<Document> docs = c.documents()) {
            assertEquals("doc 1", docs.findFirst().orElseThrow().text());
        }
        UserInputException e = assertThrows(UserInputException.class, () -> all(c));
        assertTrue(e.getMessage().startsWith(f + ":5001: invalid JSON"), e.getMessage());
    }

    @Test
    void malformedJsonlNamesFileAndLine() throws IOException {
        Path noText = write("n.jsonl", "{\"text\": \"ok\"}\n{\"body\": \"x\"}\n");
        UserInputException e = assertThrows(UserInputException.class, () -> all(Corpora.open(noText)));
        assertEquals(noText + ":2: no \"text\" field", e.getMessage());
        Path notString = write("s.jsonl", "{\"text\": 5}\n");
        e = assertThrows(UserInputException.class, () -> all(Corpora.open(notString)));
        assertEquals(notString + ":1: \"text\" must be a string", e.getMessage());
        Path array = write("a.jsonl", "{\"text\": \"a\"}\n[1, 2]\n");
        e = assertThrows(UserInputException.class, () -> all(Corpora.open(array)));
        assertEquals(array + ":2: expected a JSON object", e.getMessage());
    }

    @Test
    void invalidUtf8IsAnError() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', 'b', (byte) 0xC3, '(', '\n'});
        UserInputException e = assertThrows(UserInputException.class, () -> all(Corpora.open(f, CorpusFormat.LINES)));
        assertEquals(f + ":2: not valid UTF-8 text", e.getMessage());
    }

    /** A file with no newline and a gzip bomb (1 GB of zeros, ~5 MB compressed) end in the one-line cap error. */
    @Test
    void unboundedLinesEndInTheLineCapError() throws IOException {
        Path noNewline = dir.resolve("no-newline.txt");
        try (OutputStream out = Files.newOutputStream(noNewline)) {
            byte[] chunk = "a sentence without end ".repeat(100).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1000; i++) out.write(chunk); // 2.3 MB
        }
        for (CorpusFormat format : List.of(CorpusFormat.AUTO, CorpusFormat.LINES, CorpusFormat.PARAGRAPHS, CorpusFormat.JSONL)) {
            UserInputException e = assertThrows(UserInputException.class, () -> all(Corpora.open(noNewline, format)));
            assertEquals(noNewline + ":1: line longer than 1048576 bytes", firstPart(e), format.name());
        }
        Path bomb = dir.resolve("bomb.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) out.write(zeros);
        }
        UserInputException e = assertThrows(UserInputException.class, () -> all(Corpora.open(bomb)));
        assertEquals(bomb + ":1: line longer than 1048576 bytes", firstPart(e));
        // a folder holding the bomb fails the same way
        UserInputException inFolder = assertThrows(UserInputException.class, () -> all(Corpora.open(dir)));
        assertTrue(inFolder.getMessage().contains(": line longer than 1048576 bytes"), inFolder.getMessage());
    }

    @Test
    void paragraphsAreCappedLikeLines() throws IOException {
        String old = System.getProperty(io.contrast4j.core.io.BoundedLineReader.MAX_LINE_PROPERTY);
        System.setProperty(io.contrast4j.core.io.BoundedLineReader.MAX_LINE_PROPERTY, "100");
        try {
            Path f = write("long-paragraph.txt", "short one\n\n" + "twenty bytes a line.\n".repeat(10));
            UserInputException e = assertThrows(UserInputException.class, () -> all(Corpora.open(f, CorpusFormat.PARAGRAPHS)));
            assertTrue(e.getMessage().startsWith(f + ":3: paragraph longer than 100 characters (lines 3-7"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty(io.contrast4j.core.io.BoundedLineReader.MAX_LINE_PROPERTY);
            else System.setProperty(io.contrast4j.core.io.BoundedLineReader.MAX_LINE_PROPERTY, old);
        }
    }

    private static String firstPart(Exception e) {
        String m = e.getMessage();
        return m.contains(" (") ? m.substring(0, m.indexOf(" (")) : m;
    }

    @Test
    void folderOfFilesIsOneCorpus() throws IOException {
        write("folder/b/2.txt", "two\n");
        gzip("folder/a.jsonl.gz", "{\"text\": \"one\"}\n");
        write("folder/.hidden", "never\n");
        write("folder/c.txt", PARAGRAPHS);
        Corpus c = Corpora.open(dir.resolve("folder"));
        assertInstanceOf(DirectoryCorpus.class, c);
        List<Document> docs = all(c);
        assertEquals(List.of("one", "two", "para one line one\npara one line two", "para two\nstill two", "para three"),
                docs.stream().map(Document::text).toList());
        assertEquals("b/2.txt:1", docs.get(1).id());
        assertEquals(docs, all(c));
    }

    @Test
    void missingCorpusAndBadFormatOption() {
        UserInputException e = assertThrows(UserInputException.class, () -> Corpora.open(dir.resolve("none.txt")));
        assertTrue(e.getMessage().contains("none.txt"));
        e = assertThrows(UserInputException.class, () -> Corpora.parseFormat("xml"));
        assertTrue(e.getMessage().contains("--format xml"));
        assertEquals(CorpusFormat.JSONL, Corpora.parseFormat("jsonl"));
    }
}
