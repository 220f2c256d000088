package io.contrast4j.sentence.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter 2019, "Decoupled Weight Decay
 * Regularization", Algorithm 2), the update of PyTorch's {@code torch.optim.AdamW}:
 *
 * <pre>
 * w <- w - lr * wd * w                       (decay, not through the gradient)
 * m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 * w <- w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * DJL 0.36 has an {@code AdamW}, but its moments are private, so a run could not be resumed
 * exactly, and it decays every parameter; this one exposes its state for checkpoints and, like
 * BERT and sentence-transformers, does not decay biases and LayerNorm weights. Updates run in
 * place on the parameter arrays, on whatever device they live.
 */
public final class AdamW {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final Predicate<String> decays;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    public AdamW(float beta1, float beta2, float epsilon, float weightDecay) {
        this(beta1, beta2, epsilon, weightDecay, AdamW::decaysByDefault);
    }

    public AdamW(float beta1, float beta2, float epsilon, float weightDecay, Predicate<String> decays) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decays = decays;
    }

    /** No decay on biases and LayerNorm parameters (HuggingFace's {@code no_decay} list). */
    public static boolean decaysByDefault(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return !(n.endsWith("bias") || n.contains("layernorm") || n.contains("layer_norm"));
    }

    public long step() {
        return step;
    }

    /** One update of every parameter that has a gradient, at learning rate {@code lr}. */
    public void update(Map<String, Parameter> parameters, float lr) {
        update(parameters, lr, name -> 1.0);
    }

    /**
     * One update at learning rate {@code lr * lrScale(name)} per parameter (decay included, as
     * PyTorch's per-parameter-group lr): lets a freshly initialized head move faster than the
     * pretrained encoder it sits on.
     */
    public void update(Map<String, Parameter> parameters, float lr, ToDoubleFunction<String> lrScale) {
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2 = 1 - Math.pow(beta2, step);
        float sqrtBias2 = (float) Math.sqrt(bias2);
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            float groupLr = (float) (lr * lrScale.applyAsDouble(e.getKey()));
            float stepSize = (float) (groupLr / bias1);
            try (NDArray g = w.getGradient()) {
                NDArray m = firstMoments.computeIfAbsent(e.getKey(), k -> w.zerosLike());
                NDArray v = secondMoments.computeIfAbsent(e.getKey(), k -> w.zerosLike());
                if (decays.test(e.getKey()) && weightDecay > 0) {
                    w.muli(1 - groupLr * weightDecay);
                }
                // Every temporary is closed here: arrays derived from a parameter's gradient
                // belong to the model's long-lived manager and would otherwise pile up.
                try (NDArray scaled = g.mul(1 - beta1)) {
                    m.muli(beta1).addi(scaled);
                }
                try (NDArray squared = g.square()) {
                    v.muli(beta2).addi(squared.muli(1 - beta2));
                }
                try (NDArray denom = v.sqrt()) {
                    denom.divi(sqrtBias2).addi(epsilon);
                    try (NDArray delta = m.div(denom)) {
                        w.subi(delta.muli(stepSize));
                    }
                }
            }
        }
    }

    public Map<String, NDArray> firstMoments() {
        return firstMoments;
    }

    public Map<String, NDArray> secondMoments() {
        return secondMoments;
    }

    /** Restores the state a checkpoint saved (arrays are adopted, not copied). */
    public void restore(long step, Map<String, NDArray> first, Map<String, NDArray> second) {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        firstMoments.putAll(first);
        secondMoments.putAll(second);
        this.step = step;
    }
}
