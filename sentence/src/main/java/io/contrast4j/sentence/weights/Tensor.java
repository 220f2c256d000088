package io.contrast4j.sentence.weights;

import java.util.Arrays;

/**
 * A named float32 tensor in row-major order, the common currency between weight files (ONNX,
 * safetensors) and the encoder's parameters.
 */
public record Tensor(String name, long[] shape, float[] data) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** A 2-D tensor with rows and columns swapped: ONNX MatMul's [in, out] to Linear's [out, in]. */
    public Tensor transpose2d(String newName) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(name + " is not 2-D: " + shapeString());
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] t = new float[data.length];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = data[base + c];
            }
        }
        return new Tensor(newName, new long[] {cols, rows}, t);
    }
}
