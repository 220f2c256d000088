package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MoCo's momentum update of a key encoder (He et al. 2020, Sec. 3.2, Eq. 2):
 * {@code theta_k <- m * theta_k + (1 - m) * theta_q}, applied after every optimizer step of the
 * query encoder. The key encoder is a second copy of the model with the same parameter names; it
 * starts as an exact copy of the query encoder ({@link #copyQueryIntoKey}), never requires a
 * gradient and is never touched by the optimizer, so it only moves through this update. With
 * m = 0.999 (MoCo's default, used by CERT) it changes slowly and keys enqueued a few hundred steps
 * ago stay comparable with fresh ones.
 *
 * <p>Generic over any pair of parameter maps (a BERT sentence encoder, a linear layer in tests), so
 * that every momentum-contrast objective (CERT, cross-lingual XLCo) shares it.
 */
public final class MomentumEncoder {

    private final Map<String, Parameter> query;
    private final Map<String, Parameter> key;
    private final float momentum;

    /**
     * @param query the trained encoder's parameters
     * @param key the key encoder's parameters: same names and shapes
     * @param momentum m in [0, 1): 0 copies the query encoder every step, 0.999 is MoCo's default
     */
    public MomentumEncoder(Map<String, Parameter> query, Map<String, Parameter> key, float momentum) {
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!query.keySet().equals(key.keySet())) {
            throw new IllegalArgumentException("query and key encoders have different parameters");
        }
        for (Map.Entry<String, Parameter> e : query.entrySet()) {
            NDArray q = e.getValue().getArray();
            NDArray k = key.get(e.getKey()).getArray();
            if (!q.getShape().equals(k.getShape())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " is " + q.getShape()
                        + " in the query encoder but " + k.getShape() + " in the key encoder");
            }
        }
        this.query = new LinkedHashMap<>(query);
        this.key = new LinkedHashMap<>(key);
        this.momentum = momentum;
        for (Parameter p : this.key.values()) {
            p.getArray().setRequiresGradient(false);
        }
    }

    public float momentum() {
        return momentum;
    }

    /** The key encoder's parameters (never trained directly), e.g. for a checkpoint. */
    public Map<String, Parameter> keyParameters() {
        return key;
    }

    /** theta_k <- theta_q: MoCo's initialization of the key encoder. */
    public void copyQueryIntoKey() {
        for (Map.Entry<String, Parameter> e : query.entrySet()) {
            NDArray k = key.get(e.getKey()).getArray();
            try (NDArray q = e.getValue().getArray().stopGradient()) {
                k.muli(0f).addi(q);
            }
        }
    }

    /** theta_k <- m * theta_k + (1 - m) * theta_q, in place, outside any autograd graph. */
    public void update() {
        for (Map.Entry<String, Parameter> e : query.entrySet()) {
            NDArray k = key.get(e.getKey()).getArray();
            // stopGradient detaches the query weights so the in-place update records nothing.
            try (NDArray q = e.getValue().getArray().stopGradient(); NDArray scaled = q.mul(1f - momentum)) {
                k.muli(momentum).addi(scaled);
            }
        }
    }
}
