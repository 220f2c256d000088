package io.contrast4j.sentence.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports a {@link SentenceModel} (any supported architecture, the embedded MiniLM or a model trained
 * here) as a folder that ONNX Runtime and LangChain4j's {@code OnnxEmbeddingModel} load:
 *
 * <ul>
 *   <li>{@code model.onnx}: the encoder graph ({@link OnnxEncoderGraph}): inputs {@code input_ids},
 *       {@code attention_mask} (and {@code token_type_ids} for BERT), int64 {@code [batch,
 *       sequence]}; outputs {@code last_hidden_state} and {@code sentence_embedding} (pooled, and
 *       normalized when the model normalizes);
 *   <li>{@code tokenizer.json}: the model's tokenizer with padding off and truncation at the max
 *       sequence length;
 *   <li>{@code config.json} (HF architecture), {@code sentence_bert_config.json} ({@code
 *       max_seq_length}) and {@code 1_Pooling/config.json} (the pooling mode, as sentence-transformers
 *       writes it), so a reader that pools the token states itself knows how.
 * </ul>
 */
public final class OnnxExporter {
    private OnnxExporter() {}

    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String INPUT_IDS = OnnxEncoderGraph.INPUT_IDS;
    public static final String ATTENTION_MASK = OnnxEncoderGraph.ATTENTION_MASK;
    public static final String TOKEN_TYPE_IDS = OnnxEncoderGraph.TOKEN_TYPE_IDS;
    public static final String LAST_HIDDEN_STATE = OnnxEncoderGraph.LAST_HIDDEN_STATE;
    public static final String SENTENCE_EMBEDDING = OnnxEncoderGraph.SENTENCE_EMBEDDING;
    public static final int OPSET = OnnxEncoderGraph.OPSET;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What an export wrote. */
    public record Export(Path dir, Path model, long modelBytes, List<String> inputs, List<String> outputs,
            Pooling pooling, boolean normalize, int maxSeqLength) {}

    /** The input names the exported graph of {@code model} takes. */
    public static List<String> inputNames(SentenceModel model) {
        List<String> in = new ArrayList<>(List.of(INPUT_IDS, ATTENTION_MASK));
        if (OnnxEncoderGraph.takesTokenTypes(model.config())) {
            in.add(TOKEN_TYPE_IDS);
        }
        return in;
    }

    /** Writes only the ONNX model of {@code model} to {@code out}. */
    public static void writeModel(SentenceModel model, OutputStream out, String producerVersion) throws IOException {
        OnnxEncoderGraph.write(model, out, producerVersion);
    }

    /** Writes the export folder {@code dir} (created if needed; files in it are overwritten). */
    public static Export export(SentenceModel model, Path dir, String producerVersion) throws IOException {
        Files.createDirectories(dir);
        Path onnx = dir.resolve(MODEL_FILE);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(onnx), 1 << 20)) {
            writeModel(model, out, producerVersion);
        }
        ObjectNode tok = (ObjectNode) JSON.readTree(model.tokenizerJson());
        // As HfModelFolder saves it: pad per batch (callers pad), cut at the model's max sequence length.
        tok.putNull("padding");
        ObjectNode trunc = tok.putObject("truncation");
        trunc.put("direction", "Right");
        trunc.put("max_length", model.maxSeqLength());
        trunc.put("strategy", "LongestFirst");
        trunc.put("stride", 0);
        new ObjectMapper().writeValue(dir.resolve(TOKENIZER_FILE).toFile(), tok);
        JSON.writeValue(dir.resolve("config.json").toFile(), model.config().toJson());
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
        pool.put("pooling_mode_mean_sqrt_len_tokens", false);
        JSON.writeValue(dir.resolve("1_Pooling").resolve("config.json").toFile(), pool);
        return new Export(dir, onnx, Files.size(onnx), inputNames(model), List.of(LAST_HIDDEN_STATE, SENTENCE_EMBEDDING),
                model.pooling(), model.normalize(), model.maxSeqLength());
    }
}
