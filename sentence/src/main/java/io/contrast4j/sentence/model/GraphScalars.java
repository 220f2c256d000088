package io.contrast4j.sentence.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between an array that takes part in a gradient graph and a Java number.
 *
 * <p>Why not {@code x.mul(2f)}: DJL's PyTorch engine (0.36) wraps the number in a 0-d tensor over a
 * Java direct buffer ({@code torch::from_blob}), runs the op and closes that tensor at once. Autograd
 * keeps the operand for the backward pass (mul, div, maximum and pow save it), but nothing keeps the
 * buffer alive: a garbage collection between forward and backward frees it and the backward pass reads
 * freed memory. The gradient is then scaled by whatever lies there: 1e25-sized or NaN when it is junk,
 * silently wrong when it is another scalar's buffer. Here the number becomes a tensor that owns its
 * memory ({@code torch::full}), so the graph's reference keeps it valid.
 */
public final class GraphScalars {

    private GraphScalars() {}

    /** A 0-d array holding {@code value}, of {@code like}'s type, on its manager and device, owning its memory. */
    public static NDArray of(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** {@code x * value}. */
    public static NDArray mul(NDArray x, float value) {
        try (NDArray s = of(x, value)) {
            return x.mul(s);
        }
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, float value) {
        try (NDArray s = of(x, value)) {
            return x.div(s);
        }
    }

    /** Element-wise {@code max(x, value)}. */
    public static NDArray maximum(NDArray x, float value) {
        try (NDArray s = of(x, value)) {
            return x.maximum(s);
        }
    }
}
