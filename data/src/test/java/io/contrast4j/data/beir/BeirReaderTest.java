package io.contrast4j.data.beir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirReaderTest {
    @TempDir Path tmp;

    private Path folder(String corpus, String queries, String qrels) throws IOException {
        Path dir = tmp.resolve("tiny");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("corpus.jsonl"), corpus, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("queries.jsonl"), queries, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("qrels/test.tsv"), qrels, StandardCharsets.UTF_8);
        return dir;
    }

    private static final String CORPUS = """
            {"_id": "d1", "title": "Cats", "text": "Cats purr."}
            {"_id": "d2", "text": "Dogs bark.", "metadata": {}}

            {"_id": 3, "title": null, "text": "Birds sing."}
            """;
    private static final String QUERIES = """
            {"_id": "q1", "text": "which animal purrs"}
            {"_id": "q2", "text": "which animal barks"}
            {"_id": "q3", "text": "not judged"}
            """;

    @Test
    void readsCorpusQueriesAndGradedQrels() throws IOException {
        Path dir = folder(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq2\td2\t2\nq1\td1\t1\nq1\t3\t0\nq2\tgone\t1\n");
        BeirDataset d = BeirReader.read(dir, "test");
        assertEquals("tiny", d.name());
        assertEquals(List.of("d1", "d2", "3"), List.copyOf(d.corpus().keySet()));
        assertEquals("Cats Cats purr.", d.corpus().get("d1").fullText());
        assertEquals("Dogs bark.", d.corpus().get("d2").fullText());
        assertEquals("", d.corpus().get("3").title());
        // judged queries only, in the order the qrels first name them (BEIR's loader)
        assertEquals(List.of("q2", "q1"), List.copyOf(d.queries().keySet()));
        assertEquals(Map.of("d1", 1, "3", 0), d.qrels().get("q1"));
        assertEquals(Map.of("d2", 2, "gone", 1), d.qrels().get("q2"));
        assertEquals(1, d.unknownJudgedDocuments());
        assertEquals(3, d.files().size());
    }

    @Test
    void qrelsWithoutHeaderAreReadFromTheFirstLine() throws IOException {
        BeirDataset d = BeirReader.read(folder(CORPUS, QUERIES, "q1\td1\t1\n"), "test");
        assertEquals(Map.of("d1", 1), d.qrels().get("q1"));
    }

    private static void assertReported(Path file, int line, String cause, Runnable read) {
        UserInputException e = assertThrows(UserInputException.class, read::run);
        assertEquals(file + ":" + line + ": " + cause, e.getMessage());
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        Path dir = folder("{\"_id\": \"d1\", \"text\": \"a\"}\n{\"_id\": \"d1\", \"text\": \"b\"}\n", QUERIES, "q1\td1\t1\n");
        assertReported(dir.resolve("corpus.jsonl"), 2, "duplicate _id 'd1'", () -> BeirReader.read(dir, "test"));

        Path dir2 = folder("{\"_id\": \"d1\", \"text\": \"a\"}\n{\"title\": \"x\", \"text\": \"b\"}\n", QUERIES, "q1\td1\t1\n");
        assertReported(dir2.resolve("corpus.jsonl"), 2, "missing _id", () -> BeirReader.read(dir2, "test"));

        Path dir3 = folder("{\"_id\": \"d1\", \"title\": \"no text\"}\n", QUERIES, "q1\td1\t1\n");
        assertReported(dir3.resolve("corpus.jsonl"), 1, "missing text", () -> BeirReader.read(dir3, "test"));

        Path dir4 = folder(CORPUS, "{\"_id\": \"q1\", \"text\": \"a\"}\n[1, 2]\n", "q1\td1\t1\n");
        assertReported(dir4.resolve("queries.jsonl"), 2, "expected a JSON object", () -> BeirReader.read(dir4, "test"));

        Path dir5 = folder(CORPUS, "{\"_id\": \"q1\", \"text\": \"a\"\n", "q1\td1\t1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> BeirReader.read(dir5, "test"));
        assertTrue(e.getMessage().startsWith(dir5.resolve("queries.jsonl") + ":1: not valid JSON"), e.getMessage());
    }

    @Test
    void malformedQrelsNameFileAndLine() throws IOException {
        Path q = tmp.resolve("tiny/qrels/test.tsv");
        Path dir = folder(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1\td1\thigh\n");
        assertReported(q, 2, "expected an integer, got 'high'", () -> BeirReader.read(dir, "test"));
        folder(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1 d1 1\n");
        assertReported(q, 2, "expected query-id TAB corpus-id TAB score, got 1 field(s)", () -> BeirReader.read(dir, "test"));
        folder(CORPUS, QUERIES, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq9\td1\t1\n");
        assertReported(q, 3, "query id 'q9' is not in queries.jsonl", () -> BeirReader.read(dir, "test"));
        folder(CORPUS, QUERIES, "q1\td1\t1\nq1\td1\t2\n");
        assertReported(q, 2, "query 'q1' is judged twice for document 'd1'", () -> BeirReader.read(dir, "test"));
    }

    @Test
    void missingSplitListsThePresentOnes() throws IOException {
        Path dir = folder(CORPUS, QUERIES, "q1\td1\t1\n");
        Files.writeString(dir.resolve("qrels/dev.tsv"), "q1\td1\t1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> BeirReader.read(dir, "train"));
        assertTrue(e.getMessage().endsWith("train.tsv (splits present: dev, test)"), e.getMessage());
        Files.delete(dir.resolve("corpus.jsonl"));
        e = assertThrows(UserInputException.class, () -> BeirReader.read(dir, "test"));
        assertEquals("file not found: " + dir.resolve("corpus.jsonl").toAbsolutePath(), e.getMessage());
    }
}
