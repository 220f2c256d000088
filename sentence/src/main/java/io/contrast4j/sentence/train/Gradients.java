package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.nn.Parameter;
import java.util.Map;

/** Whole-model gradient operations: global norm, clipping by it, zeroing. */
public final class Gradients {

    private Gradients() {}

    /** The L2 norm of all gradients concatenated. */
    public static double globalNorm(Map<String, Parameter> parameters) {
        double sumSquares = 0;
        for (Parameter p : parameters.values()) {
            try (NDArray g = p.getArray().getGradient(); NDArray sq = g.square(); NDArray s = sq.sum()) {
                sumSquares += s.getFloat();
            }
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales all gradients so that their global norm is at most {@code maxNorm} (as PyTorch's
     * {@code clip_grad_norm_}, coefficient {@code maxNorm / (norm + 1e-6)}). Returns the norm
     * before clipping; {@code maxNorm <= 0} only measures.
     */
    public static double clipGlobalNorm(Map<String, Parameter> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        if (maxNorm > 0) {
            double coefficient = maxNorm / (norm + 1e-6);
            if (coefficient < 1) {
                for (Parameter p : parameters.values()) {
                    try (NDArray g = p.getArray().getGradient()) {
                        g.muli((float) coefficient);
                    }
                }
            }
        }
        return norm;
    }

    public static void zero(Map<String, Parameter> parameters) {
        for (Parameter p : parameters.values()) {
            // Overwrite, not scale: the first gradient buffer can hold uninitialized memory, and
            // NaN * 0 is NaN (seen as a non-finite first step, at random). Zeroed by libtorch in
            // place: NDArray.copyTo/set would make the gradient tensor borrow a Java buffer that is
            // freed once the temporary NDArray handle is gone (heap corruption a few steps later).
            JniUtils.zeroGrad((PtNDArray) p.getArray());
        }
    }
}
