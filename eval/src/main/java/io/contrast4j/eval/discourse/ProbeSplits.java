package io.contrast4j.eval.discourse;

import java.util.List;

/**
 * The three example sets of one probe task: the probe is fitted on {@code train}, its regularization
 * chosen on {@code valid}, and its accuracy reported on {@code test} (DiscoEval's SplitClassifier).
 */
public record ProbeSplits<E>(List<E> train, List<E> valid, List<E> test) {

    public ProbeSplits {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** The first {@code max} examples of each set (for quick runs); {@code max <= 0} keeps all. */
    public ProbeSplits<E> limit(int max) {
        if (max <= 0) return this;
        return new ProbeSplits<>(head(train, max), head(valid, max), head(test, max));
    }

    private static <E> List<E> head(List<E> l, int max) {
        return l.size() <= max ? l : l.subList(0, max);
    }
}
