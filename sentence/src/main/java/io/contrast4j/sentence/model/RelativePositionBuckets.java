package io.contrast4j.sentence.model;

/**
 * MPNet's relative-position buckets (Song et al. 2020, MPNet, §2 and appendix; the T5-style bucketing
 * of Raffel et al. 2020, §2.1), as HuggingFace computes them in {@code
 * transformers/models/mpnet/modeling_mpnet.py}, {@code MPNetEncoder.relative_position_bucket}: the
 * relative position {@code j - i} of key j to query i is negated, the sign takes half of the 32
 * buckets, distances below 8 get a bucket each, larger ones share logarithmically spaced buckets up
 * to distance 128, and everything beyond lands in the last bucket.
 *
 * <p>HF calls it with its default {@code num_buckets=32} whatever {@code
 * relative_attention_num_buckets} says (that only sizes the bias table), so 32 is used here too. The
 * logarithm is taken in float32 as torch does ({@code torch.log(n.float() / max_exact)}), then
 * divided by {@code log(128 / 8)} and scaled in float32 and truncated to an integer.
 */
public final class RelativePositionBuckets {
    private RelativePositionBuckets() {}

    /** {@code num_buckets} as HF passes it to the bucketing. */
    public static final int BUCKETS = 32;
    private static final int MAX_DISTANCE = 128;

    /** The bucket of relative position {@code memoryPosition - contextPosition}. */
    public static int bucket(int relativePosition) {
        int n = -relativePosition;
        int half = BUCKETS / 2;
        int ret = n < 0 ? half : 0;
        n = Math.abs(n);
        int maxExact = half / 2;
        if (n < maxExact) {
            return ret + n;
        }
        float logRatio = (float) Math.log((float) n / maxExact);
        float scale = (float) Math.log((double) MAX_DISTANCE / maxExact);
        int large = maxExact + (int) (logRatio / scale * (float) (half - maxExact));
        return ret + Math.min(large, half - 1);
    }

    /**
     * Buckets for every relative position of a sequence up to {@code maxLength}: entry {@code d +
     * maxLength - 1} is the bucket of relative position d, for d in {@code [-(maxLength-1),
     * maxLength-1]}.
     */
    public static long[] table(int maxLength) {
        long[] t = new long[2 * maxLength - 1];
        for (int d = -(maxLength - 1); d <= maxLength - 1; d++) {
            t[d + maxLength - 1] = bucket(d);
        }
        return t;
    }
}
