package io.contrast4j.sentence.objective;

import io.contrast4j.sentence.loss.InfoNceLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CERT (Fang et al. 2020, "CERT: Contrastive Self-supervised Learning for Language Understanding",
 * Sec. 3): the query is a sentence, its key is the sentence's back-translation (English -> pivot ->
 * English), scored by MoCo against a queue of earlier keys. This class supplies the (sentence,
 * back-translation) pairs in a seeded per-epoch order; {@link
 * io.contrast4j.sentence.train.Trainer} with momentum contrast adds the key encoder and the queue.
 *
 * <p>{@link #loss()} is the in-batch InfoNCE at the same temperature, for a run without momentum
 * (the in-batch step of the {@code Trainer}); CERT itself uses {@link
 * io.contrast4j.sentence.loss.MomentumContrastLoss}.
 */
public final class CertObjective extends OrderedObjective {

    private final List<String> sentences;
    private final List<String> backTranslations;
    private final float temperature;

    /** @param backTranslations row i is the back-translation of sentence i */
    public CertObjective(List<String> sentences, List<String> backTranslations, long seed, float temperature) {
        super(seed);
        if (sentences.size() != backTranslations.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + backTranslations.size()
                    + " back-translations");
        }
        this.sentences = List.copyOf(sentences);
        this.backTranslations = List.copyOf(backTranslations);
        walk(this.sentences.size());
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return "cert";
    }

    @Override
    public ContrastiveBatch next(int batchSize) {
        List<String> queries = new ArrayList<>(batchSize);
        List<String> keys = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            int at = nextUnit();
            queries.add(sentences.get(at));
            keys.add(backTranslations.get(at));
        }
        return ContrastiveBatch.pairs(queries, keys);
    }

    @Override
    public InfoNceLoss loss() {
        return new InfoNceLoss(temperature, false, false);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("objective", name());
        d.put("pairs", sentences.size());
        d.put("key", "back-translation of the query sentence");
        d.put("temperature", temperature);
        d.put("seed", seed);
        return d;
    }
}
