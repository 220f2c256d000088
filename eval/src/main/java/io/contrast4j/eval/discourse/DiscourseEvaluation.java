package io.contrast4j.eval.discourse;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Model;
import io.contrast4j.core.Embedder;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscourseProbeData.OrderExample;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import io.contrast4j.eval.transfer.LogisticRegression;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear probes on frozen sentence embeddings for {@link DiscourseProbeData}'s tasks, with
 * DiscoEval's features (Chen et al. 2019, Sec. 4): SP uses the first sentence's vector and its
 * differences to the other four, {@code [x1, x1-x2, x1-x3, x1-x4, x1-x5]}; BSO uses
 * {@code [u, v, u-v, u*v]}. The probe is L2 logistic regression (SentEval's classifier,
 * {@link LogisticRegression}); C is chosen from {@link #C_GRID} on the last fifth of the training
 * examples (later documents), then refitted on all of them. Accuracy on the test documents, x100.
 */
public final class DiscourseEvaluation {

    public static final double[] C_GRID = {0.01, 0.1, 1, 10};

    private DiscourseEvaluation() {}

    public static List<TaskResult> evaluate(Embedder model, DiscourseProbeData data) {
        List<String> sentences = data.sentences();
        float[][] vectors = model.embed(sentences);
        Map<String, float[]> byText = new HashMap<>();
        for (int i = 0; i < sentences.size(); i++) byText.put(sentences.get(i), vectors[i]);
        List<TaskResult> out = new ArrayList<>();
        out.add(probe("SP", 5, data.positionTrain(), data.positionTest(), e -> positionFeatures(e, byText),
                PositionExample::label));
        out.add(probe("BSO", 2, data.orderTrain(), data.orderTest(), e -> orderFeatures(e, byText), OrderExample::label));
        return out;
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

    /** {@code [u, v, u-v, u*v]}: u-v keeps the sign, so the order is visible to a linear model. */
    static float[] orderFeatures(OrderExample e, Map<String, float[]> vectors) {
        float[] u = vectors.get(e.first()), v = vectors.get(e.second());
        int d = u.length;
        float[] f = new float[4 * d];
        for (int i = 0; i < d; i++) {
            f[i] = u[i];
            f[d + i] = v[i];
            f[2 * d + i] = u[i] - v[i];
            f[3 * d + i] = u[i] * v[i];
        }
        return f;
    }

    private static <E> TaskResult probe(String task, int classes, List<E> train, List<E> test,
            java.util.function.Function<E, float[]> features, java.util.function.ToIntFunction<E> label) {
        if (train.size() < 10 || test.isEmpty()) {
            throw new IllegalArgumentException(task + ": too few examples (train " + train.size() + ", test " + test.size()
                    + "); use more documents");
        }
        int n = train.size() + test.size();
        float[][] rows = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            E e = i < train.size() ? train.get(i) : test.get(i - train.size());
            rows[i] = features.apply(e);
            labels[i] = label.applyAsInt(e);
        }
        Feature[][] x = LogisticRegression.features(rows);
        int validFrom = train.size() - Math.max(1, train.size() / 5);
        int[] fitRows = range(0, validFrom), validRows = range(validFrom, train.size());
        double bestC = C_GRID[0], bestValid = -1;
        Map<String, Object> validation = new LinkedHashMap<>();
        for (double c : C_GRID) {
            double acc = LogisticRegression.accuracy(LogisticRegression.fit(x, labels, fitRows, c), x, labels, validRows);
            validation.put(String.valueOf(c), 100 * acc);
            if (acc > bestValid) {
                bestValid = acc;
                bestC = c;
            }
        }
        Model model = LogisticRegression.fit(x, labels, range(0, train.size()), bestC);
        double acc = LogisticRegression.accuracy(model, x, labels, range(train.size(), n));
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("acc", 100 * acc);
        metrics.put("n", test.size());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("train_examples", train.size());
        details.put("test_examples", test.size());
        details.put("chance_acc", 100.0 / classes);
        details.put("majority_acc", 100 * majority(labels, train.size(), n, classes));
        details.put("C", bestC);
        details.put("validation_acc_by_C", validation);
        return new TaskResult(task, metrics, details, null);
    }

    /** Test accuracy of always predicting the training set's most frequent label. */
    private static double majority(int[] labels, int trainSize, int n, int classes) {
        int[] counts = new int[classes];
        for (int i = 0; i < trainSize; i++) counts[labels[i]]++;
        int best = 0;
        for (int c = 1; c < classes; c++) if (counts[c] > counts[best]) best = c;
        int right = 0;
        for (int i = trainSize; i < n; i++) if (labels[i] == best) right++;
        return (double) right / (n - trainSize);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
