package io.contrast4j.sentence;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.AtomicDirectory;
import io.contrast4j.sentence.model.Architecture;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.BertEncoder;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.Prompts;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.weights.Safetensors;
import io.contrast4j.sentence.weights.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A HuggingFace model folder, as {@code transformers} and {@code sentence-transformers} write it:
 * {@code config.json}, {@code tokenizer.json}, {@code model.safetensors}, and optionally
 * sentence-transformers' {@code modules.json}, {@code sentence_bert_config.json}, the Pooling
 * module's {@code config.json} (plus a Normalize module) and {@code config_sentence_transformers.json}
 * (prompts). Without the sentence-transformers files a
 * folder loads as sentence-transformers would load a plain HF model: mean pooling, no
 * normalization, max sequence length min(512, max_position_embeddings).
 */
public final class HfModelFolder {
    private HfModelFolder() {}

    static {
        io.contrast4j.sentence.djl.DjlBootstrap.ensureOffline(); // before any engine start
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String TRANSFORMER = "sentence_transformers.models.Transformer";
    private static final String POOLING = "sentence_transformers.models.Pooling";
    private static final String NORMALIZE = "sentence_transformers.models.Normalize";

    /**
     * Where a folder's parts are and how it pools, read from its configuration files only (no
     * weights): what both the DJL loader and the ONNX Runtime encoder need.
     *
     * @param transformerDir the folder holding config.json, tokenizer.json and the weights
     * @param prompts the prompts of config_sentence_transformers.json (and the Pooling's include_prompt)
     */
    public record Layout(Path dir, Path transformerDir, BertConfig config, Pooling pooling, boolean normalize, int maxSeqLength,
            Prompts prompts) {
        /** The model's name: {@code ORG/NAME} for a HuggingFace cache snapshot, else the folder's name. */
        public String name() {
            return displayName(dir);
        }
    }

    public static Layout layout(Path dir) {
        try {
            AtomicDirectory.recover(dir); // finish or undo a save that a crash interrupted
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the interrupted save of " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("model folder not found or not a folder: " + dir);
        }
        Path transformerDir = dir;
        Path poolingDir = null;
        boolean normalize = false;
        JsonNode modules = readJsonIfPresent(dir.resolve("modules.json"));
        if (modules != null) {
            if (!modules.isArray()) {
                throw new UserInputException("corrupt " + dir.resolve("modules.json") + ": expected a JSON array");
            }
            for (JsonNode m : modules) {
                String type = m.path("type").asText("");
                String path = m.path("path").asText("");
                if (type.endsWith("models.Transformer")) {
                    transformerDir = dir.resolve(path);
                } else if (type.endsWith("models.Pooling")) {
                    poolingDir = dir.resolve(path);
                } else if (type.endsWith("models.Normalize")) {
                    normalize = true;
                } else {
                    throw new UserInputException(dir.resolve("modules.json") + ": module type \"" + type
                            + "\" is not supported (Transformer, Pooling, Normalize)");
                }
            }
        }
        BertConfig config = BertConfig.read(transformerDir.resolve("config.json"));
        Path poolingConfig = poolingDir == null ? null : poolingDir.resolve("config.json");
        Pooling pooling = poolingConfig == null ? Pooling.MEAN : readPooling(poolingConfig);
        Prompts prompts = readPrompts(dir.resolve("config_sentence_transformers.json"),
                poolingConfig == null || readJsonIfPresent(poolingConfig).path("include_prompt").asBoolean(true));
        int maxSeq = Math.min(512, config.maxSequenceLength());
        JsonNode sbert = readJsonIfPresent(transformerDir.resolve("sentence_bert_config.json"));
        if (sbert != null && sbert.has("max_seq_length")) {
            maxSeq = sbert.get("max_seq_length").asInt();
            if (maxSeq < 2 || maxSeq > config.maxSequenceLength()) {
                throw new UserInputException(transformerDir.resolve("sentence_bert_config.json") + ": max_seq_length "
                        + maxSeq + " must be in [2, " + config.maxSequenceLength() + "] (max_position_embeddings="
                        + config.maxPositionEmbeddings() + ")");
            }
        }
        return new Layout(dir, transformerDir, config, pooling, normalize, maxSeq, prompts);
    }

    public static SentenceModel load(Path dir, Device device) {
        Layout layout = layout(dir);
        Path transformerDir = layout.transformerDir();
        BertConfig config = layout.config();
        Pooling pooling = layout.pooling();
        boolean normalize = layout.normalize();
        int maxSeq = layout.maxSeqLength();
        Path weightsFile = transformerDir.resolve("model.safetensors");
        if (!Files.exists(weightsFile)) {
            String hint = Files.exists(transformerDir.resolve("pytorch_model.bin"))
                    ? " (pytorch_model.bin found: convert it to safetensors first)" : "";
            throw new UserInputException("weights file not found: " + weightsFile + hint);
        }
        Map<String, Tensor> weights = stripPrefix(Safetensors.read(weightsFile).tensors(), config.architecture());
        Path tokenizerFile = transformerDir.resolve("tokenizer.json");
        byte[] tokenizerJson;
        try {
            tokenizerJson = Files.readAllBytes(tokenizerFile);
        } catch (NoSuchFileException e) {
            throw new UserInputException("tokenizer file not found: " + tokenizerFile);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + tokenizerFile + ": " + e.getMessage(), e);
        }
        NDManager manager = NDManager.newBaseManager(device);
        HfTokenizer tokenizer = null;
        try {
            BertEncoder encoder = new BertEncoder(config);
            encoder.initialize(manager, weights, weightsFile.toString());
            tokenizer = HfTokenizer.load(new java.io.ByteArrayInputStream(tokenizerJson), maxSeq, tokenizerFile.toString());
            return new SentenceModel(layout.name(), manager, encoder, tokenizer,
                    tokenizerJson, pooling, normalize, layout.prompts());
        } catch (RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            manager.close();
            throw e;
        }
    }

    /**
     * Writes {@code model} as a folder that both this class and Python sentence-transformers load:
     * config.json, tokenizer.json (padding off, truncation at the max sequence length),
     * tokenizer_config.json, model.safetensors, modules.json, sentence_bert_config.json,
     * 1_Pooling/config.json, config_sentence_transformers.json (the prompts) and, when the model
     * normalizes, an empty 2_Normalize module.
     *
     * <p>Atomic ({@link AtomicDirectory}): the files are written to a staging sibling, forced to
     * disk and then moved in, so a crash at any point leaves the previous model or the new one,
     * never a mix; other files in {@code dir} (a training run's logs and checkpoints) are kept.
     */
    public static void save(SentenceModel model, Path dir) throws IOException {
        AtomicDirectory.write(dir, staging -> writeFiles(model, staging));
    }

    private static void writeFiles(SentenceModel model, Path dir) throws IOException {
        JSON.writeValue(dir.resolve("config.json").toFile(), model.config().toJson());
        ObjectNode tok = (ObjectNode) new ObjectMapper().readTree(model.tokenizerJson());
        tok.putNull("padding");
        ObjectNode trunc = tok.putObject("truncation");
        trunc.put("direction", "Right");
        trunc.put("max_length", model.maxSeqLength());
        trunc.put("strategy", "LongestFirst");
        trunc.put("stride", 0);
        new ObjectMapper().writeValue(dir.resolve("tokenizer.json").toFile(), tok);
        ObjectNode tokConfig = JSON.createObjectNode();
        tokConfig.put("tokenizer_class", model.config().architecture().tokenizerClass());
        JsonNode normalizer = tok.path("normalizer");
        if ("BertNormalizer".equals(normalizer.path("type").asText())) {
            tokConfig.put("do_lower_case", normalizer.path("lowercase").asBoolean(true));
        }
        tokConfig.put("model_max_length", model.maxSeqLength());
        JSON.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokConfig);

        Safetensors.write(dir.resolve("model.safetensors"), model.encoder().toTensors().values(),
                Map.of("format", "pt"));

        ArrayNode modules = JSON.createArrayNode();
        addModule(modules, 0, "", TRANSFORMER);
        addModule(modules, 1, "1_Pooling", POOLING);
        if (model.normalize()) {
            addModule(modules, 2, "2_Normalize", NORMALIZE);
            Files.createDirectories(dir.resolve("2_Normalize"));
        }
        JSON.writeValue(dir.resolve("modules.json").toFile(), modules);
        ObjectNode sbert = JSON.createObjectNode();
        sbert.put("max_seq_length", model.maxSeqLength());
        sbert.put("do_lower_case", false);
        JSON.writeValue(dir.resolve("sentence_bert_config.json").toFile(), sbert);
        Files.createDirectories(dir.resolve("1_Pooling"));
        ObjectNode pool = JSON.createObjectNode();
        pool.put("word_embedding_dimension", model.dimension());
        for (Pooling p : Pooling.values()) {
            pool.put(p.configKey(), p == model.pooling());
        }
        pool.put("include_prompt", model.prompts().includeInPooling());
        JSON.writeValue(dir.resolve("1_Pooling").resolve("config.json").toFile(), pool);
        ObjectNode st = JSON.createObjectNode();
        ObjectNode prompts = st.putObject("prompts");
        model.prompts().byName().forEach(prompts::put);
        st.put("default_prompt_name", model.prompts().defaultPromptName());
        st.put("similarity_fn_name", "cosine");
        JSON.writeValue(dir.resolve("config_sentence_transformers.json").toFile(), st);
    }

    private static void addModule(ArrayNode modules, int idx, String path, String type) {
        ObjectNode m = modules.addObject();
        m.put("idx", idx);
        m.put("name", Integer.toString(idx));
        m.put("path", path);
        m.put("type", type);
    }

    private static Pooling readPooling(Path configJson) {
        JsonNode n = readJsonIfPresent(configJson);
        if (n == null) {
            throw new UserInputException("pooling config not found: " + configJson);
        }
        Pooling chosen = null;
        for (Pooling p : Pooling.values()) {
            if (n.path(p.configKey()).asBoolean(false)) {
                if (chosen != null) {
                    // sentence-transformers would concatenate the modes; one vector per mode is not supported here
                    throw new UserInputException(configJson + ": more than one pooling mode is on (" + chosen.configKey()
                            + ", " + p.configKey() + "); only one is supported");
                }
                chosen = p;
            }
        }
        if (chosen == null && n.has("pooling_mode") && n.get("pooling_mode").isTextual()) {
            try {
                chosen = Pooling.parse(n.get("pooling_mode").asText()); // the constructor's short form
            } catch (IllegalArgumentException e) {
                throw new UserInputException(configJson + ": " + e.getMessage());
            }
        }
        if (chosen == null) {
            throw new UserInputException(configJson + ": no pooling mode is on");
        }
        return chosen;
    }

    /**
     * The model's name: {@code ORG/NAME} for a snapshot of the HuggingFace cache
     * ({@code models--ORG--NAME/snapshots/<commit>}), else the folder's name.
     */
    static String displayName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Path repo = parent == null ? null : parent.getParent();
        if (parent != null && repo != null && parent.getFileName().toString().equals("snapshots")
                && repo.getFileName().toString().startsWith("models--")) {
            return repo.getFileName().toString().substring("models--".length()).replace("--", "/");
        }
        Path name = abs.getFileName();
        return name == null ? dir.toString() : name.toString();
    }

    /**
     * The prompts of config_sentence_transformers.json ({@code prompts}, {@code default_prompt_name});
     * none when the file is absent.
     */
    private static Prompts readPrompts(Path file, boolean includeInPooling) {
        JsonNode n = readJsonIfPresent(file);
        if (n == null) {
            return includeInPooling ? Prompts.NONE : new Prompts(Map.of(), null, false);
        }
        Map<String, String> byName = new LinkedHashMap<>();
        JsonNode prompts = n.path("prompts");
        if (!prompts.isMissingNode() && !prompts.isNull()) {
            if (!prompts.isObject()) {
                throw new UserInputException(file + ": \"prompts\" must be an object of name: text");
            }
            prompts.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw new UserInputException(file + ": prompt \"" + e.getKey() + "\" is not a string");
                }
                byName.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode def = n.path("default_prompt_name");
        String defaultName = def.isTextual() ? def.asText() : null;
        try {
            return new Prompts(byName, defaultName, includeInPooling);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file + ": " + e.getMessage());
        }
    }

    /** Checkpoints saved from task heads (BertFor*, RobertaFor*, ...) prefix the encoder's names ("bert.", "roberta."...). */
    private static Map<String, Tensor> stripPrefix(Map<String, Tensor> weights, Architecture architecture) {
        if (weights.containsKey("embeddings.word_embeddings.weight")) {
            return weights;
        }
        String prefix = architecture.checkpointPrefix();
        Map<String, Tensor> out = new LinkedHashMap<>();
        weights.forEach((k, v) -> out.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
        return out;
    }

    private static JsonNode readJsonIfPresent(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserInputException("corrupt JSON file " + file + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
    }
}
