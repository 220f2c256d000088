package io.contrast4j.eval.discourse;

import io.contrast4j.eval.discourse.DiscourseProbeData.AdjacentPair;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Named SP and BSO probe tasks, each with its train / valid / test examples, as
 * {@link DiscourseEvaluation} scores them: DiscoEval's files ({@link DiscoEvalFiles}) or probes built
 * from held-out documents ({@link DiscourseProbeData#tasks()}). {@code skipped} says which sources
 * could not be used, for the report.
 */
public record DiscourseTasks(Map<String, ProbeSplits<PositionExample>> position, Map<String, ProbeSplits<AdjacentPair>> order,
        List<String> skipped) {

    public DiscourseTasks {
        position = Collections.unmodifiableMap(new LinkedHashMap<>(position));
        order = Collections.unmodifiableMap(new LinkedHashMap<>(order));
        skipped = List.copyOf(skipped);
    }

    /** The first {@code max} examples of each set of each task; {@code max <= 0} keeps all. */
    public DiscourseTasks limit(int max) {
        Map<String, ProbeSplits<PositionExample>> p = new LinkedHashMap<>();
        position.forEach((k, v) -> p.put(k, v.limit(max)));
        Map<String, ProbeSplits<AdjacentPair>> o = new LinkedHashMap<>();
        order.forEach((k, v) -> o.put(k, v.limit(max)));
        return new DiscourseTasks(p, o, skipped);
    }

    /** Only the tasks whose upper-cased names are in {@code upperCaseNames}. */
    public DiscourseTasks only(Set<String> upperCaseNames) {
        Map<String, ProbeSplits<PositionExample>> p = new LinkedHashMap<>();
        position.forEach((k, v) -> { if (upperCaseNames.contains(k.toUpperCase(Locale.ROOT))) p.put(k, v); });
        Map<String, ProbeSplits<AdjacentPair>> o = new LinkedHashMap<>();
        order.forEach((k, v) -> { if (upperCaseNames.contains(k.toUpperCase(Locale.ROOT))) o.put(k, v); });
        return new DiscourseTasks(p, o, skipped);
    }

    /** SP tasks first, then BSO, each in the order found. */
    public List<String> taskNames() {
        List<String> names = new ArrayList<>(position.keySet());
        names.addAll(order.keySet());
        return names;
    }

    /** Every sentence the tasks need, each once, in first-use order (to encode up front). */
    public List<String> sentences() {
        Set<String> all = new LinkedHashSet<>();
        for (ProbeSplits<PositionExample> s : position.values()) {
            for (List<PositionExample> set : List.of(s.train(), s.valid(), s.test())) for (PositionExample e : set) all.addAll(e.sentences());
        }
        for (ProbeSplits<AdjacentPair> s : order.values()) {
            for (List<AdjacentPair> set : List.of(s.train(), s.valid(), s.test())) {
                for (AdjacentPair p : set) {
                    all.add(p.first());
                    all.add(p.second());
                }
            }
        }
        return new ArrayList<>(all);
    }
}
