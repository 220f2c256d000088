package io.contrast4j.sentence.train;

import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a momentum-contrast step (MoCo, He et al. 2020, Algorithm 1), as used by CERT
 * and InfoXLM's XLCo: queries through the trained encoder, keys through a momentum copy, scored
 * against a FIFO queue of earlier keys. Validation failures name the field.
 *
 * @param momentum m in theta_k <- m theta_k + (1 - m) theta_q, in [0, 1) (MoCo: 0.999)
 * @param queueSize negatives kept in the queue; 0 scores against the batch's keys only
 * @param temperature the loss temperature (MoCo: 0.07)
 * @param inBatchKeys also count the batch's other keys as negatives (MoCo v3)
 * @param tauPlus class prior of the debiased loss (Chuang et al. 2020); 0 is plain MoCo
 * @param mixer MoCHi's synthetic hard negatives (Kalantidis et al. 2020), or null
 */
public record MomentumContrast(float momentum, int queueSize, float temperature, boolean inBatchKeys, float tauPlus,
        HardNegativeMixer mixer) {

    public MomentumContrast {
        if (!(momentum >= 0f && momentum < 1f)) throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
        if (queueSize < 0) throw new IllegalArgumentException("queueSize: must be >= 0, got " + queueSize);
        if (!(temperature > 0f)) throw new IllegalArgumentException("temperature: must be > 0, got " + temperature);
        if (queueSize == 0 && !inBatchKeys) {
            throw new IllegalArgumentException("queueSize: 0 without inBatchKeys leaves no negatives");
        }
        if (!(tauPlus >= 0f && tauPlus < 1f)) throw new IllegalArgumentException("tauPlus: must be in [0, 1), got " + tauPlus);
    }

    /** Contrast4J's MoCo defaults: m 0.999, queue 4096, tau 0.07, in-batch keys on, plain loss, no MoCHi. */
    public static MomentumContrast defaults() {
        return new MomentumContrast(0.999f, 4096, 0.07f, true, 0f, null);
    }

    public MomentumContrast withMomentum(float m) {
        return new MomentumContrast(m, queueSize, temperature, inBatchKeys, tauPlus, mixer);
    }

    public MomentumContrast withQueueSize(int q) {
        return new MomentumContrast(momentum, q, temperature, inBatchKeys, tauPlus, mixer);
    }

    public MomentumContrastLoss loss() {
        return new MomentumContrastLoss(temperature, inBatchKeys, tauPlus);
    }

    /** For the summary and provenance (the keys the CLI has always written). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("momentum", momentum);
        m.put("queue_size", queueSize);
        m.put("temperature", temperature);
        m.put("in_batch_keys", inBatchKeys);
        m.put("debiased_tau_plus", tauPlus);
        m.put("mochi", mixer == null ? null : mixer.describe());
        return m;
    }
}
