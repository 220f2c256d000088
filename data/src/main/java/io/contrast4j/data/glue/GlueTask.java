package io.contrast4j.data.glue;

import java.util.List;
import java.util.Locale;

/**
 * The GLUE tasks (Wang et al. 2019, Table 1) with what fine-tuning and scoring need: single
 * sentence or pair, the label set (empty for the STS-B regression), the metric, and the names of
 * the distribution's files and of the leaderboard's submission files.
 */
public enum GlueTask {
    COLA("CoLA", false, List.of("0", "1"), Metric.MCC),
    SST2("SST-2", false, List.of("0", "1"), Metric.ACCURACY),
    MRPC("MRPC", true, List.of("0", "1"), Metric.ACCURACY_F1),
    STSB("STS-B", true, List.of(), Metric.PEARSON_SPEARMAN),
    QQP("QQP", true, List.of("0", "1"), Metric.ACCURACY_F1),
    MNLI("MNLI", true, List.of("contradiction", "entailment", "neutral"), Metric.ACCURACY),
    QNLI("QNLI", true, List.of("entailment", "not_entailment"), Metric.ACCURACY),
    RTE("RTE", true, List.of("entailment", "not_entailment"), Metric.ACCURACY);

    /** How a task is scored on the leaderboard. */
    public enum Metric { ACCURACY, ACCURACY_F1, MCC, PEARSON_SPEARMAN }

    private final String folderName;
    private final boolean pair;
    private final List<String> labels;
    private final Metric metric;

    GlueTask(String folderName, boolean pair, List<String> labels, Metric metric) {
        this.folderName = folderName;
        this.pair = pair;
        this.labels = labels;
        this.metric = metric;
    }

    /** The task's folder in the GLUE download ({@code glue_data/CoLA}, {@code glue_data/SST-2}, ...). */
    public String folderName() {
        return folderName;
    }

    public boolean isPair() {
        return pair;
    }

    public boolean isRegression() {
        return labels.isEmpty();
    }

    /** Class labels in a fixed order (the head's output index); empty for STS-B. */
    public List<String> labels() {
        return labels;
    }

    public Metric metric() {
        return metric;
    }

    /** Labelled evaluation splits of the GLUE distribution, by file stem. */
    public List<String> devSplits() {
        return this == MNLI ? List.of("dev_matched", "dev_mismatched") : List.of("dev");
    }

    /** Unlabelled test splits of the GLUE distribution, by file stem. */
    public List<String> testSplits() {
        return this == MNLI ? List.of("test_matched", "test_mismatched") : List.of("test");
    }

    /** The leaderboard's file name for predictions on a test split ({@code MNLI-m.tsv}, {@code CoLA.tsv}). */
    public String submissionFile(String testSplit) {
        if (this == MNLI) return testSplit.endsWith("mismatched") ? "MNLI-mm.tsv" : "MNLI-m.tsv";
        return folderName + ".tsv";
    }

    /** Parses a task name as users write it: {@code mrpc}, {@code STS-B}, {@code sts_b}, {@code sst2}. */
    public static GlueTask parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (GlueTask t : values()) {
            if (t.folderName.toLowerCase(Locale.ROOT).replace("-", "").equals(n) || t.name().toLowerCase(Locale.ROOT).equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("task: unknown GLUE task '" + name + "' (expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(GlueTask::folderName).toList()) + ")");
    }
}
