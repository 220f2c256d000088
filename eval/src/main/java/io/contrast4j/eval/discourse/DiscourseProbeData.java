package io.contrast4j.eval.discourse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * DiscoEval-style discourse probes (Chen, Chu and Gimpel 2019, "Evaluation Benchmarks and Learning
 * Criteria for Discourse-Aware Sentence Representations", Sec. 3) built from held-out documents:
 *
 * <ul>
 *   <li><b>SP</b> (Sentence Position): five consecutive sentences; one of them, chosen uniformly, is
 *       moved to the front; the label is the position 0..4 it came from (0: nothing moved).
 *   <li><b>BSO</b> (Binary Sentence Ordering): two adjacent sentences; as in DiscoEval's
 *       {@code BSOEval}, each pair is shown to the probe in both orders (label 1 in the document's
 *       order, 0 swapped), so the classes are exactly balanced. The data keeps the pair in order.
 * </ul>
 *
 * Each document gives up to {@code perDocument} non-overlapping windows of five sentences; window w
 * gives one SP example and one BSO example (its 2nd and 3rd sentences), so the two probes share
 * the sentences to embed. Documents, not examples, are split into train and test, so no test
 * document was seen by the probe. All draws come from {@code seed}.
 */
public record DiscourseProbeData(List<PositionExample> positionTrain, List<PositionExample> positionTest,
        List<AdjacentPair> orderTrain, List<AdjacentPair> orderTest, int documentsUsed, int documentsSkipped,
        int trainDocuments, int testDocuments) {

    public static final int WINDOW = 5;

    /** Five sentences in the order shown to the probe; {@code label} is the first one's true position. */
    public record PositionExample(List<String> sentences, int label) {}

    /** Two adjacent sentences in the document's order. */
    public record AdjacentPair(String first, String second) {}

    /**
     * @param documents each document as its sentences; those with fewer than five are skipped
     * @param testFraction share of the usable documents held for testing the probe
     */
    public static DiscourseProbeData build(List<List<String>> documents, int perDocument, double testFraction, long seed) {
        if (perDocument < 1) throw new IllegalArgumentException("examples per document must be >= 1");
        if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("test fraction must be in (0, 1)");
        List<List<String>> usable = new ArrayList<>();
        for (List<String> d : documents) if (d.size() >= WINDOW) usable.add(d);
        if (usable.size() < 2) {
            throw new IllegalArgumentException("need at least 2 documents of " + WINDOW + "+ sentences, got " + usable.size());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = permutation(usable.size(), rng);
        int test = Math.max(1, Math.min(usable.size() - 1, (int) Math.round(usable.size() * testFraction)));
        List<PositionExample> pTrain = new ArrayList<>(), pTest = new ArrayList<>();
        List<AdjacentPair> oTrain = new ArrayList<>(), oTest = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            boolean isTest = i < test;
            List<String> doc = usable.get(order[i]);
            SplittableRandom docRng = rng.split();
            int windows = doc.size() / WINDOW;
            int[] chosen = permutation(windows, docRng);
            for (int w = 0; w < Math.min(perDocument, windows); w++) {
                List<String> five = doc.subList(chosen[w] * WINDOW, chosen[w] * WINDOW + WINDOW);
                int from = docRng.nextInt(WINDOW);
                List<String> shown = new ArrayList<>(WINDOW);
                shown.add(five.get(from));
                for (int s = 0; s < WINDOW; s++) if (s != from) shown.add(five.get(s));
                (isTest ? pTest : pTrain).add(new PositionExample(List.copyOf(shown), from));
                (isTest ? oTest : oTrain).add(new AdjacentPair(five.get(1), five.get(2)));
            }
        }
        return new DiscourseProbeData(pTrain, pTest, oTrain, oTest, usable.size(), documents.size() - usable.size(),
                usable.size() - test, test);
    }

    /**
     * SP examples as train / valid / test: the probe's regularization is chosen on the last fifth of
     * the training examples (the later training documents), so no validation document is a test one.
     */
    public ProbeSplits<PositionExample> positionSplits() {
        return splitOffValidation(positionTrain, positionTest);
    }

    /** BSO pairs as train / valid / test, split as {@link #positionSplits()}. */
    public ProbeSplits<AdjacentPair> orderSplits() {
        return splitOffValidation(orderTrain, orderTest);
    }

    /** The two probes as tasks named SP and BSO. */
    public DiscourseTasks tasks() {
        return new DiscourseTasks(Map.of("SP", positionSplits()), Map.of("BSO", orderSplits()), List.of());
    }

    private static <E> ProbeSplits<E> splitOffValidation(List<E> train, List<E> test) {
        int validFrom = train.size() - Math.max(1, train.size() / 5);
        return new ProbeSplits<>(train.subList(0, validFrom), train.subList(validFrom, train.size()), test);
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
