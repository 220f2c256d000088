package io.contrast4j.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.json.Json;
import io.contrast4j.core.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The quickstart's {@code report.json} and {@code report.html}: what ran (commands and times), the
 * corpora, the word vectors, the encoders' scores side by side (table and bars), the DeCLUTR loss
 * curve, STS scatter plots and example searches. Everything in it is read from the stages' own
 * outputs in the run folder; nothing is computed twice.
 */
final class QuickstartReport {
    private static final ObjectMapper JSON = Json.PRETTY;
    private static final List<String> MODELS = List.of("minilm", "declutr", "word2vec");
    private static final Map<String, String> MODEL_LABELS = Map.of(
            "minilm", "all-MiniLM-L6-v2", "declutr", "MiniLM + DeCLUTR (this run)", "word2vec", "word2vec mean (this run)");

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final Path out;
    private final Map<String, JsonNode> stages;
    private final List<String> skipped;
    private final List<String> queries;

    QuickstartReport(Path out, Map<String, JsonNode> stages, List<String> skipped, List<String> queries) {
        this.out = out;
        this.stages = stages;
        this.skipped = skipped;
        this.queries = queries;
    }

    /** Writes report.json, report.html and provenance.json; returns the HTML path. */
    Path write(Provenance provenance) {
        try {
            Map<String, Object> provenanceMap = provenance.finish();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("provenance", provenanceMap);
            report.put("stages", stageSummary());
            report.put("skipped", skipped);
            report.put("corpora", readJson(out.resolve("corpora/sources.json")).path("corpus"));
            report.put("word2vec", Map.of("train", output("word2vec"), "neighbors", output("neighbors"),
                    "wordsim", evalTasks("wordsim-word2vec"), "analogy", evalTasks("analogy-word2vec")));
            report.put("declutr", output("declutr"));
            Map<String, Object> encoders = new LinkedHashMap<>();
            for (String m : MODELS) {
                Map<String, Object> tasks = new LinkedHashMap<>();
                evalTasks("sts-" + m).fields().forEachRemaining(e -> tasks.put(e.getKey(), e.getValue()));
                evalTasks("senteval-" + m).fields().forEachRemaining(e -> tasks.put(e.getKey(), e.getValue()));
                encoders.put(m, tasks);
            }
            report.put("encoders", encoders);
            List<Object> searches = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                searches.add(Map.of("query", queries.get(i), "result", output("search-" + (i + 1))));
            }
            report.put("search", searches);
            JSON.writeValue(out.resolve("report.json").toFile(), report);
            provenance.output(out.resolve("report.json"));
            provenance.writeTo(out);
            Path html = out.resolve("report.html");
            Files.writeString(html, html(report, encoders));
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the quickstart report in " + out, e);
        }
    }

    private Map<String, Object> stageSummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        stages.forEach((name, node) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("title", node.path("title").asText());
            if (node.has("skipped")) {
                s.put("skipped", node.path("skipped").asText());
            } else {
                s.put("command", "contrast4j " + String.join(" ", strings(node.path("command"))));
                s.put("seconds", node.path("seconds").asDouble());
            }
            m.put(name, s);
        });
        return m;
    }

    private JsonNode output(String stage) {
        JsonNode n = stages.get(stage);
        return n == null ? JSON.createObjectNode() : n.path("output");
    }

    private JsonNode evalTasks(String stem) {
        return readJson(out.resolve("eval").resolve(stem + ".json")).path("tasks");
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) return JSON.createObjectNode();
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    // ---------------------------------------------------------------- HTML

    private String html(Map<String, Object> report, Map<String, Object> encoders) throws IOException {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Contrast4J quickstart report</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
                h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}
                table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
                td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}
                code{background:#f6f6f6;padding:1px 4px;font-size:90%}img{max-width:100%}
                .skip{color:#a15c00}.hit{margin:.2em 0}.score{color:#666;font-size:85%}
                details pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}
                </style></head><body>
                <h1>Contrast4J quickstart</h1>
                """);
        h.append("<p class=\"sub\">Run folder <code>").append(esc(out.toAbsolutePath().toString())).append("</code></p>\n");
        for (String s : skipped) h.append("<p class=\"skip\">Skipped: ").append(esc(s)).append("</p>\n");
        if (!skipped.isEmpty() && stages.containsKey("sts") && stages.get("sts").has("skipped")) {
            h.append("<p class=\"skip\"><b>No evaluation datasets, so no scores below.</b> Set <code>CONTRAST4J_DATA</code>"
                    + " (or <code>--data-dir</code>) to a folder laid out like SentEval's <code>data/</code> (STS12-16,"
                    + " STS Benchmark, SICK, the transfer tasks; word similarity and analogy files under <code>wordsim/</code>)"
                    + " and re-run: the report then compares MiniLM, the DeCLUTR model and the word2vec baseline on STS"
                    + " (Spearman), SentEval transfer (accuracy), word similarity and analogies. SentEval's"
                    + " <code>data/downstream/get_transfer_data.bash</code> downloads the sentence sets; see the"
                    + " datasets README for the word sets. Finished stages are kept, so only the evaluations run.</p>\n");
        }

        // Scores side by side.
        Set<String> tasks = new LinkedHashSet<>();
        for (Object m : encoders.values()) tasks.addAll(((Map<String, Object>) m).keySet());
        if (!tasks.isEmpty()) {
            h.append("<h2>Sentence embeddings: scores (x100)</h2>\n<p>STS: Spearman correlation of cosine similarity with the")
                    .append(" gold scores. Transfer tasks: accuracy of a logistic regression on frozen embeddings (SentEval protocol).</p>\n");
            h.append("<table id=\"scores\"><tr><th>task</th>");
            for (String m : MODELS) h.append("<th>").append(esc(MODEL_LABELS.get(m))).append("</th>");
            h.append("</tr>\n");
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            for (String t : tasks) {
                h.append("<tr><td>").append(esc(t)).append("</td>");
                for (String m : MODELS) {
                    JsonNode metrics = (JsonNode) ((Map<String, Object>) encoders.get(m)).get(t);
                    Double v = headline(metrics);
                    h.append("<td>").append(v == null ? "" : String.format(Locale.ROOT, "%.2f", v)).append("</td>");
                    if (v != null) bars.computeIfAbsent(MODEL_LABELS.get(m), k -> new LinkedHashMap<>()).put(t, v);
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
            h.append(img(barChart(bars, new ArrayList<>(tasks))));
        }

        // DeCLUTR run.
        JsonNode declutr = output("declutr");
        h.append("<h2>DeCLUTR fine-tuning</h2>\n");
        if (declutr.size() > 0) {
            h.append("<p>").append(declutr.path("steps").asInt()).append(" steps in ")
                    .append(String.format(Locale.ROOT, "%.0f s", declutr.path("train_seconds").asDouble()))
                    .append(", last loss ").append(String.format(Locale.ROOT, "%.3f", declutr.path("last_loss").asDouble()))
                    .append(". Model folder: <code>").append(esc(declutr.path("out").asText())).append("</code> (HuggingFace / sentence-transformers layout).</p>\n");
        }
        JsonNode heldBefore = declutr.path("report").path("before").path("heldout_retrieval");
        JsonNode heldAfter = declutr.path("report").path("after").path("heldout_retrieval");
        if (heldBefore.has("mrr") && heldAfter.has("mrr")) {
            h.append(String.format(Locale.ROOT, "<p>Held-out document retrieval (%d documents kept out of training, %d"
                    + " 32-word queries from their unseen parts): top-1 %.2f &rarr; <b>%.2f</b>, MRR %.2f &rarr; <b>%.2f</b>"
                    + " (x100; before &rarr; after fine-tuning).</p>%n",
                    heldBefore.path("documents").asInt(), heldBefore.path("queries").asInt(), heldBefore.path("top1").asDouble(),
                    heldAfter.path("top1").asDouble(), heldBefore.path("mrr").asDouble(), heldAfter.path("mrr").asDouble()));
        }
        Path lossPng = out.resolve("declutr-minilm/loss.png");
        if (Files.isRegularFile(lossPng)) {
            h.append("<img alt=\"training loss\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(lossPng))).append("\">\n");
        }

        // STS scatter plots, as the eval reports drew them.
        for (String m : List.of("minilm", "declutr")) {
            String scatter = firstScatter(out.resolve("eval/sts-" + m + ".html"), "STSBenchmark");
            if (scatter != null) {
                h.append("<h3>STS Benchmark, ").append(esc(MODEL_LABELS.get(m))).append(": cosine vs gold</h3>\n").append(scatter);
            }
        }

        // Word vectors.
        h.append("<h2>Word vectors</h2>\n");
        JsonNode w2v = output("word2vec");
        if (w2v.size() > 0) h.append("<details><summary>Training summary</summary><pre>").append(esc(w2v.toPrettyString())).append("</pre></details>\n");
        JsonNode neighbors = output("neighbors");
        if (neighbors.size() > 0) {
            // One row per query word: its nearest neighbours with their cosines.
            h.append("<table><tr><th>word</th><th>nearest neighbours (cosine)</th></tr>\n");
            for (JsonNode line : neighbors.isArray() ? neighbors : List.of(neighbors)) {
                if (!line.has("neighbors")) continue;
                StringBuilder cell = new StringBuilder();
                for (JsonNode n : line.path("neighbors")) {
                    if (cell.length() > 0) cell.append(", ");
                    cell.append(esc(n.path("word").asText())).append(String.format(Locale.ROOT, " <span class=\"score\">%.2f</span>", n.path("cosine").asDouble()));
                }
                String word = line.has("word") ? line.path("word").asText() : line.path("analogy").toString();
                h.append("<tr><td>").append(esc(word)).append("</td><td style=\"text-align:left\">").append(cell).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        metricTable(h, "Word similarity and analogies", evalTasks("wordsim-word2vec"), evalTasks("analogy-word2vec"));

        // Search.
        h.append("<h2>Semantic search (Lucene HNSW + BM25, hybrid)</h2>\n");
        for (int i = 0; i < queries.size(); i++) {
            h.append("<h3>").append(esc(queries.get(i))).append("</h3>\n");
            JsonNode hits = output("search-" + (i + 1)).path("hits");
            if (!hits.isArray() || hits.isEmpty()) {
                h.append("<p>(no results)</p>\n");
                continue;
            }
            h.append("<ol class=\"hits\">");
            for (JsonNode hit : hits) {
                h.append("<li class=\"hit\">").append(esc(hit.path("text").asText(hit.path("snippet").asText())))
                        .append(" <span class=\"score\">").append(String.format(Locale.ROOT, "%.4f", hit.path("score").asDouble()))
                        .append("</span></li>");
            }
            h.append("</ol>\n");
        }

        // What ran.
        h.append("<h2>What ran</h2>\n<table><tr><th>stage</th><th>command</th><th>seconds</th></tr>\n");
        ((Map<String, Map<String, Object>>) report.get("stages")).forEach((name, s) -> h.append("<tr><td>")
                .append(esc((String) s.get("title"))).append("</td><td style=\"text-align:left\"><code>")
                .append(esc(String.valueOf(s.getOrDefault("command", "skipped: " + s.get("skipped")))))
                .append("</code></td><td>").append(s.containsKey("seconds") ? String.format(Locale.ROOT, "%.1f", (Double) s.get("seconds")) : "")
                .append("</td></tr>\n"));
        h.append("</table>\n");
        JsonNode corpora = (JsonNode) report.get("corpora");
        if (corpora.size() > 0) {
            h.append("<p>Corpus: ").append(String.format(Locale.ROOT, "%,d", corpora.path("words").asLong())).append(" words in ")
                    .append(String.format(Locale.ROOT, "%,d", corpora.path("documents").asLong()))
                    .append(" documents; sources, licences and checksums in <code>corpora/sources.json</code>.</p>\n");
        }
        h.append("<details><summary>Provenance</summary><pre>").append(esc(JSON.writeValueAsString(report.get("provenance"))))
                .append("</pre></details>\n</body></html>\n");
        return h.toString();
    }

    /** The score a task is known by: Spearman for similarity tasks, accuracy for classification. */
    private static Double headline(JsonNode metrics) {
        if (metrics == null || metrics.isMissingNode()) return null;
        for (String key : List.of("spearman", "acc", "accuracy_3cosadd", "accuracy")) {
            if (metrics.has(key) && metrics.get(key).isNumber()) return metrics.get(key).asDouble();
        }
        return null;
    }

    private static void metricTable(StringBuilder h, String title, JsonNode... taskSets) {
        List<Map.Entry<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode set : taskSets) set.fields().forEachRemaining(rows::add);
        if (rows.isEmpty()) return;
        h.append("<h3>").append(esc(title)).append("</h3>\n<table><tr><th>task</th><th>metrics</th></tr>\n");
        for (var row : rows) {
            StringBuilder cells = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.getValue().fields(); it.hasNext(); ) {
                var metric = it.next();
                if (!metric.getValue().isNumber()) continue;
                if (cells.length() > 0) cells.append(", ");
                double v = metric.getValue().asDouble();
                cells.append(metric.getKey()).append(' ').append(v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                        : String.format(Locale.ROOT, "%.2f", v));
            }
            h.append("<tr><td>").append(esc(row.getKey())).append("</td><td style=\"text-align:left\">").append(esc(cells.toString()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static CategoryChart barChart(Map<String, Map<String, Double>> bars, List<String> tasks) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(420).title("Score per task (x100)")
                .xAxisTitle("task").yAxisTitle("score").build();
        chart.getStyler().setXAxisLabelRotation(30);
        for (var series : bars.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String t : tasks) ys.add(series.getValue().getOrDefault(t, 0.0));
            chart.addSeries(series.getKey(), tasks, ys);
        }
        return chart;
    }

    private static String img(CategoryChart chart) throws IOException {
        if (chart.getSeriesMap().isEmpty()) return "";
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        return "<img alt=\"scores per task\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n";
    }

    /** The image that an eval HTML report drew under the heading of {@code task}, if any. */
    private static String firstScatter(Path evalHtml, String task) throws IOException {
        if (!Files.isRegularFile(evalHtml)) return null;
        Matcher m = Pattern.compile("<h2>" + Pattern.quote(task) + "</h2>\\s*(<img [^>]+>)").matcher(Files.readString(evalHtml));
        return m.find() ? m.group(1) + "\n" : null;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
