package io.contrast4j.sentence.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The architecture of a BERT-family encoder, as HuggingFace's {@code config.json} states it
 * ({@code BertConfig} field names). Immutable; {@link #minilmL6} is all-MiniLM-L6-v2's.
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps,
        double hiddenDropoutProb,
        double attentionProbsDropoutProb,
        int padTokenId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BertConfig {
        require(vocabSize > 0, "vocab_size must be > 0");
        require(hiddenSize > 0, "hidden_size must be > 0");
        require(numHiddenLayers > 0, "num_hidden_layers must be > 0");
        require(numAttentionHeads > 0 && hiddenSize % numAttentionHeads == 0,
                "hidden_size " + hiddenSize + " must be a multiple of num_attention_heads " + numAttentionHeads);
        require(intermediateSize > 0, "intermediate_size must be > 0");
        require(maxPositionEmbeddings > 0, "max_position_embeddings must be > 0");
        require(typeVocabSize > 0, "type_vocab_size must be > 0");
        require(layerNormEps > 0, "layer_norm_eps must be > 0");
        require(hiddenDropoutProb >= 0 && hiddenDropoutProb < 1, "hidden_dropout_prob must be in [0, 1)");
        require(attentionProbsDropoutProb >= 0 && attentionProbsDropoutProb < 1,
                "attention_probs_dropout_prob must be in [0, 1)");
    }

    /** sentence-transformers/all-MiniLM-L6-v2 (its published config.json). */
    public static BertConfig minilmL6() {
        return new BertConfig(30522, 384, 6, 12, 1536, 512, 2, 1e-12, 0.1, 0.1, 0);
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads a HuggingFace config.json; a missing field or a non-BERT model is a user error naming the file. */
    public static BertConfig read(Path configJson) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readAllBytes(configJson));
        } catch (NoSuchFileException e) {
            throw new UserInputException("model config not found: " + configJson);
        } catch (IOException e) {
            throw new UserInputException("corrupt model config " + configJson + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
        if (n == null || !n.isObject()) {
            throw new UserInputException("model config " + configJson + " is not a JSON object");
        }
        String type = n.path("model_type").asText("bert");
        if (!type.equals("bert")) {
            throw new UserInputException("model config " + configJson + ": model_type \"" + type
                    + "\" is not supported (only BERT-family encoders: model_type \"bert\")");
        }
        String act = n.path("hidden_act").asText("gelu");
        if (!act.equals("gelu")) {
            throw new UserInputException("model config " + configJson + ": hidden_act \"" + act
                    + "\" is not supported (only \"gelu\")");
        }
        String pos = n.path("position_embedding_type").asText("absolute");
        if (!pos.equals("absolute")) {
            throw new UserInputException("model config " + configJson + ": position_embedding_type \"" + pos
                    + "\" is not supported (only \"absolute\")");
        }
        try {
            return new BertConfig(
                    intField(n, "vocab_size", configJson),
                    intField(n, "hidden_size", configJson),
                    intField(n, "num_hidden_layers", configJson),
                    intField(n, "num_attention_heads", configJson),
                    intField(n, "intermediate_size", configJson),
                    intField(n, "max_position_embeddings", configJson),
                    n.path("type_vocab_size").asInt(2),
                    n.path("layer_norm_eps").asDouble(1e-12),
                    n.path("hidden_dropout_prob").asDouble(0.1),
                    n.path("attention_probs_dropout_prob").asDouble(0.1),
                    n.path("pad_token_id").asInt(0));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model config " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** The config.json a HuggingFace {@code BertModel} reads. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add("BertModel");
        o.put("model_type", "bert");
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("intermediate_size", intermediateSize);
        o.put("hidden_act", "gelu");
        o.put("max_position_embeddings", maxPositionEmbeddings);
        o.put("type_vocab_size", typeVocabSize);
        o.put("layer_norm_eps", layerNormEps);
        o.put("hidden_dropout_prob", hiddenDropoutProb);
        o.put("attention_probs_dropout_prob", attentionProbsDropoutProb);
        o.put("pad_token_id", padTokenId);
        o.put("position_embedding_type", "absolute");
        o.put("initializer_range", 0.02);
        o.put("torch_dtype", "float32");
        return o;
    }

    private static int intField(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new UserInputException("model config " + file + ": missing or non-integer \"" + field + "\"");
        }
        return v.asInt();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
