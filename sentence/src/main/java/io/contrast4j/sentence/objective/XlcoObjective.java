package io.contrast4j.sentence.objective;

import io.contrast4j.data.parallel.HeldOutSplit;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.loss.InfoNceLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * InfoXLM's cross-lingual contrast task, XLCo (Chi et al. 2021, "InfoXLM", Sec. 3.2): a sentence
 * and its translation are a positive pair; the query encoder embeds one side, the momentum (key)
 * encoder the other, and the queue of earlier keys supplies the negatives. The languages alternate
 * between query and key: even batches query with the English side, odd batches with the
 * translation, so that both directions are learned and the queue holds keys of both languages.
 *
 * <p>Pairs whose English side falls in the fixed {@link HeldOutSplit} are dropped here, whatever
 * file they come from, so that the bitext test pairs are never trained on.
 */
public final class XlcoObjective extends OrderedObjective {

    private final List<TranslationPair> pairs;
    private final int droppedHeldOut;
    private final InfoNceLoss loss;

    public XlcoObjective(List<TranslationPair> pairs, long seed) {
        this(pairs, seed, new InfoNceLoss(0.05f, false, false));
    }

    /** {@code loss} is the in-batch InfoNCE for {@link #loss()}; the momentum trainer uses its own MoCo loss. */
    public XlcoObjective(List<TranslationPair> pairs, long seed, InfoNceLoss loss) {
        super(seed);
        this.loss = loss;
        List<TranslationPair> kept = new ArrayList<>(pairs.size());
        for (TranslationPair p : pairs) {
            if (!HeldOutSplit.isHeldOut(p.source())) kept.add(p);
        }
        if (kept.isEmpty()) throw new IllegalArgumentException("no training pairs outside the held-out split");
        this.pairs = List.copyOf(kept);
        this.droppedHeldOut = pairs.size() - kept.size();
        walk(this.pairs.size());
    }

    @Override
    public String name() {
        return "infoxlm";
    }

    /** The next batch: {@code anchors} go to the query encoder, {@code positives} to the key encoder. */
    @Override
    public ContrastiveBatch next(int batchSize) {
        // Alternation is a function of the data position, so a run that seeks resumes in step.
        boolean englishQueries = (position() / batchSize) % 2 == 0;
        List<String> queries = new ArrayList<>(batchSize);
        List<String> keys = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            TranslationPair p = pairs.get(nextUnit());
            queries.add(englishQueries ? p.source() : p.target());
            keys.add(englishQueries ? p.target() : p.source());
        }
        return ContrastiveBatch.pairs(queries, keys);
    }

    @Override
    public InfoNceLoss loss() {
        return loss;
    }

    public int pairs() {
        return pairs.size();
    }

    public int droppedHeldOut() {
        return droppedHeldOut;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("objective", name());
        d.put("pairs", pairs.size());
        d.put("dropped_heldout_pairs", droppedHeldOut);
        d.put("direction", "alternating: even batches English queries, odd batches translation queries");
        d.put("seed", seed);
        return d;
    }
}
