package io.contrast4j.eval.report;

import io.contrast4j.eval.TaskResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A report as a Markdown table (one row per task, one column per metric), with its provenance. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(EvalReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Evaluation of ").append(report.model()).append("\n\n");
        sb.append(table(report.results()));
        if (!report.summary().isEmpty()) {
            sb.append("\n");
            for (Map.Entry<String, Object> e : report.summary().entrySet()) {
                sb.append("- ").append(e.getKey()).append(": ").append(format(e.getValue())).append("\n");
            }
        }
        Map<String, Object> p = report.provenance();
        if (p != null) {
            sb.append("\nProvenance: command `").append(p.getOrDefault("command", "?")).append("`");
            for (String key : List.of("git_commit", "started", "wall_time_seconds")) {
                if (p.containsKey(key)) sb.append(", ").append(key).append(" ").append(p.get(key));
            }
            sb.append(" (full record in the JSON report).\n");
        }
        return sb.toString();
    }

    /** The metrics table alone. */
    public static String table(Iterable<TaskResult> results) {
        Set<String> columns = new LinkedHashSet<>();
        for (TaskResult r : results) columns.addAll(r.metrics().keySet());
        columns.remove("n");
        List<String> cols = new ArrayList<>(columns);
        cols.add("n");
        StringBuilder sb = new StringBuilder("| task |");
        for (String c : cols) sb.append(' ').append(c).append(" |");
        sb.append("\n|---|");
        for (int i = 0; i < cols.size(); i++) sb.append("---:|");
        sb.append('\n');
        for (TaskResult r : results) {
            sb.append("| ").append(r.task()).append(" |");
            for (String c : cols) {
                Number v = r.metrics().get(c);
                sb.append(' ').append(v == null ? "" : format(v)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.2f", d) : "n/a";
        }
        return String.valueOf(v);
    }
}
