package io.contrast4j.eval.discourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.eval.HashingBagOfWords;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscourseProbeData.AdjacentPair;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SP and BSO probes on real documents (State of the Union addresses split by OpenNLP). */
class DiscourseEvaluationTest {

    static List<List<String>> documents;

    @BeforeAll
    static void load() throws IOException {
        documents = sotuDocuments();
    }

    /** The eight SOTU addresses of the test resources, split into sentences by OpenNLP. */
    static List<List<String>> sotuDocuments() throws IOException {
        List<List<String>> documents;
        try (InputStream in = DiscourseEvaluationTest.class.getResourceAsStream("sotu-sample.txt")) {
            documents = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(SentenceSplitter.english()::split).toList();
        }
        assertEquals(8, documents.size());
        return documents;
    }

    private static int[] locate(String sentence) {
        for (int d = 0; d < documents.size(); d++) {
            int i = documents.get(d).indexOf(sentence);
            if (i >= 0) return new int[] {d, i};
        }
        throw new AssertionError("not in any document: " + sentence);
    }

    @Test
    void examplesAreBuiltAsDiscoEvalDescribesThemFromDisjointDocuments() {
        List<List<String>> docs = new ArrayList<>(documents);
        docs.add(documents.get(0).subList(0, 4)); // too short for a window of five
        DiscourseProbeData data = DiscourseProbeData.build(docs, 6, 0.25, 3);
        assertEquals(8, data.documentsUsed());
        assertEquals(1, data.documentsSkipped());
        assertEquals(6, data.trainDocuments());
        assertEquals(2, data.testDocuments());
        assertEquals(36, data.positionTrain().size());
        assertEquals(12, data.positionTest().size());
        int[] labelCounts = new int[5];
        Set<Integer> trainDocs = new HashSet<>(), testDocs = new HashSet<>();
        for (List<PositionExample> split : List.of(data.positionTrain(), data.positionTest())) {
            for (PositionExample e : split) {
                // Moving the first sentence back to position `label` restores five consecutive sentences.
                List<String> restored = new ArrayList<>(e.sentences().subList(1, 5));
                restored.add(e.label(), e.sentences().get(0));
                int[] at = locate(restored.get(0));
                for (int s = 1; s < 5; s++) {
                    assertEquals(documents.get(at[0]).get(at[1] + s), restored.get(s), "not consecutive after restoring");
                }
                labelCounts[e.label()]++;
                (split == data.positionTrain() ? trainDocs : testDocs).add(at[0]);
            }
        }
        for (int c : labelCounts) assertTrue(c >= 3, "labels should spread over the 5 positions: " + java.util.Arrays.toString(labelCounts));
        assertTrue(java.util.Collections.disjoint(trainDocs, testDocs), "a document is in both train and test");
        assertEquals(36, data.orderTrain().size());
        for (AdjacentPair o : data.orderTrain()) {
            int[] a = locate(o.first()), b = locate(o.second());
            assertEquals(a[0], b[0]);
            assertEquals(1, b[1] - a[1], "BSO pair not adjacent in the document's order");
        }
        ProbeSplits<PositionExample> sp = data.positionSplits();
        assertEquals(List.of(29, 7, 12), List.of(sp.train().size(), sp.valid().size(), sp.test().size()));
        assertEquals(data.positionTrain().subList(29, 36), sp.valid(), "validation = the last fifth of train");
        assertEquals(data, DiscourseProbeData.build(docs, 6, 0.25, 3), "same seed, same data");
    }

    /** An embedder that knows each sentence's place in its document: the probes must find the order. */
    static Embedder positionOracle() {
        return positionOracle(documents);
    }

    static Embedder positionOracle(List<List<String>> documents) {
        Map<String, Integer> position = new HashMap<>();
        for (List<String> d : documents) for (int i = 0; i < d.size(); i++) position.putIfAbsent(d.get(i), i);
        return new Embedder() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public float[][] embed(List<String> texts) {
                float[][] out = new float[texts.size()][];
                for (int i = 0; i < texts.size(); i++) out[i] = new float[] {position.get(texts.get(i)) / 10f, 1f};
                return out;
            }

            @Override
            public String name() {
                return "position-oracle";
            }
        };
    }

    @Test
    void probesReadTheOrderWhenTheEmbeddingCarriesItAndNotFromBagsOfWords() {
        DiscourseProbeData data = DiscourseProbeData.build(documents, 20, 0.25, 5);
        List<TaskResult> oracle = DiscourseEvaluation.evaluate(positionOracle(), data.tasks(), 2);
        assertEquals("SP", oracle.get(0).task());
        assertEquals("BSO", oracle.get(1).task());
        assertEquals(data.positionTest().size(), oracle.get(0).metrics().get("n").intValue());
        assertTrue(oracle.get(1).mainScore() > 95, "BSO with positions: " + oracle.get(1).mainScore());
        assertTrue(oracle.get(0).mainScore() > 50, "SP with positions: " + oracle.get(0).mainScore());
        for (TaskResult r : oracle) {
            // The per-example record agrees with the accuracy it came from.
            String correct = (String) r.details().get("test_correct");
            assertEquals(r.metrics().get("n").intValue(), correct.length(), r.task());
            long right = correct.chars().filter(c -> c == '1').count();
            assertEquals(r.mainScore(), Math.round(100 * (100.0 * right / correct.length())) / 100.0, 1e-9, r.task());
        }
        // Word counts say little about order: BSO's features [u, v, u-v] let a linear probe learn which
        // words open a pair, but it must stay well below the oracle.
        List<TaskResult> bow = DiscourseEvaluation.evaluate(new HashingBagOfWords(64), data.tasks(), 2);
        for (TaskResult r : bow) assertTrue(r.mainScore() >= 0 && r.mainScore() < 90, r.task() + " " + r.mainScore());
    }
}
