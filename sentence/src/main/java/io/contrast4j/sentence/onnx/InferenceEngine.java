package io.contrast4j.sentence.onnx;

import java.util.Locale;

/**
 * Which runtime embeds texts at inference time: DJL's PyTorch engine (the one that trains, fp32)
 * or ONNX Runtime on the model's ONNX graph (fp32, or int8 with dynamically quantized weights).
 */
public enum InferenceEngine {
    DJL, ONNXRUNTIME;

    /** Floating-point width of the weights the engine runs. */
    public enum Precision {
        FP32, INT8;

        public static Precision parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "fp32", "float32" -> FP32;
                case "int8", "qint8" -> INT8;
                default -> throw new IllegalArgumentException("precision: expected fp32 or int8, got '" + s + "'");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static InferenceEngine parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "djl", "pytorch" -> DJL;
            case "onnxruntime", "ort", "onnx" -> ONNXRUNTIME;
            default -> throw new IllegalArgumentException("engine: expected djl or onnxruntime, got '" + s + "'");
        };
    }

    public String label() {
        return this == DJL ? "djl" : "onnxruntime";
    }

    /** Rejects combinations no runtime offers: DJL runs fp32 only. */
    public void check(Precision precision) {
        if (this == DJL && precision != Precision.FP32) {
            throw new IllegalArgumentException("precision: " + precision.label() + " needs engine onnxruntime (DJL runs fp32)");
        }
    }
}
