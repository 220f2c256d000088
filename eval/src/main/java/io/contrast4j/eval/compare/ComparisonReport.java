package io.contrast4j.eval.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReportComparison.Result} as JSON, Markdown and a self-contained HTML page: per task and
 * metric the two values, the difference B - A, its 95% bootstrap interval and the test's p-value;
 * and for accuracies with per-example results the table {@code bench/tools/paired.py} prints, in
 * its exact format (so the two can be compared line by line).
 */
public final class ComparisonReport {
    private final ReportComparison.Result result;
    private final Map<String, Object> provenance;
    private final String labelA, labelB;

    /**
     * @param labelA how to name report A in the page (e.g. its file name)
     * @param provenance the comparison's own record (may be null)
     */
    public ComparisonReport(ReportComparison.Result result, String labelA, String labelB, Map<String, Object> provenance) {
        this.result = result;
        this.labelA = labelA;
        this.labelB = labelB;
        this.provenance = provenance;
    }

    public ReportComparison.Result result() {
        return result;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("a", Map.of("model", result.modelA(), "report", labelA));
        root.put("b", Map.of("model", result.modelB(), "report", labelB));
        if (provenance != null) root.put("provenance", provenance);
        ReportComparison.Settings s = result.settings();
        root.put("settings", Map.of("bootstrap_samples", s.bootstrapSamples(), "permutations", s.permutations(), "seed", s.seed(),
                "interval", "95% paired bootstrap percentile interval of B - A"));
        Map<String, Object> tasks = new LinkedHashMap<>();
        for (ReportComparison.Row r : result.rows()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> task = (Map<String, Object>) tasks.computeIfAbsent(r.task(), t -> new LinkedHashMap<String, Object>());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", finite(r.a()));
            m.put("b", finite(r.b()));
            m.put("diff", finite(r.diff()));
            if (r.low() != null) m.put("ci95", List.of(finite(r.low()), finite(r.high())));
            if (r.p() != null) m.put("p", r.p());
            if (r.test() != null) m.put("test", r.test());
            if (r.n() != null) m.put("n", r.n());
            task.put(r.metric(), m);
        }
        root.put("tasks", tasks);
        if (!result.mcnemar().isEmpty()) {
            Map<String, Object> mc = new LinkedHashMap<>();
            result.mcnemar().forEach((t, m) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("n", m.n());
                e.put("acc_a", m.accA());
                e.put("acc_b", m.accB());
                e.put("diff", m.diff());
                e.put("wald_ci95", List.of(m.low(), m.high()));
                e.put("lost", m.lost());
                e.put("gained", m.gained());
                e.put("p", m.p());
                mc.put(t, e);
            });
            root.put("mcnemar", mc);
        }
        if (!result.onlyInA().isEmpty()) root.put("only_in_a", result.onlyInA());
        if (!result.onlyInB().isEmpty()) root.put("only_in_b", result.onlyInB());
        return root;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main table: one row per task and metric. */
    public String table() {
        StringBuilder sb = new StringBuilder("| task | metric | A | B | B - A | 95% CI | p | test | n |\n|---|---|---:|---:|---:|---|---:|---|---:|\n");
        for (ReportComparison.Row r : result.rows()) {
            sb.append("| ").append(r.task()).append(" | ").append(r.metric()).append(" | ").append(fixed(r.a(), 2, false))
                    .append(" | ").append(fixed(r.b(), 2, false)).append(" | ").append(fixed(r.diff(), 2, true)).append(" | ")
                    .append(r.low() == null ? "" : "[" + fixed(r.low(), 2, true) + ", " + fixed(r.high(), 2, true) + "]").append(" | ")
                    .append(r.p() == null ? "" : significant(r.p(), 3)).append(" | ").append(r.test() == null ? "" : r.test())
                    .append(" | ").append(r.n() == null ? "" : r.n()).append(" |\n");
        }
        return sb.toString();
    }

    /** paired.py's table, character for character: accuracy, Wald interval, discordant counts, McNemar p. */
    public String mcnemarTable() {
        StringBuilder sb = new StringBuilder("| task | n | before | after | diff [95% CI] | lost / gained | McNemar p |\n|---|---:|---:|---:|---|---:|---:|\n");
        result.mcnemar().forEach((t, m) -> sb.append("| ").append(t).append(" | ").append(m.n()).append(" | ")
                .append(fixed(m.accA(), 2, false)).append(" | ").append(fixed(m.accB(), 2, false)).append(" | ")
                .append(fixed(m.diff(), 2, true)).append(" [").append(fixed(m.low(), 2, true)).append(", ").append(fixed(m.high(), 2, true))
                .append("] | ").append(m.lost()).append(" / ").append(m.gained()).append(" | ").append(significant(m.p(), 3)).append(" |\n"));
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# Comparison: B = ").append(result.modelB()).append(" against A = ").append(result.modelA()).append("\n\n");
        sb.append("A: `").append(labelA).append("`, B: `").append(labelB).append("`. ").append(legend()).append("\n\n");
        sb.append(table());
        if (!result.mcnemar().isEmpty()) {
            sb.append("\nAccuracies example by example (Wald interval for paired proportions, McNemar's exact test):\n\n").append(mcnemarTable());
        }
        if (!result.onlyInA().isEmpty()) sb.append("\nOnly in A: ").append(String.join(", ", result.onlyInA())).append("\n");
        if (!result.onlyInB().isEmpty()) sb.append("\nOnly in B: ").append(String.join(", ", result.onlyInB())).append("\n");
        return sb.toString();
    }

    private String legend() {
        ReportComparison.Settings s = result.settings();
        return "95% CI: paired bootstrap percentile interval of B - A (" + s.bootstrapSamples() + " resamples); p: McNemar's exact test for"
                + " accuracies, a paired permutation test (" + s.permutations() + " permutations) for correlations and per-query"
                + " retrieval measures; seed " + s.seed() + ". Empty where a report keeps no per-example results.";
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc("Comparison: " + result.modelB() + " against " + result.modelA())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,td:nth-child(2){text-align:left}")
                .append(".sig{font-weight:bold}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}</style></head><body>\n")
                .append("<h1>").append(esc("B = " + result.modelB() + " against A = " + result.modelA())).append("</h1>\n<p>A: <code>")
                .append(esc(labelA)).append("</code>, B: <code>").append(esc(labelB)).append("</code>. ").append(esc(legend()))
                .append(" Bold: p &lt; 0.05.</p>\n<table>\n<tr><th>task</th><th>metric</th><th>A</th><th>B</th><th>B - A</th><th>95% CI</th><th>p</th><th>test</th><th>n</th></tr>\n");
        for (ReportComparison.Row r : result.rows()) {
            boolean sig = r.p() != null && r.p() < 0.05;
            sb.append("<tr").append(sig ? " class=\"sig\"" : "").append("><td>").append(esc(r.task())).append("</td><td>").append(esc(r.metric()))
                    .append("</td><td>").append(fixed(r.a(), 2, false)).append("</td><td>").append(fixed(r.b(), 2, false))
                    .append("</td><td>").append(fixed(r.diff(), 2, true)).append("</td><td>")
                    .append(r.low() == null ? "" : "[" + fixed(r.low(), 2, true) + ", " + fixed(r.high(), 2, true) + "]")
                    .append("</td><td>").append(r.p() == null ? "" : significant(r.p(), 3)).append("</td><td>")
                    .append(r.test() == null ? "" : esc(r.test())).append("</td><td>").append(r.n() == null ? "" : r.n()).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        if (!result.mcnemar().isEmpty()) {
            sb.append("<h2>Accuracies example by example</h2>\n<table>\n<tr><th>task</th><th>n</th><th>A</th><th>B</th><th>diff [95% Wald CI]</th>")
                    .append("<th>lost / gained</th><th>McNemar p</th></tr>\n");
            result.mcnemar().forEach((t, m) -> sb.append("<tr><td>").append(esc(t)).append("</td><td>").append(m.n()).append("</td><td>")
                    .append(fixed(m.accA(), 2, false)).append("</td><td>").append(fixed(m.accB(), 2, false)).append("</td><td>")
                    .append(fixed(m.diff(), 2, true)).append(" [").append(fixed(m.low(), 2, true)).append(", ").append(fixed(m.high(), 2, true))
                    .append("]</td><td>").append(m.lost()).append(" / ").append(m.gained()).append("</td><td>").append(significant(m.p(), 3))
                    .append("</td></tr>\n"));
            sb.append("</table>\n");
        }
        if (!result.onlyInA().isEmpty()) sb.append("<p>Only in A: ").append(esc(String.join(", ", result.onlyInA()))).append("</p>\n");
        if (!result.onlyInB().isEmpty()) sb.append("<p>Only in B: ").append(esc(String.join(", ", result.onlyInB()))).append("</p>\n");
        if (provenance != null) {
            try {
                sb.append("<h2>Provenance</h2>\n<pre>").append(esc(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(provenance))).append("</pre>\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Writes {@code file} (JSON) and {@code .md} / {@code .html} beside it; returns the paths. */
    public List<Path> write(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path dir = file.toAbsolutePath().getParent();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toJson() + "\n");
            written.add(file);
            Path md = dir.resolve(stem + ".md");
            Files.writeString(md, markdown());
            written.add(md);
            Path html = dir.resolve(stem + ".html");
            Files.writeString(html, html());
            written.add(html);
        } catch (IOException e) {
            throw new UncheckedIOException("writing comparison " + file, e);
        }
        return written;
    }

    /**
     * Python's {@code format(v, '.Nf')} / {@code '+.Nf'}: the exact binary value rounded half-even
     * (Java's %f rounds the shortest decimal string half-up, which differs on values like 54.575).
     */
    static String fixed(double v, int decimals, boolean sign) {
        if (!Double.isFinite(v)) return "n/a";
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = s.startsWith("-") || (v < 0 || (v == 0 && 1 / v < 0));
        if (s.startsWith("-")) s = s.substring(1);
        return (negative ? "-" : sign ? "+" : "") + s;
    }

    /** Python's {@code format(v, '.Ng')}: N significant digits, trailing zeros dropped, e-notation below 1e-4 or from 10^N. */
    static String significant(double v, int digits) {
        if (!Double.isFinite(v)) return "n/a";
        if (v == 0) return "0";
        BigDecimal bd = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= digits) {
            String mantissa = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
