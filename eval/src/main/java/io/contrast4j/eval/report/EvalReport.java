package io.contrast4j.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.eval.TaskResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation report in the project's shared shape (DESIGN.md, "Evaluation reports"):
 * <pre>{ "model": "...", "provenance": {...},
 *   "tasks": { "&lt;Task&gt;": { "&lt;metric&gt;": number, ..., "n": ... } },
 *   "summary": {...}, "details": { "&lt;Task&gt;": {...} } }</pre>
 * {@code tasks} holds numbers only, so any script can read any report; breakdowns (STS subsets,
 * analogy sections, chosen C) go to {@code details} and aggregates (the STS average) to
 * {@code summary}. Non-finite numbers (e.g. no pair covered) are written as null.
 */
public final class EvalReport {
    private final String model;
    private final Map<String, Object> provenance;
    private final Map<String, TaskResult> tasks = new LinkedHashMap<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    public EvalReport(String model, Map<String, Object> provenance) {
        this.model = model;
        this.provenance = provenance;
    }

    public EvalReport add(TaskResult result) {
        tasks.put(result.task(), result);
        return this;
    }

    public EvalReport summary(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    public String model() {
        return model;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    public Map<String, TaskResult> tasks() {
        return tasks;
    }

    public Map<String, Object> summary() {
        return summary;
    }

    public Collection<TaskResult> results() {
        return tasks.values();
    }

    /** The report as JSON-ready nested maps. */
    public Map<String, Object> toMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("provenance", provenance);
        Map<String, Object> t = new LinkedHashMap<>(), d = new LinkedHashMap<>();
        for (TaskResult r : tasks.values()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            r.metrics().forEach((k, v) -> metrics.put(k, finite(v)));
            t.put(r.task(), metrics);
            if (!r.details().isEmpty()) d.put(r.task(), r.details());
        }
        root.put("tasks", t);
        if (!summary.isEmpty()) root.put("summary", summary);
        if (!d.isEmpty()) root.put("details", d);
        return root;
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code file} (JSON) and, beside it, the Markdown table ({@code .md}) and the HTML page
     * ({@code .html}) with the same stem. Returns the paths written.
     */
    public List<Path> write(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path dir = file.toAbsolutePath().getParent();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Files.writeString(file, toJson() + "\n");
            written.add(file);
            Path md = dir.resolve(stem + ".md");
            Files.writeString(md, MarkdownReport.render(this));
            written.add(md);
            Path html = dir.resolve(stem + ".html");
            Files.writeString(html, HtmlReport.render(this));
            written.add(html);
        } catch (IOException e) {
            throw new UncheckedIOException("writing report " + file, e);
        }
        return written;
    }

    static Object finite(Number v) {
        if (v instanceof Double x && !Double.isFinite(x)) return null;
        if (v instanceof Float x && !Float.isFinite(x)) return null;
        return v;
    }
}
