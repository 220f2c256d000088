package io.contrast4j.sentence.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Turns token vectors into one sentence vector, as sentence-transformers' {@code Pooling} module
 * does (Reimers &amp; Gurevych 2019, §3; the extra modes as in sentence-transformers'
 * {@code models/Pooling.py}): masked mean, the [CLS] vector, masked max, mean divided by
 * sqrt(length), position-weighted mean (SGPT, Muennighoff 2022) or the last token's vector.
 */
public enum Pooling {
    /** Mean of the token vectors where the attention mask is 1 ({@code pooling_mode_mean_tokens}). */
    MEAN,
    /** The first token's vector ({@code pooling_mode_cls_token}). */
    CLS,
    /** Per-dimension max over the unmasked tokens ({@code pooling_mode_max_tokens}). */
    MAX,
    /** Sum of the unmasked token vectors over sqrt(token count) ({@code pooling_mode_mean_sqrt_len_tokens}). */
    MEAN_SQRT_LEN,
    /** Mean weighted by position 1..n, later tokens weigh more ({@code pooling_mode_weightedmean_tokens}). */
    WEIGHTED_MEAN,
    /** The vector of the last token whose mask is 1, for left or right padding ({@code pooling_mode_lasttoken}). */
    LAST_TOKEN;

    /**
     * Pools {@code hidden [batch, seq, dim]} under {@code mask [batch, seq]} (1 = token) into {@code
     * [batch, dim]}.
     */
    public NDArray pool(NDArray hidden, NDArray mask) {
        NDArray m = mask.toType(DataType.FLOAT32, false);
        return switch (this) {
            case CLS -> hidden.get(new NDIndex(":, 0, :"));
            case MEAN -> {
                NDArray m3 = m.expandDims(2);
                yield hidden.mul(m3).sum(new int[] {1}).div(m3.sum(new int[] {1}).maximum(1e-9f));
            }
            case MEAN_SQRT_LEN -> {
                NDArray m3 = m.expandDims(2);
                yield hidden.mul(m3).sum(new int[] {1}).div(m3.sum(new int[] {1}).maximum(1e-9f).sqrt());
            }
            case WEIGHTED_MEAN -> {
                long seq = hidden.getShape().get(1);
                NDArray positions = m.getManager().arange(1f, seq + 1f, 1f, DataType.FLOAT32);
                NDArray w3 = m.mul(positions.expandDims(0)).expandDims(2);
                yield hidden.mul(w3).sum(new int[] {1}).div(w3.sum(new int[] {1}).maximum(1e-9f));
            }
            case MAX -> {
                // padding gets -1e9 so it never wins, as in sentence-transformers
                NDArray m3 = m.expandDims(2);
                NDArray masked = hidden.mul(m3).add(m3.neg().add(1f).mul(-1e9f));
                yield masked.max(new int[] {1});
            }
            case LAST_TOKEN -> {
                // index of the last 1 in the mask (0 when the row is all padding), then a one-hot select:
                // differentiable, and correct for left padding too
                long seq = hidden.getShape().get(1);
                NDArray positions = m.getManager().arange(0f, (float) seq, 1f, DataType.FLOAT32).expandDims(0);
                NDArray last = m.mul(positions).max(new int[] {1}, true);
                NDArray oneHot = positions.eq(last).toType(hidden.getDataType(), false).expandDims(2);
                yield hidden.mul(oneHot).sum(new int[] {1});
            }
        };
    }

    /** L2 normalization, as {@code torch.nn.functional.normalize} (norm clamped at 1e-12). */
    public static NDArray l2Normalize(NDArray x) {
        NDArray norm = GraphScalars.maximum(x.norm(new int[] {-1}, true), 1e-12f);
        return x.div(norm);
    }

    /** The flag in sentence-transformers' 1_Pooling/config.json that selects this mode. */
    public String configKey() {
        return switch (this) {
            case MEAN -> "pooling_mode_mean_tokens";
            case CLS -> "pooling_mode_cls_token";
            case MAX -> "pooling_mode_max_tokens";
            case MEAN_SQRT_LEN -> "pooling_mode_mean_sqrt_len_tokens";
            case WEIGHTED_MEAN -> "pooling_mode_weightedmean_tokens";
            case LAST_TOKEN -> "pooling_mode_lasttoken";
        };
    }

    /** The short name sentence-transformers' {@code pooling_mode} argument uses (mean, cls, max, lasttoken, ...). */
    public String shortName() {
        return switch (this) {
            case MEAN -> "mean";
            case CLS -> "cls";
            case MAX -> "max";
            case MEAN_SQRT_LEN -> "mean_sqrt_len_tokens";
            case WEIGHTED_MEAN -> "weightedmean";
            case LAST_TOKEN -> "lasttoken";
        };
    }

    /** Parses a short name ({@link #shortName()}) or an enum name, case-insensitively. */
    public static Pooling parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Pooling p : values()) {
            if (p.shortName().equals(k) || p.name().toLowerCase(Locale.ROOT).equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling \"" + s + "\" (mean, cls, max, mean_sqrt_len_tokens,"
                + " weightedmean, lasttoken)");
    }
}
