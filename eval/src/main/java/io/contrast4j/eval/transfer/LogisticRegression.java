package io.contrast4j.eval.transfer;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * L2-regularized logistic regression through liblinear (primal trust-region Newton, one-vs-rest for
 * more than two classes), configured as SentEval's scikit-learn classifier was when SentEval was
 * published: {@code LogisticRegression(C)} whose default solver was liblinear, with an intercept
 * fitted as a constant feature 1 (regularized, as liblinear does). The stopping tolerance is
 * liblinear's own default for this solver (0.01, relative gradient norm) rather than scikit-learn's
 * 1e-4: on dense sentence embeddings 1e-4 costs several times the Newton iterations for accuracy
 * changes far below SentEval's 2-decimal rounding (checked against scikit-learn in bench/eval).
 *
 * <p>Rows are converted once to liblinear's feature arrays ({@link #features}); fits over different
 * index subsets share those arrays, so the folds of a grid search cost no copies. Thread-safe: each
 * fit has its own solver state.
 */
public final class LogisticRegression {
    /** liblinear's default stopping epsilon for L2R_LR (train -s 0). */
    public static final double TOLERANCE = 0.01;

    static {
        Linear.disableDebugOutput();
    }

    private LogisticRegression() {}

    /**
     * Rows as liblinear feature arrays (zeros left out, as liblinear's sparse format wants), with the
     * bias feature (index dim + 1, value 1) appended.
     */
    public static Feature[][] features(float[][] rows) {
        Feature[][] x = new Feature[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            int nonZero = 0;
            for (float v : r) if (v != 0) nonZero++;
            Feature[] f = new Feature[nonZero + 1];
            int j = 0;
            for (int k = 0; k < r.length; k++) if (r[k] != 0) f[j++] = new FeatureNode(k + 1, r[k]);
            f[j] = new FeatureNode(r.length + 1, 1.0);
            x[i] = f;
        }
        return x;
    }

    /** Fits on the rows of {@code x} listed in {@code train}; labels are class indices 0..k-1. */
    public static Model fit(Feature[][] x, int[] labels, int[] train, double c) {
        Problem p = new Problem();
        p.l = train.length;
        p.n = maxIndex(x); // includes the bias feature
        p.bias = -1; // the constant feature is already in x
        p.x = new Feature[train.length][];
        p.y = new double[train.length];
        for (int i = 0; i < train.length; i++) {
            p.x[i] = x[train[i]];
            p.y[i] = labels[train[i]];
        }
        return Linear.train(p, new Parameter(SolverType.L2R_LR, c, TOLERANCE));
    }

    private static int maxIndex(Feature[][] x) {
        int n = 0;
        for (Feature[] row : x) n = Math.max(n, row[row.length - 1].getIndex());
        return n;
    }

    public static int[] predict(Model model, Feature[][] x, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = (int) Linear.predict(model, x[rows[i]]);
        return out;
    }

    /** Fraction of {@code rows} whose prediction equals the label. */
    public static double accuracy(Model model, Feature[][] x, int[] labels, int[] rows) {
        int[] pred = predict(model, x, rows);
        int right = 0;
        for (int i = 0; i < rows.length; i++) if (pred[i] == labels[rows[i]]) right++;
        return (double) right / rows.length;
    }
}
