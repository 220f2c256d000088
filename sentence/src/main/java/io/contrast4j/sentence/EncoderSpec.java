package io.contrast4j.sentence;

import io.contrast4j.core.Embedder;
import io.contrast4j.sentence.onnx.InferenceEngine;
import io.contrast4j.sentence.onnx.InferenceEngine.Precision;
import java.util.Locale;

/**
 * Which model embeds, on which engine, at which precision: {@code minilm} or a folder, on DJL
 * (fp32) or ONNX Runtime (fp32 or int8). Its text form, {@code MODEL[;engine=E][;precision=P]}
 * (the defaults djl / fp32 are left out, so a plain model spec stays as it was), is what an index
 * records as its model spec, so queries are embedded the way the passages were.
 */
public record EncoderSpec(String model, InferenceEngine engine, Precision precision) {
    public EncoderSpec {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("model: empty");
        engine.check(precision);
    }

    public static EncoderSpec of(String model) {
        return new EncoderSpec(model, InferenceEngine.DJL, Precision.FP32);
    }

    /** Parses the text form; unknown keys and values are IllegalArgumentExceptions naming them. */
    public static EncoderSpec parse(String text) {
        String[] parts = text.split(";");
        InferenceEngine engine = InferenceEngine.DJL;
        Precision precision = Precision.FP32;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("model spec '" + text + "': expected key=value after ';', got '" + parts[i] + "'");
            switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
                case "engine" -> engine = InferenceEngine.parse(kv[1]);
                case "precision" -> precision = Precision.parse(kv[1]);
                default -> throw new IllegalArgumentException("model spec '" + text + "': unknown key '" + kv[0] + "' (engine, precision)");
            }
        }
        return new EncoderSpec(parts[0].strip(), engine, precision);
    }

    /** The encoder: DJL's {@link SentenceEncoder} or ONNX Runtime on all cores. */
    public Embedder open(int batchSize) {
        if (engine == InferenceEngine.DJL) return Models.encoder(model, batchSize);
        return OnnxModels.encoder(model, precision, batchSize, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String toString() {
        if (engine == InferenceEngine.DJL) return model;
        return model + ";engine=" + engine.label() + (precision == Precision.FP32 ? "" : ";precision=" + precision.label());
    }
}
