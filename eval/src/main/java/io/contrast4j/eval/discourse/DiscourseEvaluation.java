package io.contrast4j.eval.discourse;

import io.contrast4j.core.Embedder;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscourseProbeData.AdjacentPair;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import io.contrast4j.eval.transfer.SentEvalValidation;
import io.contrast4j.eval.transfer.ValidationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear probes on frozen sentence embeddings for the SP and BSO tasks, as DiscoEval's {@code so.py}
 * builds them (Chen et al. 2019, Sec. 4): SP uses the first sentence's vector and its differences to
 * the other four, {@code [x1, x1-x2, x1-x3, x1-x4, x1-x5]}; BSO shows every adjacent pair in both
 * orders, {@code [u, v, u-v]} labelled 1 and {@code [v, u, v-u]} labelled 0. The probe is L2 logistic
 * regression with C chosen from 2^-2..2^3 on the validation set and refitted on train
 * (DiscoEval's SplitClassifier without PyTorch, = SentEval's {@link SentEvalValidation#split}).
 * Accuracy on the test set, x100.
 */
public final class DiscourseEvaluation {

    private DiscourseEvaluation() {}

    /**
     * Every task of {@code tasks}, in {@link DiscourseTasks#taskNames()} order; probe fits run on
     * {@code threads} threads (results do not depend on it).
     */
    public static List<TaskResult> evaluate(Embedder model, DiscourseTasks tasks, int threads) {
        List<String> sentences = tasks.sentences();
        float[][] vectors = model.embed(sentences);
        Map<String, float[]> byText = new HashMap<>(sentences.size() * 2);
        for (int i = 0; i < sentences.size(); i++) byText.put(sentences.get(i), vectors[i]);
        // k (folds) is unused by the split scheme.
        SentEvalValidation validation = new SentEvalValidation(1, threads, null);
        List<TaskResult> out = new ArrayList<>();
        tasks.position().forEach((task, splits) -> out.add(positionProbe(task, splits, byText, validation)));
        tasks.order().forEach((task, splits) -> out.add(orderProbe(task, splits, byText, validation)));
        return out;
    }

    private static TaskResult positionProbe(String task, ProbeSplits<PositionExample> s, Map<String, float[]> v,
            SentEvalValidation validation) {
        Labelled train = new Labelled(), valid = new Labelled(), test = new Labelled();
        for (PositionExample e : s.train()) train.add(positionFeatures(e, v), e.label());
        for (PositionExample e : s.valid()) valid.add(positionFeatures(e, v), e.label());
        for (PositionExample e : s.test()) test.add(positionFeatures(e, v), e.label());
        return probe(task, DiscourseProbeData.WINDOW, train, valid, test, validation);
    }

    private static TaskResult orderProbe(String task, ProbeSplits<AdjacentPair> s, Map<String, float[]> v,
            SentEvalValidation validation) {
        Labelled train = new Labelled(), valid = new Labelled(), test = new Labelled();
        for (AdjacentPair p : s.train()) addBothOrders(train, p, v);
        for (AdjacentPair p : s.valid()) addBothOrders(valid, p, v);
        for (AdjacentPair p : s.test()) addBothOrders(test, p, v);
        return probe(task, 2, train, valid, test, validation);
    }

    /** {@code [x1, x1-x2, x1-x3, x1-x4, x1-x5]}. */
    static float[] positionFeatures(PositionExample e, Map<String, float[]> vectors) {
        float[] x1 = vectors.get(e.sentences().get(0));
        int d = x1.length;
        float[] f = new float[d * DiscourseProbeData.WINDOW];
        System.arraycopy(x1, 0, f, 0, d);
        for (int s = 1; s < DiscourseProbeData.WINDOW; s++) {
            float[] xs = vectors.get(e.sentences().get(s));
            for (int i = 0; i < d; i++) f[s * d + i] = x1[i] - xs[i];
        }
        return f;
    }

    /** {@code [u, v, u-v]}: the pair as shown, u first. */
    static float[] orderFeatures(float[] u, float[] v) {
        int d = u.length;
        float[] f = new float[3 * d];
        System.arraycopy(u, 0, f, 0, d);
        System.arraycopy(v, 0, f, d, d);
        for (int i = 0; i < d; i++) f[2 * d + i] = u[i] - v[i];
        return f;
    }

    private static void addBothOrders(Labelled set, AdjacentPair p, Map<String, float[]> vectors) {
        float[] u = vectors.get(p.first()), w = vectors.get(p.second());
        set.add(orderFeatures(u, w), 1);
        set.add(orderFeatures(w, u), 0);
    }

    private static TaskResult probe(String task, int classes, Labelled train, Labelled valid, Labelled test,
            SentEvalValidation validation) {
        if (train.size() < 10 || valid.size() == 0 || test.size() == 0) {
            throw new IllegalArgumentException(task + ": too few examples (train " + train.size() + ", valid " + valid.size()
                    + ", test " + test.size() + "); use more documents");
        }
        ValidationResult r = validation.split(train.rows(), train.labels(), valid.rows(), valid.labels(), test.rows(),
                test.labels());
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("acc", r.testAcc());
        metrics.put("devacc", r.devAcc());
        metrics.put("n", test.size());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("train_examples", train.size());
        details.put("valid_examples", valid.size());
        details.put("test_examples", test.size());
        details.put("chance_acc", 100.0 / classes);
        details.put("majority_acc", 100 * majority(train.labels(), test.labels(), classes));
        details.put("C", r.chosenC()[0]);
        details.put("test_correct", correctness(r.testPredictions(), test.labels()));
        return new TaskResult(task, metrics, details, null);
    }

    /**
     * One character per test example, in test order: '1' where the probe was right, '0' where not.
     * Two reports on the same files can then be compared example by example (a paired test such as
     * McNemar's, bench/tools/paired.py) instead of by their accuracies alone.
     */
    static String correctness(int[] predicted, int[] gold) {
        StringBuilder b = new StringBuilder(gold.length);
        for (int i = 0; i < gold.length; i++) b.append(predicted[i] == gold[i] ? '1' : '0');
        return b.toString();
    }

    /** Test accuracy of always predicting the training set's most frequent label. */
    static double majority(int[] trainLabels, int[] testLabels, int classes) {
        int[] counts = new int[classes];
        for (int l : trainLabels) counts[l]++;
        int best = 0;
        for (int c = 1; c < classes; c++) if (counts[c] > counts[best]) best = c;
        int right = 0;
        for (int l : testLabels) if (l == best) right++;
        return (double) right / testLabels.length;
    }

    /** Feature rows and their labels, in the order added. */
    private static final class Labelled {
        private final List<float[]> rows = new ArrayList<>();
        private int[] labels = new int[16];

        void add(float[] row, int label) {
            if (rows.size() == labels.length) labels = Arrays.copyOf(labels, labels.length * 2);
            labels[rows.size()] = label;
            rows.add(row);
        }

        int size() {
            return rows.size();
        }

        float[][] rows() {
            return rows.toArray(new float[0][]);
        }

        int[] labels() {
            return Arrays.copyOf(labels, rows.size());
        }
    }
}
