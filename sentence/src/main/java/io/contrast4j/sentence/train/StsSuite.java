package io.contrast4j.sentence.train;

import io.contrast4j.core.Embedder;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.StsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The STS tasks found under a datasets folder (STS12-16 "all" aggregation, STS-B test), scored as
 * Spearman x100 of cosine similarities, and their average: the number the pretraining experiments
 * report before and after. (The eval module holds the full harness; sentence may not depend on it,
 * so this is the minimal protocol, computed locally.)
 */
public final class StsSuite {

    private final Map<String, List<ScoredPair>> tasks = new LinkedHashMap<>();

    public StsSuite(Path dataRoot) {
        this(dataRoot, null);
    }

    /** @param only task names to keep ({@code STS12}..{@code STS16}, {@code STSBenchmark}); null or empty: all found */
    public StsSuite(Path dataRoot, List<String> only) {
        for (String year : SentEvalLayout.stsYears(dataRoot)) {
            if (only == null || only.isEmpty() || only.contains(year)) {
                tasks.put(year, StsReader.readYear(SentEvalLayout.stsYear(dataRoot, year)).all());
            }
        }
        Path stsb = dataRoot.resolve("senteval/STS/STSBenchmark/sts-test.csv");
        if (Files.isRegularFile(stsb) && (only == null || only.isEmpty() || only.contains("STSBenchmark"))) {
            tasks.put("STSBenchmark", StsReader.readStsBenchmark(stsb));
        }
        if (only != null) {
            for (String t : only) {
                if (!tasks.containsKey(t)) {
                    throw new io.contrast4j.core.UserInputException("--report-tasks: " + t
                            + " not found under " + dataRoot + " (have " + SentEvalLayout.stsYears(dataRoot) + ", STSBenchmark)");
                }
            }
        }
    }

    public Map<String, Integer> sizes() {
        Map<String, Integer> m = new LinkedHashMap<>();
        tasks.forEach((k, v) -> m.put(k, v.size()));
        return m;
    }

    /** Spearman x100 per task plus {@code average}. */
    public Map<String, Double> evaluate(Embedder embedder) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, List<ScoredPair>> e : tasks.entrySet()) {
            double s = new StsDevEvaluator(e.getKey(), e.getValue(), 256).evaluate(embedder);
            out.put(e.getKey(), s);
            sum += s;
        }
        if (!tasks.isEmpty()) out.put("average", sum / tasks.size());
        return out;
    }
}
