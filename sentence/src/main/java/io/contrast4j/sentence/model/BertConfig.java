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
 * ({@code BertConfig} field names; DistilBERT's {@code dim}, {@code n_layers}, ... are read into the
 * same fields). Immutable; {@link #minilmL6} is all-MiniLM-L6-v2's. {@code architecture} says which
 * {@link Architecture} the fields belong to; {@code relativeAttentionNumBuckets} is MPNet's (0
 * elsewhere).
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
        int padTokenId,
        Architecture architecture,
        int relativeAttentionNumBuckets) {

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
        require(architecture != null, "architecture must be given");
        require(!architecture.hasRelativeAttentionBias() || relativeAttentionNumBuckets >= RelativePositionBuckets.BUCKETS,
                "relative_attention_num_buckets must be >= " + RelativePositionBuckets.BUCKETS);
        require(!architecture.positionsFromPadding() || maxPositionEmbeddings > positionPaddingIndex(architecture, padTokenId) + 1,
                "max_position_embeddings must exceed the padding index + 1");
    }

    /** A BERT config ({@code model_type} "bert"). */
    public BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads, int intermediateSize,
            int maxPositionEmbeddings, int typeVocabSize, double layerNormEps, double hiddenDropoutProb,
            double attentionProbsDropoutProb, int padTokenId) {
        this(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize, maxPositionEmbeddings,
                typeVocabSize, layerNormEps, hiddenDropoutProb, attentionProbsDropoutProb, padTokenId,
                Architecture.BERT, 0);
    }

    /** The same hyperparameters under another architecture (MPNet gets 32 buckets, as its configs have). */
    public BertConfig withArchitecture(Architecture a) {
        int buckets = a.hasRelativeAttentionBias() ? Math.max(relativeAttentionNumBuckets, RelativePositionBuckets.BUCKETS) : 0;
        int types = a.hasTokenTypes() ? typeVocabSize : 1;
        return new BertConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                maxPositionEmbeddings, types, layerNormEps, hiddenDropoutProb, attentionProbsDropoutProb, padTokenId, a,
                buckets);
    }

    /**
     * The padding index positions are counted from: {@code pad_token_id} for RoBERTa/XLM-R
     * ({@code RobertaEmbeddings.padding_idx}), 1 for MPNet (hard-coded in {@code MPNetEmbeddings}), -1
     * where positions start at 0.
     */
    public int positionPaddingIndex() {
        return positionPaddingIndex(architecture, padTokenId);
    }

    private static int positionPaddingIndex(Architecture a, int pad) {
        return switch (a) {
            case ROBERTA, XLM_ROBERTA -> pad;
            case MPNET -> 1;
            default -> -1;
        };
    }

    /** The longest input (special tokens included) the position table covers. */
    public int maxSequenceLength() {
        return maxPositionEmbeddings - positionPaddingIndex() - 1;
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
        Architecture arch;
        try {
            arch = Architecture.ofModelType(type);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model config " + configJson + ": " + e.getMessage());
        }
        if (arch == Architecture.DISTILBERT) {
            return readDistilBert(n, configJson);
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
                    arch.hasTokenTypes() ? n.path("type_vocab_size").asInt(arch == Architecture.BERT ? 2 : 1) : 1,
                    n.path("layer_norm_eps").asDouble(1e-12),
                    n.path("hidden_dropout_prob").asDouble(0.1),
                    n.path("attention_probs_dropout_prob").asDouble(0.1),
                    n.path("pad_token_id").asInt(arch == Architecture.BERT ? 0 : 1),
                    arch,
                    arch.hasRelativeAttentionBias() ? n.path("relative_attention_num_buckets").asInt(32) : 0);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model config " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** DistilBertConfig's own field names; its LayerNorms use eps 1e-12 whatever the file says. */
    private static BertConfig readDistilBert(JsonNode n, Path configJson) {
        String act = n.path("activation").asText("gelu");
        if (!act.equals("gelu")) {
            throw new UserInputException("model config " + configJson + ": activation \"" + act
                    + "\" is not supported (only \"gelu\")");
        }
        try {
            return new BertConfig(
                    intField(n, "vocab_size", configJson),
                    intField(n, "dim", configJson),
                    intField(n, "n_layers", configJson),
                    intField(n, "n_heads", configJson),
                    intField(n, "hidden_dim", configJson),
                    intField(n, "max_position_embeddings", configJson),
                    1,
                    1e-12,
                    n.path("dropout").asDouble(0.1),
                    n.path("attention_dropout").asDouble(0.1),
                    n.path("pad_token_id").asInt(0),
                    Architecture.DISTILBERT,
                    0);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model config " + configJson + ": " + e.getMessage(), e);
        }
    }

    /** The config.json the architecture's HuggingFace model class ({@code BertModel}, ...) reads. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(architecture.modelClass());
        o.put("model_type", architecture.modelType());
        if (architecture == Architecture.DISTILBERT) {
            o.put("vocab_size", vocabSize);
            o.put("dim", hiddenSize);
            o.put("n_layers", numHiddenLayers);
            o.put("n_heads", numAttentionHeads);
            o.put("hidden_dim", intermediateSize);
            o.put("activation", "gelu");
            o.put("max_position_embeddings", maxPositionEmbeddings);
            o.put("sinusoidal_pos_embds", false);
            o.put("dropout", hiddenDropoutProb);
            o.put("attention_dropout", attentionProbsDropoutProb);
            o.put("pad_token_id", padTokenId);
            o.put("initializer_range", 0.02);
            o.put("torch_dtype", "float32");
            return o;
        }
        o.put("vocab_size", vocabSize);
        o.put("hidden_size", hiddenSize);
        o.put("num_hidden_layers", numHiddenLayers);
        o.put("num_attention_heads", numAttentionHeads);
        o.put("intermediate_size", intermediateSize);
        o.put("hidden_act", "gelu");
        o.put("max_position_embeddings", maxPositionEmbeddings);
        if (architecture.hasTokenTypes()) {
            o.put("type_vocab_size", typeVocabSize);
        }
        if (architecture.hasRelativeAttentionBias()) {
            o.put("relative_attention_num_buckets", relativeAttentionNumBuckets);
        }
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
