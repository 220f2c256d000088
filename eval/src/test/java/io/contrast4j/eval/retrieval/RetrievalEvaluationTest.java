package io.contrast4j.eval.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Neighbor;
import io.contrast4j.data.beir.BeirDataset;
import io.contrast4j.data.beir.BeirReader;
import io.contrast4j.eval.HashingBagOfWords;
import io.contrast4j.eval.TaskResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEvaluationTest {
    @TempDir Path dir;

    private BeirDataset write() throws IOException {
        Path beir = dir.resolve("animals");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "cat", "title": "Cats", "text": "the cat purrs on the warm mat"}
                {"_id": "dog", "title": "Dogs", "text": "the dog barks at the postman"}
                {"_id": "bird", "title": "", "text": "a small bird sings at dawn"}
                {"_id": "fish", "title": "", "text": "fish swim in the cold river"}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "cat purrs"}
                {"_id": "q2", "text": "bird sings at dawn"}
                {"_id": "q3", "text": "postman"}
                """);
        // q3's only relevant document shares no word with it: rank below the lexical matches
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\tcat\t2\nq2\tbird\t1\nq2\tfish\t1\nq3\tfish\t1\n");
        return BeirReader.read(beir, "test");
    }

    @Test
    void exactSearchFindsLexicalMatchesAndReportsEveryQuery() throws IOException {
        BeirDataset data = write();
        ExactRetriever exact = ExactRetriever.index(new HashingBagOfWords(256), BeirReader.texts(data));
        List<Neighbor> top = exact.retrieve("cat purrs", 2);
        assertEquals("cat", top.get(0).key());
        assertTrue(top.get(0).score() > top.get(1).score());

        TaskResult r = RetrievalEvaluation.evaluate(data, exact, null);
        assertEquals("animals", r.task());
        assertEquals(3, r.metrics().get("n"));
        @SuppressWarnings("unchecked")
        Map<String, double[]> perQuery = (Map<String, double[]>) r.details().get("per_query");
        assertEquals(List.of("q1", "q2", "q3"), r.details().get("query_ids"));
        // q1 finds its one relevant document first: every measure is perfect but P@10 (1 of 10)
        assertEquals(100, perQuery.get("ndcg@10")[0], 1e-9);
        assertEquals(100, perQuery.get("mrr@10")[0], 1e-9);
        assertEquals(10, perQuery.get("p@10")[0], 1e-9);
        // every document is returned (4 < 100): recall@100 is 100 for all
        for (double v : perQuery.get("recall@100")) assertEquals(100, v, 1e-9);
        // q2: bird first (shares three words), fish later: average precision (1 + 2/rank(fish)) / 2 < 100
        assertEquals(100, perQuery.get("mrr@10")[1], 1e-9);
        assertTrue(perQuery.get("map@100")[1] < 100);
        // q3: the relevant fish is not first
        assertTrue(perQuery.get("mrr@10")[2] < 100);
        for (String m : TrecMetrics.NAMES) {
            double[] v = perQuery.get(m);
            assertEquals((v[0] + v[1] + v[2]) / 3, r.metrics().get(m).doubleValue(), 1e-9, m);
        }
        assertTrue(r.metrics().get("qps").doubleValue() > 0);
        assertEquals(r.metrics().get("ndcg@10").doubleValue(), r.mainScore(), 0);
    }

    @Test
    void aQueryThatIsACorpusDocumentDoesNotFindItself() throws IOException {
        Path beir = dir.resolve("sentences");
        Files.createDirectories(beir.resolve("qrels"));
        Files.writeString(beir.resolve("corpus.jsonl"), """
                {"_id": "s1", "text": "a small bird sings at dawn"}
                {"_id": "s2", "text": "at dawn a little bird is singing"}
                {"_id": "s3", "text": "the dog barks at the postman"}
                """);
        Files.writeString(beir.resolve("queries.jsonl"), "{\"_id\": \"s1\", \"text\": \"a small bird sings at dawn\"}\n");
        Files.writeString(beir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\ns1\ts2\t1\n");
        BeirDataset data = BeirReader.read(beir, "test");
        TaskResult r = RetrievalEvaluation.evaluate(data, ExactRetriever.index(new HashingBagOfWords(256), BeirReader.texts(data)), null);
        // s1 itself (cosine 1) is dropped as BEIR does: its paraphrase s2 comes first
        assertEquals(1, r.details().get("identical_ids_ignored"));
        assertEquals(100, r.metrics().get("mrr@10").doubleValue(), 1e-9);
        assertEquals(100, r.metrics().get("ndcg@10").doubleValue(), 1e-9);
    }
}
