package io.contrast4j.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.cli.TestSentences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval retrieval (exact, Lucene int8 vectors, BM25) with the real MiniLM on a hand-made BEIR folder, then eval compare. */
class RetrievalEvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Six questions in other words than the sentence they ask for (s8's query also half-matches s3: graded). */
    private static Path beir(Path dir) throws IOException {
        Path beir = dir.resolve("everyday");
        Files.createDirectories(beir.resolve("qrels"));
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < TestSentences.EVERYDAY.length; i++) {
            corpus.add(JSON.createObjectNode().put("_id", "s" + i).put("title", "").put("text", TestSentences.EVERYDAY[i]).toString());
        }
        Files.write(beir.resolve("corpus.jsonl"), corpus);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "what time does the Paris train depart"}
                {"_id": "q2", "text": "grandma's vegetable patch"}
                {"_id": "q3", "text": "violinist in an orchestra"}
                {"_id": "q4", "text": "plane late because of bad weather"}
                {"_id": "q5", "text": "tremor hits seaside village"}
                {"_id": "q6", "text": "adopting a puppy from a shelter"}
                """);
        Files.writeString(beir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\ts0\t1\nq2\ts1\t1\nq3\ts6\t1\nq4\ts8\t2\nq4\ts3\t1\nq5\ts13\t1\nq6\ts15\t1\n");
        return beir;
    }

    @Test
    void exactAndLuceneModesThenCompare(@TempDir Path dir) throws Exception {
        Path beir = beir(dir), cache = dir.resolve("cache");
        Path exact = dir.resolve("exact.json"), int8 = dir.resolve("int8.json"), bm25 = dir.resolve("bm25.json");
        CliRun r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString(), "--cache-dir", cache.toString(),
                "--no-progress", "--out", exact.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode e = JSON.readTree(exact.toFile());
        JsonNode task = e.path("tasks").path("everyday");
        assertEquals(6, task.path("n").asInt(), e.toString());
        assertTrue(task.path("ndcg@10").asDouble() >= 80, "MiniLM finds the paraphrased sentences: " + task);
        assertTrue(task.path("qps").asDouble() > 0);
        assertEquals(6, e.path("details").path("everyday").path("per_query").path("mrr@10").size());
        assertTrue(e.path("details").path("everyday").path("retriever").asText().startsWith("exact cosine"));
        assertEquals("all-MiniLM-L6-v2 [exact]", e.path("model").asText());
        assertEquals(3, e.path("provenance").path("inputs").size(), e.path("provenance").toString());
        assertTrue(Files.readString(dir.resolve("exact.md")).contains("ndcg@10"));

        r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString(), "--cache-dir", cache.toString(), "--no-progress",
                "--index-mode", "vector", "--quantization", "int8", "--over-fetch", "3", "--out", int8.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode v = JSON.readTree(int8.toFile());
        assertEquals(task.path("ndcg@10").asDouble(), v.path("tasks").path("everyday").path("ndcg@10").asDouble(), 10,
                "int8 HNSW over 20 documents ranks about as exact search does");
        assertTrue(v.path("details").path("everyday").path("retriever").asText().contains("int8"));
        assertEquals("all-MiniLM-L6-v2 [lucene vector hnsw int8]", v.path("model").asText());
        assertEquals("int8", v.path("provenance").path("config").path("quantization").asText(), v.path("provenance").toString());

        r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString(), "--cache-dir", cache.toString(), "--no-progress",
                "--index-mode", "text", "--out", bm25.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode t = JSON.readTree(bm25.toFile());
        assertTrue(t.path("tasks").path("everyday").path("ndcg@10").asDouble() < task.path("ndcg@10").asDouble(),
                "BM25 misses the reworded queries: " + t.path("tasks"));

        Path cmp = dir.resolve("cmp.json");
        r = CliRun.of("eval", "compare", bm25.toString(), exact.toString(), "--bootstrap", "500", "--permutations", "500", "--out", cmp.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode c = JSON.readTree(cmp.toFile());
        JsonNode ndcg = c.path("tasks").path("everyday").path("ndcg@10");
        assertEquals(task.path("ndcg@10").asDouble() - t.path("tasks").path("everyday").path("ndcg@10").asDouble(), ndcg.path("diff").asDouble(), 1e-9);
        assertEquals(2, ndcg.path("ci95").size(), c.toString());
        assertTrue(ndcg.path("p").asDouble() > 0 && ndcg.path("p").asDouble() <= 1);
        assertEquals("paired permutation", ndcg.path("test").asText());
        assertTrue(c.path("tasks").path("everyday").path("qps").path("p").isMissingNode(), "no test for QPS");
        assertTrue(Files.readString(dir.resolve("cmp.html")).contains("<td>ndcg@10</td>"));
        assertTrue(r.err().contains("| everyday | ndcg@10 |"), r.err());
    }

    @Test
    void badInputIsOneLineWithExitTwo(@TempDir Path dir) throws Exception {
        Path beir = beir(dir);
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\ts0\tyes\n");
        CliRun r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("test.tsv:2: expected an integer, got 'yes'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString(), "--index-mode", "fuzzy");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--index-mode"), r.err());
        r = CliRun.of("eval", "retrieval", "--model", "minilm", "--beir", beir.toString(), "--quantization", "int8");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not to exact"), r.err());

        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        Files.writeString(a, "{\"model\": \"x\", \"tasks\": {\"T\": {\"acc\": 50, \"n\": 4}}, \"details\": {\"T\": {\"test_correct\": \"1100\"}}}");
        Files.writeString(b, "{\"model\": \"y\", \"tasks\": {\"T\": {\"acc\": 60, \"n\": 5}}, \"details\": {\"T\": {\"test_correct\": \"11100\"}}}");
        r = CliRun.of("eval", "compare", a.toString(), b.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("details.T.test_correct: 4 and 5 examples: not the same test set"), r.err());
        Files.writeString(b, "not json");
        r = CliRun.of("eval", "compare", a.toString(), b.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("b.json: not a JSON report"), r.err());
    }
}
