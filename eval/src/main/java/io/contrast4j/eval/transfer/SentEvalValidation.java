package io.contrast4j.eval.transfer;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The three model-selection schemes of SentEval's {@code tools/validation.py} (Conneau & Kiela 2018,
 * Sec. 4), with its grids for the scikit-learn logistic regression and its seed 1111:
 * <ul>
 *   <li>{@link #innerKFold} — train only (MR, CR, SUBJ, MPQA): k outer folds; in each, C is chosen
 *       from 2^-2..2^3 by an inner k-fold on the outer training part, then refit and tested.
 *   <li>{@link #kFold} — train and test (TREC, MRPC): C from 2^-1..2^5 by k-fold on train, refit on
 *       all of train, tested once.
 *   <li>{@link #split} — train, dev, test (SST-2, SST-5, SICK-E): C from 2^-2..2^3 on dev.
 * </ul>
 * Ties between grid points go to the first (smallest C), as numpy's argmax does on SentEval's
 * rounded scores. Independent fits run on {@code threads} threads; results do not depend on it.
 */
public final class SentEvalValidation {
    public static final long SEED = 1111;
    public static final double[] INNER_GRID = grid(-2, 3);
    public static final double[] KFOLD_GRID = grid(-1, 5);
    public static final double[] SPLIT_GRID = grid(-2, 3);

    private final int k;
    private final int threads;
    private final IntConsumer progress;

    /** {@code progress} is told how many fits just finished (for a progress bar). */
    public SentEvalValidation(int k, int threads, IntConsumer progress) {
        this.k = k;
        this.threads = Math.max(1, threads);
        this.progress = progress == null ? n -> {} : progress;
    }

    /** Number of liblinear fits each scheme makes, for sizing a progress bar. */
    public int innerKFoldFits() {
        return k * (INNER_GRID.length * k + 1);
    }

    public int kFoldFits() {
        return KFOLD_GRID.length * k + 1;
    }

    public static int splitFits() {
        return SPLIT_GRID.length + 1;
    }

    public ValidationResult innerKFold(float[][] rows, int[] labels) {
        Feature[][] x = LogisticRegression.features(rows);
        List<StratifiedKFold.Split> outer = StratifiedKFold.split(labels, k, SEED);
        double[] dev = new double[k], test = new double[k], chosen = new double[k];
        int[] outOfFold = new int[labels.length];
        runAll(outer.size(), f -> {
            int[] train = outer.get(f).train();
            int[] testRows = outer.get(f).test();
            int[] trainLabels = StratifiedKFold.labelsOf(labels, train);
            List<StratifiedKFold.Split> inner = StratifiedKFold.split(trainLabels, k, SEED);
            double[] scores = new double[INNER_GRID.length];
            for (int g = 0; g < INNER_GRID.length; g++) {
                double sum = 0;
                for (StratifiedKFold.Split s : inner) {
                    Model m = LogisticRegression.fit(x, labels, StratifiedKFold.select(train, s.train()), INNER_GRID[g]);
                    sum += LogisticRegression.accuracy(m, x, labels, StratifiedKFold.select(train, s.test()));
                    progress.accept(1);
                }
                scores[g] = round2(100 * sum / inner.size());
            }
            int best = argmax(scores);
            Model m = LogisticRegression.fit(x, labels, train, INNER_GRID[best]);
            progress.accept(1);
            dev[f] = scores[best];
            chosen[f] = INNER_GRID[best];
            test[f] = round2(100 * LogisticRegression.accuracy(m, x, labels, testRows));
            int[] pred = LogisticRegression.predict(m, x, testRows);
            for (int i = 0; i < testRows.length; i++) outOfFold[testRows[i]] = pred[i]; // folds are disjoint
        });
        return new ValidationResult(round2(mean(dev)), round2(mean(test)), chosen, outOfFold);
    }

    public ValidationResult kFold(float[][] trainRows, int[] trainLabels, float[][] testRows, int[] testLabels) {
        Feature[][] x = LogisticRegression.features(trainRows);
        List<StratifiedKFold.Split> folds = StratifiedKFold.split(trainLabels, k, SEED);
        double[][] foldScores = new double[KFOLD_GRID.length][k];
        runAll(KFOLD_GRID.length * k, job -> {
            int g = job / k, f = job % k;
            Model m = LogisticRegression.fit(x, trainLabels, folds.get(f).train(), KFOLD_GRID[g]);
            foldScores[g][f] = LogisticRegression.accuracy(m, x, trainLabels, folds.get(f).test());
            progress.accept(1);
        });
        double[] scores = new double[KFOLD_GRID.length];
        for (int g = 0; g < scores.length; g++) scores[g] = round2(100 * mean(foldScores[g]));
        int best = argmax(scores);
        return fitAndTest(x, trainLabels, testRows, testLabels, KFOLD_GRID[best], scores[best]);
    }

    public ValidationResult split(float[][] trainRows, int[] trainLabels, float[][] devRows, int[] devLabels,
                                  float[][] testRows, int[] testLabels) {
        Feature[][] x = LogisticRegression.features(trainRows);
        Feature[][] xDev = LogisticRegression.features(devRows);
        int[] allTrain = range(trainRows.length), allDev = range(devRows.length);
        double[] scores = new double[SPLIT_GRID.length];
        runAll(SPLIT_GRID.length, g -> {
            Model m = LogisticRegression.fit(x, trainLabels, allTrain, SPLIT_GRID[g]);
            scores[g] = round2(100 * LogisticRegression.accuracy(m, xDev, devLabels, allDev));
            progress.accept(1);
        });
        int best = argmax(scores);
        return fitAndTest(x, trainLabels, testRows, testLabels, SPLIT_GRID[best], scores[best]);
    }

    private ValidationResult fitAndTest(Feature[][] x, int[] trainLabels, float[][] testRows, int[] testLabels,
                                        double c, double devAcc) {
        Model m = LogisticRegression.fit(x, trainLabels, range(x.length), c);
        progress.accept(1);
        Feature[][] xTest = LogisticRegression.features(testRows);
        int[] pred = LogisticRegression.predict(m, xTest, range(testRows.length));
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == testLabels[i]) right++;
        return new ValidationResult(devAcc, round2(100.0 * right / pred.length), new double[] {c}, pred);
    }

    /** Runs jobs 0..n-1 on the pool; each job writes only its own result slots. */
    private void runAll(int n, IntConsumer job) {
        if (threads == 1) {
            for (int i = 0; i < n; i++) job.accept(i);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(pool.submit(() -> job.accept(id)));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static double[] grid(int fromExp, int toExp) {
        double[] g = new double[toExp - fromExp + 1];
        for (int i = 0; i < g.length; i++) g[i] = Math.pow(2, fromExp + i);
        return g;
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
