package io.contrast4j.sentence.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.hub.HubModelId;
import io.contrast4j.sentence.hub.HubModelResolver;
import io.contrast4j.sentence.hub.HubSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence-transformers-style model card ({@code README.md} with YAML front matter, as the Hub
 * shows it) for a model folder trained here: base model and its licence, objective and loss with
 * hyperparameters, training data with SHA-256, steps / time / hardware, the before/after
 * evaluation when a report ran, and the papers to cite. {@link #fromRunFolder} fills it from the
 * files {@code pretrain} leaves in the folder (provenance.json, report.json, config.json and the
 * sentence-transformers module files); {@link #writeForRun} is the one-line hook that writes it.
 */
public record ModelCard(
        String name,
        BaseModel base,
        String objective,
        Map<String, Object> hyperparameters,
        List<DataFile> data,
        Long steps,
        Double trainSeconds,
        Map<String, Object> hardware,
        List<Metric> evaluation,
        Map<String, Object> architecture,
        Map<String, Object> prompts,
        String contrast4jVersion,
        String gitCommit,
        String note) {

    public static final String FILE_NAME = "README.md";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The model training started from: a Hub id when known, how to name it, and its licence. */
    public record BaseModel(String spec, String hubId, String license) {}

    public record DataFile(String path, long size, String sha256) {}

    /** One evaluation number before and after training (either may be null). */
    public record Metric(String name, Double before, Double after) {}

    /**
     * Writes {@code README.md} into the run folder {@code runDir} and, when there is one, into its
     * {@code best/} model folder. Call it after provenance.json (and report.json) are written.
     */
    public static void writeForRun(Path runDir) {
        fromRunFolder(runDir, null).write(runDir);
        Path best = runDir.resolve("best");
        if (Files.isRegularFile(best.resolve("config.json"))) {
            fromRunFolder(runDir, best).write(best);
        }
    }

    /** The card of the model in {@code runDir} (or of {@code modelDir}, e.g. best/, trained by that run). */
    public static ModelCard fromRunFolder(Path runDir, Path modelDir) {
        Path model = modelDir == null ? runDir : modelDir;
        JsonNode prov = readJson(runDir.resolve(Provenance.FILE_NAME));
        JsonNode config = prov.path("config");
        JsonNode result = prov.path("notes").path("result");
        String objective = text(result.path("objective"), text(config.path("objective").path("objective"), "unknown"));
        String baseSpec = text(config.path("model"), text(result.path("model"), "unknown"));

        Map<String, Object> hyper = new LinkedHashMap<>();
        flatten("", config, hyper);
        hyper.remove("model");
        hyper.remove("device");

        List<DataFile> data = new ArrayList<>();
        for (JsonNode in : prov.path("inputs")) {
            data.add(new DataFile(in.path("path").asText(), in.path("size").asLong(-1), in.path("sha256").asText(null)));
        }

        Map<String, Object> hardware = new LinkedHashMap<>();
        hardware.put("device", text(config.path("device"), text(result.path("device"), null)));
        JsonNode env = prov.path("environment");
        if (!env.isMissingNode()) {
            hardware.put("cpus", env.path("cpus").asInt());
            hardware.put("os", env.path("os_name").asText() + " " + env.path("os_version").asText() + " " + env.path("os_arch").asText());
            hardware.put("java", env.path("java_vendor").asText() + " " + env.path("java_version").asText());
            hardware.put("max_heap_gib", Math.round(env.path("max_heap_bytes").asLong() / 1073741824.0 * 10) / 10.0);
        }
        hardware.values().removeIf(v -> v == null);

        List<Metric> evaluation = new ArrayList<>();
        JsonNode report = readJsonIfPresent(runDir.resolve("report.json"));
        if (report != null) {
            Map<String, Object> before = new LinkedHashMap<>();
            Map<String, Object> after = new LinkedHashMap<>();
            flatten("", report.path("before"), before);
            flatten("", report.path("after"), after);
            for (String k : unionKeys(before, after)) {
                if (k.equals("seconds") || k.endsWith(".documents") || k.endsWith(".queries")) {
                    continue;
                }
                Double b = before.get(k) instanceof Number n ? n.doubleValue() : null;
                Double a = after.get(k) instanceof Number n ? n.doubleValue() : null;
                if (a != null || b != null) {
                    evaluation.add(new Metric(k, b, a));
                }
            }
        }

        Long steps = result.has("steps") ? result.path("steps").asLong() : null;
        Double seconds = result.has("train_seconds") ? result.path("train_seconds").asDouble()
                : prov.has("wall_time_seconds") ? prov.path("wall_time_seconds").asDouble() : null;
        String note = null;
        if (modelDir != null) {
            note = "This is the checkpoint with the best dev score of the run"
                    + (result.has("best_step") ? " (" + text(result.path("dev_task"), "dev") + " " + fmt(result.path("best_dev").asDouble())
                            + " at step " + result.path("best_step").asLong() + ")" : "")
                    + "; the run's final model is in the folder above.";
        }
        Path abs = model.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        if (modelDir != null && runDir.toAbsolutePath().getFileName() != null) {
            name = runDir.toAbsolutePath().normalize().getFileName() + "/" + name;
        }
        return new ModelCard(name, baseModel(baseSpec), objective, hyper, data, steps, seconds, hardware, evaluation,
                architecture(model), prompts(model), text(prov.path("contrast4j_version"), null),
                text(prov.path("git_commit"), null), note);
    }

    /** Writes {@code dir/README.md}. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE_NAME), toMarkdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
        }
    }

    public String toMarkdown() {
        ObjectivePapers paper = ObjectivePapers.of(objective);
        StringBuilder s = new StringBuilder();
        s.append("---\n");
        if (base.hubId() != null) {
            s.append("base_model: ").append(base.hubId()).append('\n');
        }
        s.append("library_name: sentence-transformers\n");
        if (base.license() != null) {
            s.append("license: ").append(base.license()).append('\n');
        }
        s.append("pipeline_tag: sentence-similarity\n");
        s.append("tags:\n- sentence-transformers\n- sentence-similarity\n- feature-extraction\n- contrast4j\n- ")
                .append(objective.toLowerCase(Locale.ROOT)).append('\n');
        s.append("---\n\n");
        s.append("# ").append(name).append("\n\n");
        Object dim = architecture.get("dimension");
        s.append("A sentence encoder trained with Contrast4J from ")
                .append(baseLink()).append(" with the ").append(paper.title()).append(" objective. It maps sentences to a ")
                .append(dim == null ? "" : dim + "-dimensional ").append("dense vector space for semantic similarity,"
                        + " search and clustering.\n\n");
        if (note != null) {
            s.append("> ").append(note).append("\n\n");
        }

        s.append("## Model Details\n\n");
        row(s, "Base model", baseLink());
        row(s, "Licence of the base model", base.license() == null ? "unknown (check the base model's card)" : base.license());
        row(s, "Architecture", architecture.get("model_type") + ", " + architecture.get("layers") + " layers, hidden "
                + architecture.get("hidden") + ", " + architecture.get("heads") + " heads");
        row(s, "Output dimensionality", String.valueOf(dim));
        row(s, "Maximum sequence length", architecture.get("max_seq_length") + " tokens");
        row(s, "Pooling", String.valueOf(architecture.get("pooling")));
        row(s, "Normalized", String.valueOf(architecture.get("normalize")) + (Boolean.TRUE.equals(architecture.get("normalize"))
                ? " (cosine = dot product)" : ""));
        row(s, "Similarity function", "cosine");
        if (!prompts.isEmpty()) {
            row(s, "Prompts", prompts.toString());
        }
        s.append('\n');

        s.append("## Usage\n\nWith Contrast4J:\n\n```\ncontrast4j encode --model path/to/").append(name)
                .append(" --in sentences.txt --out vectors.npy\n```\n\n");
        s.append("With sentence-transformers (the folder has the module files it reads):\n\n```python\n"
                + "from sentence_transformers import SentenceTransformer\n"
                + "model = SentenceTransformer(\"path/to/" + name + "\")\n"
                + "embeddings = model.encode([\"A man is playing a guitar.\", \"Rain is expected tomorrow.\"])\n```\n\n");

        s.append("## Training Details\n\n### Objective and loss\n\n").append(paper.title()).append(": ").append(paper.loss()).append("\n\n");
        s.append("### Training data\n\n");
        if (data.isEmpty()) {
            s.append("No input files were recorded.\n\n");
        } else {
            s.append("| file | bytes | SHA-256 |\n|---|---:|---|\n");
            for (DataFile f : data) {
                s.append("| `").append(f.path()).append("` | ").append(f.size()).append(" | `").append(f.sha256()).append("` |\n");
            }
            s.append('\n');
        }
        s.append("### Hyperparameters\n\n| parameter | value |\n|---|---|\n");
        hyperparameters.forEach((k, v) -> s.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        s.append('\n');
        s.append("### Run\n\n");
        if (steps != null) {
            row(s, "Steps", String.valueOf(steps));
        }
        if (trainSeconds != null) {
            row(s, "Training time", String.format(Locale.ROOT, "%.1f s", trainSeconds)
                    + (trainSeconds >= 60 ? " (" + human(trainSeconds) + ")" : ""));
        }
        hardware.forEach((k, v) -> row(s, "Hardware: " + k, String.valueOf(v)));
        if (contrast4jVersion != null) {
            row(s, "Contrast4J version", contrast4jVersion + (gitCommit == null ? "" : " (git " + gitCommit + ")"));
        }
        s.append("\nThe full record (arguments, seeds, library versions) is in `provenance.json` beside the run.\n\n");

        s.append("## Evaluation\n\n");
        if (evaluation.isEmpty()) {
            s.append("No evaluation was run with this training (`pretrain --report` measures before and after).\n\n");
        } else {
            s.append("Measured by `pretrain --report` before and after training (STS: Spearman x100; held-out retrieval: top-1 and MRR).\n\n");
            s.append("| metric | before | after | change |\n|---|---:|---:|---:|\n");
            for (Metric m : evaluation) {
                String change = m.before() != null && m.after() != null ? String.format(Locale.ROOT, "%+.2f", m.after() - m.before()) : "";
                s.append("| ").append(m.name()).append(" | ").append(fmt(m.before())).append(" | ").append(fmt(m.after()))
                        .append(" | ").append(change).append(" |\n");
            }
            s.append('\n');
        }

        s.append("## Citation\n\n");
        if (!paper.bibtex().isEmpty()) {
            s.append("The objective:\n\n```bibtex\n").append(String.join("\n\n", paper.bibtex())).append("\n```\n\n");
        }
        s.append("Sentence embeddings with sentence-transformers:\n\n```bibtex\n").append(ObjectivePapers.SBERT).append("\n```\n");
        return s.toString();
    }

    private String baseLink() {
        if (base.hubId() != null) {
            return "[" + base.hubId() + "](https://huggingface.co/" + base.hubId() + ")";
        }
        return "`" + base.spec() + "`";
    }

    /** Names the base model and finds its licence: built in for minilm, else the base's own card front matter. */
    static BaseModel baseModel(String spec) {
        if (spec.equalsIgnoreCase("minilm")) {
            return new BaseModel(spec, "sentence-transformers/all-MiniLM-L6-v2", "apache-2.0");
        }
        if (spec.startsWith("scratch:")) {
            return new BaseModel(spec + " (random initialization, MiniLM's WordPiece vocabulary)", null, null);
        }
        Path dir = Path.of(spec);
        if (Files.isDirectory(dir)) {
            JsonNode front = frontMatter(dir.resolve(FILE_NAME));
            return new BaseModel(spec, null, front == null ? null : text(front.path("license"), null));
        }
        if (HubModelId.looksLikeId(spec)) {
            HubModelId id = HubModelId.parse(spec);
            String license = null;
            try { // the cached snapshot has the base's README.md; no network here
                HubSettings offline = HubSettings.fromEnvironment().withOffline(true);
                Path snapshot = new HubModelResolver(offline).resolve(id);
                JsonNode front = frontMatter(snapshot.resolve(FILE_NAME));
                license = front == null ? null : text(front.path("license"), null);
            } catch (RuntimeException e) {
                license = null; // not cached: the card says the licence is unknown
            }
            return new BaseModel(spec, id.repo(), license);
        }
        return new BaseModel(spec, null, null);
    }

    /** The {@code key: value} lines of a README's YAML front matter (top-level scalars only). */
    static JsonNode frontMatter(Path readme) {
        if (!Files.isRegularFile(readme)) {
            return null;
        }
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\\A---\\R(.*?)\\R---", Pattern.DOTALL).matcher(text);
            if (!m.find()) {
                return null;
            }
            var node = JSON.createObjectNode();
            for (String line : m.group(1).split("\\R")) {
                Matcher kv = Pattern.compile("^([A-Za-z_][\\w-]*):\\s*(\\S.*)$").matcher(line);
                if (kv.matches()) {
                    node.put(kv.group(1), kv.group(2).replaceAll("^['\"]|['\"]$", "").strip());
                }
            }
            return node;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Object> architecture(Path model) {
        Map<String, Object> a = new LinkedHashMap<>();
        JsonNode c = readJsonIfPresent(model.resolve("config.json"));
        if (c != null) {
            a.put("model_type", text(c.path("model_type"), "bert"));
            a.put("layers", c.path("num_hidden_layers").asInt());
            a.put("hidden", c.path("hidden_size").asInt());
            a.put("heads", c.path("num_attention_heads").asInt());
            a.put("dimension", c.path("hidden_size").asInt());
        }
        JsonNode sb = readJsonIfPresent(model.resolve("sentence_bert_config.json"));
        a.put("max_seq_length", sb == null ? null : sb.path("max_seq_length").asInt());
        JsonNode pool = readJsonIfPresent(model.resolve("1_Pooling").resolve("config.json"));
        String pooling = "mean";
        if (pool != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pool.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("pooling_mode_") && e.getValue().asBoolean(false)) {
                    pooling = e.getKey().substring("pooling_mode_".length()).replaceAll("_tokens?$", "");
                }
            }
        }
        a.put("pooling", pooling);
        boolean normalize = false;
        JsonNode modules = readJsonIfPresent(model.resolve("modules.json"));
        if (modules != null) {
            for (JsonNode m : modules) {
                normalize |= m.path("type").asText().endsWith("models.Normalize");
            }
        }
        a.put("normalize", normalize);
        return a;
    }

    private static Map<String, Object> prompts(Path model) {
        JsonNode st = readJsonIfPresent(model.resolve("config_sentence_transformers.json"));
        Map<String, Object> p = new LinkedHashMap<>();
        if (st != null) {
            st.path("prompts").fields().forEachRemaining(e -> p.put(e.getKey(), e.getValue().asText()));
        }
        return p;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, Object> out) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (n.isNumber()) {
            out.put(prefix, n.numberValue());
        } else if (n.isBoolean()) {
            out.put(prefix, n.booleanValue());
        } else if (n.isArray()) {
            out.put(prefix, n.toString());
        } else {
            out.put(prefix, n.asText());
        }
    }

    private static List<String> unionKeys(Map<String, Object> a, Map<String, Object> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }

    private static void row(StringBuilder s, String key, String value) {
        s.append("- **").append(key).append(":** ").append(value).append('\n');
    }

    private static String cell(Object v) {
        return String.valueOf(v).replace("|", "\\|").replace("\n", " ");
    }

    private static String fmt(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String human(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private static String text(JsonNode n, String fallback) {
        return n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? fallback : n.asText();
    }

    private static JsonNode readJson(Path file) {
        JsonNode n = readJsonIfPresent(file);
        if (n == null) {
            throw new IllegalArgumentException("no " + file + ": the model card is built from the run's provenance");
        }
        return n;
    }

    private static JsonNode readJsonIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
