package io.contrast4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One SemEval STS year: subset name (e.g. {@code MSRpar}) to its scored pairs in file order, subsets
 * sorted by name, and how many pairs were skipped because their gold line was empty (the SemEval
 * convention for "not scored"; STS15 has 5,500 such lines).
 */
public record StsYear(Map<String, List<ScoredPair>> subsets, int skipped) {
    public StsYear {
        subsets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(subsets));
    }

    /** All scored pairs of the year, subsets in name order ("all" aggregation in SentEval). */
    public List<ScoredPair> all() {
        List<ScoredPair> all = new ArrayList<>();
        subsets.values().forEach(all::addAll);
        return all;
    }

    /** Number of scored pairs over all subsets. */
    public int size() {
        return subsets.values().stream().mapToInt(List::size).sum();
    }
}
