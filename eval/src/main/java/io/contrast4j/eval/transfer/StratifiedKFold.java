package io.contrast4j.eval.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stratified k-fold split with shuffling, the splitter SentEval uses (scikit-learn's
 * {@code StratifiedKFold(shuffle=True, random_state=seed)}): each class's members are shuffled with
 * the seed and dealt to the folds in turn, so every fold has each class in proportion (sizes differ
 * by at most one). The fold assignment is ours, not numpy's, so individual folds differ from
 * SentEval's; the protocol (k, stratification, fixed seed) is the same.
 */
public final class StratifiedKFold {
    private StratifiedKFold() {}

    /** One split: indices into the array that was split. */
    public record Split(int[] train, int[] test) {}

    /** Splits positions 0..labels.length-1 into k (train, test) pairs. */
    public static List<Split> split(int[] labels, int k, long seed) {
        int n = labels.length;
        int classes = 0;
        for (int y : labels) classes = Math.max(classes, y + 1);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < n; i++) byClass.get(labels[i]).add(i);
        int[] fold = new int[n];
        SplittableRandom random = new SplittableRandom(seed);
        int next = 0; // continue dealing where the previous class stopped, to balance fold sizes
        for (List<Integer> members : byClass) {
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i = m.length - 1; i > 0; i--) { // Fisher-Yates
                int j = random.nextInt(i + 1);
                int t = m[i];
                m[i] = m[j];
                m[j] = t;
            }
            for (int idx : m) {
                fold[idx] = next;
                next = (next + 1) % k;
            }
        }
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int testSize = 0;
            for (int i = 0; i < n; i++) if (fold[i] == f) testSize++;
            int[] test = new int[testSize], train = new int[n - testSize];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) test[a++] = i;
                else train[b++] = i;
            }
            splits.add(new Split(train, test));
        }
        return splits;
    }

    /** Maps positions within {@code subset} back to the original indices. */
    static int[] select(int[] subset, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) out[i] = subset[positions[i]];
        return out;
    }

    static int[] labelsOf(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = labels[rows[i]];
        return out;
    }
}
