package io.contrast4j.sentence.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.negatives.TrainingExample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised pair contrast (the setup of supervised SimCSE, Gao et al. 2021, Sec. 4, and of
 * sentence-transformers' MultipleNegativesRankingLoss): labeled (anchor, positive) pairs, the other
 * positives of the batch as negatives, plus H mined hard negatives per anchor when the examples
 * carry them (each anchor scores its own only). Optionally MoCHi ({@link HardNegativeMixer}) adds
 * s + s' synthetic negatives per anchor, mixed from its hardest in-batch and mined negatives.
 *
 * <p>With H > 0, examples with fewer than H negatives are dropped when the objective is built and
 * counted ({@link #droppedShort()}). The order is a seeded per-epoch permutation; MoCHi's draws
 * are keyed by the data position of the batch, so a resumed run mixes as the original did.
 */
public final class PairObjective extends OrderedObjective {

    private final List<TrainingExample> examples;
    private final int negativesPerAnchor;
    private final int dropped;
    private final InfoNceLoss loss;
    private final HardNegativeMixer mixer;
    private long batchStart;

    /**
     * @param negativesPerAnchor H, mined negatives used per anchor (the first H of each example); 0 ignores them
     * @param mixer MoCHi, or null
     */
    public PairObjective(List<TrainingExample> examples, int negativesPerAnchor, long seed, InfoNceLoss loss,
            HardNegativeMixer mixer) {
        super(seed);
        if (negativesPerAnchor < 0) throw new IllegalArgumentException("negatives per anchor must be >= 0");
        List<TrainingExample> kept = new ArrayList<>(examples.size());
        for (TrainingExample e : examples) {
            if (e.negatives().size() >= negativesPerAnchor) {
                kept.add(new TrainingExample(e.anchor(), e.positive(), e.negatives().subList(0, negativesPerAnchor)));
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no example has " + negativesPerAnchor + " negatives (of " + examples.size() + ")");
        }
        this.examples = List.copyOf(kept);
        this.negativesPerAnchor = negativesPerAnchor;
        this.dropped = examples.size() - kept.size();
        walk(this.examples.size());
        this.loss = loss;
        this.mixer = mixer;
    }

    @Override
    public String name() {
        return "pairs";
    }

    public int examples() {
        return examples.size();
    }

    /** Examples dropped for having fewer than H negatives. */
    public int droppedShort() {
        return dropped;
    }

    @Override
    public ContrastiveBatch next(int batchSize) {
        batchStart = position();
        List<String> anchors = new ArrayList<>(batchSize);
        List<String> positives = new ArrayList<>(batchSize);
        List<String> negatives = new ArrayList<>(batchSize * negativesPerAnchor);
        for (int i = 0; i < batchSize; i++) {
            TrainingExample e = examples.get(nextUnit());
            anchors.add(e.anchor());
            positives.add(e.positive());
            negatives.addAll(e.negatives());
        }
        return new ContrastiveBatch(anchors, positives, 1, negatives, negativesPerAnchor);
    }

    @Override
    public void seek(long position) {
        super.seek(position);
        this.batchStart = position;
    }

    @Override
    public InfoNceLoss loss() {
        return loss;
    }

    /** InfoNCE over in-batch positives, the anchor's mined negatives and (MoCHi) its synthetic ones. */
    @Override
    public NDArray lossOf(ContrastiveBatch batch, NDList embeddings) {
        NDArray anchors = embeddings.get(0);
        NDArray positives = embeddings.get(1);
        long b = batch.size();
        long d = anchors.getShape().get(1);
        NDArray hard = batch.negativesPerAnchor() > 0
                ? embeddings.get(2).reshape(new Shape(b, batch.negativesPerAnchor(), d)) : null;
        if (mixer != null) {
            List<NDArray> inBatch = new ArrayList<>();
            inBatch.add(positives);
            if (loss.viewNegatives()) inBatch.add(anchors);
            NDArray synthetic = mixer.synthesize(anchors, inBatch, hard, null, batchStart);
            hard = hard == null ? synthetic : NDArrays.concat(new NDList(hard, synthetic), 1);
        }
        return loss.compute(anchors, positives, hard, null);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("objective", name());
        d.put("pairs", examples.size());
        d.put("hard_negatives_per_anchor", negativesPerAnchor);
        d.put("dropped_fewer_negatives", dropped);
        d.put("temperature", loss.temperature());
        d.put("symmetric", loss.symmetric());
        d.put("debiased_tau_plus", loss.tauPlus());
        d.put("mochi", mixer == null ? null : mixer.describe());
        d.put("seed", seed);
        return d;
    }
}
