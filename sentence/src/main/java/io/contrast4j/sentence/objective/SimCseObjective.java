package io.contrast4j.sentence.objective;

import io.contrast4j.sentence.loss.InfoNceLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unsupervised SimCSE (Gao, Yao and Chen 2021, Sec. 3): each sentence is its own positive; the two
 * views differ only by the encoder's dropout masks (the trainer runs the anchors and positives
 * through separate forward passes in training mode). In-batch negatives, tau = 0.05.
 */
public final class SimCseObjective extends OrderedObjective {

    private final List<String> sentences;
    private final InfoNceLoss loss;

    public SimCseObjective(List<String> sentences, long seed, InfoNceLoss loss) {
        super(seed);
        this.sentences = List.copyOf(sentences);
        walk(this.sentences.size());
        this.loss = loss;
    }

    public SimCseObjective(List<String> sentences, long seed) {
        this(sentences, seed, InfoNceLoss.simcse());
    }

    @Override
    public String name() {
        return "simcse";
    }

    @Override
    public ContrastiveBatch next(int batchSize) {
        List<String> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(sentences.get(nextUnit()));
        }
        return ContrastiveBatch.pairs(batch, batch);
    }

    @Override
    public InfoNceLoss loss() {
        return loss;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("objective", name());
        d.put("sentences", sentences.size());
        d.put("temperature", loss.temperature());
        d.put("seed", seed);
        return d;
    }
}
