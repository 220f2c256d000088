package io.contrast4j.eval.transfer;

import io.contrast4j.core.Embedder;
import io.contrast4j.data.LabeledPair;
import io.contrast4j.data.LabeledText;
import io.contrast4j.eval.TaskResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Runs one SentEval transfer task on frozen embeddings: encode, build features, then logistic
 * regression under the task's validation scheme ({@link SentEvalValidation}). Reports {@code acc}
 * (test accuracy x100), {@code devacc} (the validation accuracy of the chosen C), {@code f1} for MRPC
 * (positive class "1", x100) and {@code n} (test examples; all examples for cross-validated tasks).
 *
 * <p>Texts are whitespace-normalized (SentEval splits on whitespace and its batchers join with one
 * space); an empty text becomes "." as in SentEval's example batchers.
 */
public final class TransferEvaluation {
    private final int folds;
    private final int threads;
    private final PairFeatures pairFeatures;
    private java.nio.file.Path exportDir;

    public TransferEvaluation(int folds, int threads, PairFeatures pairFeatures) {
        this.folds = folds;
        this.threads = threads;
        this.pairFeatures = pairFeatures;
    }

    /**
     * Also write each split's features and labels ({@code <task>-<split>.npy}, float32, and
     * {@code <task>-<split>.labels}, one class index a line) so an independent implementation can be
     * run on exactly the same inputs (bench/eval/sklearn_check.py).
     */
    public TransferEvaluation exportFeaturesTo(java.nio.file.Path dir) {
        this.exportDir = dir;
        return this;
    }

    private void export(TransferTask task, String split, float[][] x, int[] y) {
        if (exportDir == null) return;
        try {
            java.nio.file.Files.createDirectories(exportDir);
            io.contrast4j.core.io.NpyWriter.write(exportDir.resolve(task.name() + "-" + split + ".npy"), x);
            StringBuilder sb = new StringBuilder();
            for (int label : y) sb.append(label).append('\n');
            java.nio.file.Files.writeString(exportDir.resolve(task.name() + "-" + split + ".labels"), sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("exporting features to " + exportDir, e);
        }
    }

    /** SentEval's published setting: 10 folds, [|u-v|, u*v], all cores. */
    public static TransferEvaluation standard() {
        return new TransferEvaluation(10, Runtime.getRuntime().availableProcessors(), PairFeatures.SENTEVAL);
    }

    /** Every text of the task, for encoding up front. */
    public static List<String> sentences(TransferTask.Data d) {
        List<String> out = new ArrayList<>();
        for (List<LabeledText> split : Arrays.asList(d.train(), d.dev(), d.test())) {
            if (split != null) for (LabeledText t : split) out.add(normalize(t.text()));
        }
        for (List<LabeledPair> split : Arrays.asList(d.trainPairs(), d.devPairs(), d.testPairs())) {
            if (split != null) for (LabeledPair p : split) {
                out.add(normalize(p.s1()));
                out.add(normalize(p.s2()));
            }
        }
        return out;
    }

    /** Number of logistic-regression fits the task will make (for a progress bar). */
    public int fits(TransferTask task) {
        SentEvalValidation v = new SentEvalValidation(folds, threads, null);
        return switch (task.scheme) {
            case INNER_KFOLD -> v.innerKFoldFits();
            case KFOLD -> v.kFoldFits();
            case SPLIT -> SentEvalValidation.splitFits();
        };
    }

    public TaskResult evaluate(TransferTask task, TransferTask.Data d, Embedder embedder, IntConsumer fitProgress) {
        long start = System.nanoTime();
        List<String> labelNames = labels(d);
        SentEvalValidation validation = new SentEvalValidation(folds, threads, fitProgress);
        ValidationResult r;
        int n;
        int[] testLabels = null;
        int[] scoredLabels; // the labels testPredictions are aligned with (all rows for cross-validation)
        if (task.isPairTask()) {
            float[][] xTrain = pairRows(d.trainPairs(), embedder), xTest = pairRows(d.testPairs(), embedder);
            int[] yTrain = pairLabels(d.trainPairs(), labelNames);
            testLabels = pairLabels(d.testPairs(), labelNames);
            n = d.testPairs().size();
            scoredLabels = testLabels;
            export(task, "train", xTrain, yTrain);
            export(task, "test", xTest, testLabels);
            if (task.scheme == TransferTask.Scheme.KFOLD) {
                r = validation.kFold(xTrain, yTrain, xTest, testLabels);
            } else {
                float[][] xDev = pairRows(d.devPairs(), embedder);
                int[] yDev = pairLabels(d.devPairs(), labelNames);
                export(task, "dev", xDev, yDev);
                r = validation.split(xTrain, yTrain, xDev, yDev, xTest, testLabels);
            }
        } else {
            float[][] xTrain = textRows(d.train(), embedder);
            int[] yTrain = textLabels(d.train(), labelNames);
            export(task, "train", xTrain, yTrain);
            if (d.test() != null) export(task, "test", textRows(d.test(), embedder), textLabels(d.test(), labelNames));
            if (d.dev() != null) export(task, "dev", textRows(d.dev(), embedder), textLabels(d.dev(), labelNames));
            switch (task.scheme) {
                case INNER_KFOLD -> {
                    r = validation.innerKFold(xTrain, yTrain);
                    n = d.train().size();
                    scoredLabels = yTrain;
                }
                case KFOLD -> {
                    testLabels = textLabels(d.test(), labelNames);
                    r = validation.kFold(xTrain, yTrain, textRows(d.test(), embedder), testLabels);
                    n = d.test().size();
                    scoredLabels = testLabels;
                }
                default -> {
                    testLabels = textLabels(d.test(), labelNames);
                    r = validation.split(xTrain, yTrain, textRows(d.dev(), embedder), textLabels(d.dev(), labelNames),
                            textRows(d.test(), embedder), testLabels);
                    n = d.test().size();
                    scoredLabels = testLabels;
                }
            }
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("acc", r.testAcc());
        metrics.put("devacc", r.devAcc());
        if (task == TransferTask.MRPC) metrics.put("f1", round2(100 * f1(r.testPredictions(), testLabels, labelNames.indexOf("1"))));
        metrics.put("n", n);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scheme", task.scheme.name().toLowerCase());
        if (task.scheme != TransferTask.Scheme.SPLIT) details.put("folds", folds);
        details.put("chosen_C", r.chosenC());
        details.put("classes", labelNames);
        if (task.isPairTask()) details.put("pair_features", pairFeatures.name().toLowerCase());
        details.put("seconds", (System.nanoTime() - start) / 1e9);
        if (r.testPredictions() != null) details.put("test_correct", correctness(r.testPredictions(), scoredLabels));
        return new TaskResult(task.name(), metrics, details, null);
    }

    /**
     * One character per scored example, in file order: '1' right, '0' wrong (the test set; for the
     * cross-validated tasks every example, by its out-of-fold prediction). Two reports on the same
     * data can then be compared example by example ({@code eval compare}: McNemar's test).
     */
    static String correctness(int[] predicted, int[] gold) {
        StringBuilder b = new StringBuilder(gold.length);
        for (int i = 0; i < gold.length; i++) b.append(predicted[i] == gold[i] ? '1' : '0');
        return b.toString();
    }

    static double f1(int[] predicted, int[] gold, int positive) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean p = predicted[i] == positive, g = gold[i] == positive;
            if (p && g) tp++;
            else if (p) fp++;
            else if (g) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    static String normalize(String text) {
        String s = String.join(" ", text.strip().split("\\s+"));
        return s.isEmpty() ? "." : s;
    }

    private static List<String> labels(TransferTask.Data d) {
        TreeSet<String> set = new TreeSet<>();
        for (List<LabeledText> split : Arrays.asList(d.train(), d.dev(), d.test())) {
            if (split != null) split.forEach(t -> set.add(t.label()));
        }
        for (List<LabeledPair> split : Arrays.asList(d.trainPairs(), d.devPairs(), d.testPairs())) {
            if (split != null) split.forEach(p -> set.add(p.label()));
        }
        return new ArrayList<>(set);
    }

    private static float[][] textRows(List<LabeledText> texts, Embedder embedder) {
        return embedder.embed(texts.stream().map(t -> normalize(t.text())).toList());
    }

    private float[][] pairRows(List<LabeledPair> pairs, Embedder embedder) {
        float[][] u = embedder.embed(pairs.stream().map(p -> normalize(p.s1())).toList());
        float[][] v = embedder.embed(pairs.stream().map(p -> normalize(p.s2())).toList());
        float[][] out = new float[pairs.size()][];
        for (int i = 0; i < out.length; i++) out[i] = pairFeatures.combine(u[i], v[i]);
        return out;
    }

    private static int[] textLabels(List<LabeledText> texts, List<String> names) {
        return texts.stream().mapToInt(t -> names.indexOf(t.label())).toArray();
    }

    private static int[] pairLabels(List<LabeledPair> pairs, List<String> names) {
        return pairs.stream().mapToInt(p -> names.indexOf(p.label())).toArray();
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
