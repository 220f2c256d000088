package io.contrast4j.sentence.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * Turns token vectors into one sentence vector, as sentence-transformers' {@code Pooling} module
 * does (Reimers &amp; Gurevych 2019, §3): masked mean, the [CLS] vector, or masked max.
 */
public enum Pooling {
    /** Mean of the token vectors where the attention mask is 1 ({@code pooling_mode_mean_tokens}). */
    MEAN,
    /** The first token's vector ({@code pooling_mode_cls_token}). */
    CLS,
    /** Per-dimension max over the unmasked tokens ({@code pooling_mode_max_tokens}). */
    MAX;

    /**
     * Pools {@code hidden [batch, seq, dim]} under {@code mask [batch, seq]} (1 = token) into {@code
     * [batch, dim]}.
     */
    public NDArray pool(NDArray hidden, NDArray mask) {
        return switch (this) {
            case CLS -> hidden.get(new NDIndex(":, 0, :"));
            case MEAN -> {
                NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
                NDArray sum = hidden.mul(m).sum(new int[] {1});
                NDArray count = m.sum(new int[] {1}).maximum(1e-9f);
                yield sum.div(count);
            }
            case MAX -> {
                // padding gets -1e9 so it never wins, as in sentence-transformers
                NDArray m = mask.toType(DataType.FLOAT32, false).expandDims(2);
                NDArray masked = hidden.mul(m).add(m.neg().add(1f).mul(-1e9f));
                yield masked.max(new int[] {1});
            }
        };
    }

    /** L2 normalization, as {@code torch.nn.functional.normalize} (norm clamped at 1e-12). */
    public static NDArray l2Normalize(NDArray x) {
        NDArray norm = GraphScalars.maximum(x.norm(new int[] {-1}, true), 1e-12f);
        return x.div(norm);
    }

    /** Name used in sentence-transformers' 1_Pooling/config.json ({@code pooling_mode_<name>_tokens}). */
    public String configKey() {
        return switch (this) {
            case MEAN -> "pooling_mode_mean_tokens";
            case CLS -> "pooling_mode_cls_token";
            case MAX -> "pooling_mode_max_tokens";
        };
    }

    public static Pooling parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown pooling \"" + s + "\" (mean, cls, max)");
        }
    }
}
