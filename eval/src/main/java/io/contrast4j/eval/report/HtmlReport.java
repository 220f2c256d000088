package io.contrast4j.eval.report;

import io.contrast4j.eval.TaskResult;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A self-contained HTML page: the metrics table, a bar chart of each task's headline score, a
 * predicted-vs-gold scatter for each similarity task, and the provenance record. Charts are drawn
 * with XChart and embedded as base64 PNG, so the page is one file with no external resources.
 */
public final class HtmlReport {
    /** Scatter plots draw at most this many points (a deterministic stride sample) to keep pages small. */
    static final int MAX_POINTS = 4000;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private HtmlReport() {}

    public static String render(EvalReport report) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(esc("Evaluation of " + report.model())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}")
                .append("img{max-width:100%}pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}</style></head><body>\n")
                .append("<h1>").append(esc("Evaluation of " + report.model())).append("</h1>\n");
        sb.append(htmlTable(report));
        if (!report.summary().isEmpty()) {
            sb.append("<ul>");
            report.summary().forEach((k, v) -> sb.append("<li>").append(esc(k)).append(": ").append(esc(MarkdownReport.format(v))).append("</li>"));
            sb.append("</ul>\n");
        }
        if (report.tasks().size() > 0) {
            sb.append("<h2>Scores</h2>\n").append(img(barChart(report)));
        }
        for (TaskResult r : report.results()) {
            if (r.scatter() != null && r.scatter().predicted().length > 1) {
                sb.append("<h2>").append(esc(r.task())).append("</h2>\n").append(img(scatter(r)));
            }
        }
        sb.append("<h2>Provenance</h2>\n<pre>").append(esc(EvalReportJson.json(report.provenance()))).append("</pre>\n");
        return sb.append("</body></html>\n").toString();
    }

    private static String htmlTable(EvalReport report) {
        String md = MarkdownReport.table(report.results());
        StringBuilder sb = new StringBuilder("<table>\n");
        String[] lines = md.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (i == 1) continue; // the Markdown alignment row
            String[] cells = lines[i].substring(1, lines[i].length() - 1).split("\\|", -1);
            sb.append("<tr>");
            for (String c : cells) sb.append(i == 0 ? "<th>" : "<td>").append(esc(c.strip())).append(i == 0 ? "</th>" : "</td>");
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    static CategoryChart barChart(EvalReport report) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(400).title("Headline score per task (x100)")
                .xAxisTitle("task").yAxisTitle("score").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (TaskResult r : report.results()) {
            double v = r.mainScore();
            if (Double.isFinite(v)) {
                names.add(r.task());
                values.add(v);
            }
        }
        if (!names.isEmpty()) chart.addSeries("score", names, values);
        return chart;
    }

    static XYChart scatter(TaskResult r) {
        TaskResult.Scatter s = r.scatter();
        int n = s.predicted().length, stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        double[] x = new double[(n + stride - 1) / stride], y = new double[x.length];
        for (int i = 0, j = 0; i < n && j < x.length; i += stride, j++) {
            x[j] = s.predicted()[i];
            y[j] = s.gold()[i];
        }
        Number sp = r.metrics().get("spearman");
        String title = r.task() + (sp == null ? "" : String.format(java.util.Locale.ROOT, "  (Spearman %.2f, n=%d)", sp.doubleValue(), n));
        XYChart chart = new XYChartBuilder().width(600).height(450).title(title).xAxisTitle(s.xLabel()).yAxisTitle(s.yLabel()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        XYSeries series = chart.addSeries("pairs", x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(new Color(31, 119, 180, 90));
        return chart;
    }

    private static String img(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "<img alt=\"chart\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** JSON for the provenance block. */
    static final class EvalReportJson {
        static String json(Map<String, Object> map) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(map);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
