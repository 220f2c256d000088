package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.core.vector.VectorMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MoCHi, hard negative mixing in the embedding space (Kalantidis et al. 2020, "Hard Negative Mixing
 * for Contrastive Learning", Sec. 4). For each query q, its negatives are sorted by similarity to q
 * and the N hardest kept (Q^N); then
 *
 * <ul>
 *   <li>s synthetic negatives {@code h = normalize(a n_i + (1 - a) n_j)}, n_i != n_j drawn from Q^N,
 *       a ~ U(0, 1) (Sec. 4.1, Eq. 3, "mixing the hardest negatives");
 *   <li>s' synthetic negatives {@code h' = normalize(b q + (1 - b) n_j)}, n_j from Q^N,
 *       b ~ U(0, 0.5), so the negative's part dominates and h' stays a negative (Sec. 4.2, Eq. 4,
 *       "mixing for even harder negatives").
 * </ul>
 *
 * The synthetic points are computed from detached values on the host and come back as a new array:
 * no gradient flows into them, nor through them into the negatives or the query (the paper
 * synthesizes them on the fly and only the logits of the query against them carry gradient). They
 * are appended to that query's own logits only (per-example negatives {@code [B, s + s', d]}).
 *
 * <p>Draws come from a generator seeded by (seed, key): the caller passes a key that identifies
 * the batch (its data position or step), so a resumed run mixes the same way. With fewer than two
 * negatives available, h falls back to a single normalized negative (a duplicate, harmless).
 */
public final class HardNegativeMixer {

    private final int hardest;
    private final int pairMixes;
    private final int queryMixes;
    private final long seed;

    /**
     * @param hardest N, how many of the hardest negatives to mix from (>= 1; >= 2 for pair mixes)
     * @param pairMixes s, negatives mixed from pairs of hard negatives
     * @param queryMixes s', negatives mixed from the query and a hard negative
     */
    public HardNegativeMixer(int hardest, int pairMixes, int queryMixes, long seed) {
        if (hardest < 1) throw new IllegalArgumentException("MoCHi N must be >= 1, got " + hardest);
        if (pairMixes < 0 || queryMixes < 0 || pairMixes + queryMixes == 0) {
            throw new IllegalArgumentException("MoCHi s and s' must be >= 0 and not both 0, got " + pairMixes + ", " + queryMixes);
        }
        if (pairMixes > 0 && hardest < 2) throw new IllegalArgumentException("MoCHi pair mixing needs N >= 2, got " + hardest);
        this.hardest = hardest;
        this.pairMixes = pairMixes;
        this.queryMixes = queryMixes;
        this.seed = seed;
    }

    /** Parses the command line's {@code N,s,s'}. */
    public static HardNegativeMixer parse(String spec, long seed) {
        String[] parts = spec.split(",");
        if (parts.length != 3) throw new IllegalArgumentException("expected N,s,s' (e.g. 16,8,4), got '" + spec + "'");
        try {
            return new HardNegativeMixer(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()),
                    Integer.parseInt(parts[2].strip()), seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected three integers N,s,s', got '" + spec + "'");
        }
    }

    public int hardest() {
        return hardest;
    }

    public int pairMixes() {
        return pairMixes;
    }

    public int queryMixes() {
        return queryMixes;
    }

    /** s + s': synthetic negatives per query. */
    public int synthesized() {
        return pairMixes + queryMixes;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "MoCHi (Kalantidis et al. 2020, Sec. 4)");
        m.put("N", hardest);
        m.put("s", pairMixes);
        m.put("s_prime", queryMixes);
        m.put("seed", seed);
        return m;
    }

    /** One synthetic negative and where it came from (for tests and inspection). */
    public record Synthetic(float[] vector, int first, int second, float weight, boolean withQuery) {}

    /** The synthetic negatives of one query and the indices (into its negatives) of its N hardest. */
    public record Mixed(List<Synthetic> synthetic, int[] hardest) {}

    /**
     * Mixes for one query on the host.
     *
     * @param query the query (any norm)
     * @param negatives this query's negatives (any norm; row references are fine, nothing is written)
     */
    public Mixed mixOne(float[] query, float[][] negatives, SplittableRandom rng) {
        if (negatives.length == 0) throw new IllegalArgumentException("MoCHi needs at least one negative per query");
        float[] q = unit(query);
        float[] scores = new float[negatives.length];
        float[][] n = new float[negatives.length][];
        for (int j = 0; j < negatives.length; j++) {
            n[j] = unit(negatives[j]);
            scores[j] = VectorMath.dot(q, n[j]);
        }
        int[] top = VectorMath.topK(scores, Math.min(hardest, negatives.length));
        List<Synthetic> out = new ArrayList<>(synthesized());
        for (int k = 0; k < pairMixes; k++) {
            int i = top[rng.nextInt(top.length)];
            int j = i;
            if (top.length > 1) {
                // i != j: draw j among the other N - 1 hardest.
                int a = indexOf(top, i);
                int b = rng.nextInt(top.length - 1);
                j = top[b >= a ? b + 1 : b];
            }
            float alpha = (float) rng.nextDouble();
            out.add(new Synthetic(combine(alpha, n[i], n[j]), i, j, alpha, false));
        }
        for (int k = 0; k < queryMixes; k++) {
            int j = top[rng.nextInt(top.length)];
            float beta = (float) (0.5 * rng.nextDouble()); // [0, 0.5): the query never dominates
            out.add(new Synthetic(combine(beta, q, n[j]), -1, j, beta, true));
        }
        return new Mixed(out, top);
    }

    /**
     * Synthetic negatives {@code [B, s + s', d]} for a batch, on {@code queries}' device, without
     * gradient. A query's negatives are: the rows of every {@code inBatch} array except its own row
     * (its positive, or itself), its rows of {@code perQuery} {@code [B, H, d]}, and every row of
     * {@code shared} {@code [Q, d]} (a queue); any of them may be null.
     *
     * @param key identifies the batch (data position or step) for the seeded draws
     */
    public NDArray synthesize(NDArray queries, List<NDArray> inBatch, NDArray perQuery, NDArray shared, long key) {
        int b = (int) queries.getShape().get(0);
        int d = (int) queries.getShape().get(1);
        float[][] q = rows(queries, b, d);
        List<float[][]> batchRows = new ArrayList<>();
        for (NDArray x : inBatch) if (x != null) batchRows.add(rows(x, b, d));
        float[][] perRows = null;
        int h = 0;
        if (perQuery != null) {
            h = (int) perQuery.getShape().get(1);
            perRows = rows(perQuery.reshape(b * (long) h, d), b * h, d);
        }
        float[][] sharedRows = shared == null ? new float[0][] : rows(shared, (int) shared.getShape().get(0), d);
        SplittableRandom rng = new SplittableRandom(mix(seed, key));
        int per = synthesized();
        float[] flat = new float[b * per * d];
        for (int i = 0; i < b; i++) {
            List<float[]> negatives = new ArrayList<>();
            for (float[][] block : batchRows) {
                for (int j = 0; j < b; j++) if (j != i) negatives.add(block[j]);
            }
            for (int j = 0; j < h; j++) negatives.add(perRows[i * h + j]);
            for (float[] row : sharedRows) negatives.add(row);
            Mixed m = mixOne(q[i], negatives.toArray(float[][]::new), rng);
            for (int k = 0; k < per; k++) System.arraycopy(m.synthetic().get(k).vector(), 0, flat, (i * per + k) * d, d);
        }
        // A fresh array made from host values: it has no autograd history, whatever the inputs had.
        return queries.getManager().create(flat, new Shape(b, per, d));
    }

    private static float[][] rows(NDArray x, int n, int d) {
        // Not closed here: the detached view belongs to x's manager (the step's scope), and closing a
        // view of a tensor that the autograd graph still holds is not worth the risk.
        float[] flat = x.stopGradient().toType(DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * d, out[i], 0, d);
        return out;
    }

    private static float[] combine(float w, float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) out[k] = w * x[k] + (1 - w) * y[k];
        return unit(out);
    }

    private static float[] unit(float[] v) {
        float[] out = v.clone();
        float norm = VectorMath.norm(out);
        if (norm > 0) VectorMath.scale(out, 1f / norm);
        return out;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new IllegalStateException();
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
