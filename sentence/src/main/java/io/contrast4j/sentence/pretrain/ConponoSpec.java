package io.contrast4j.sentence.pretrain;

import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.sentence.objective.ConponoObjective;
import io.contrast4j.sentence.objective.ConponoSampler;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CONPONO (Iter et al. 2020, Sec. 3): from an anchor sentence, pick the sentence k away (k = -K..K,
 * not 0) among the window, same-document and other-document negatives; one bilinear head W_k per
 * k; no MLM term. Documents are split into sentences with OpenNLP.
 *
 * @param k largest distance K
 * @param hardNegatives same-document sentences outside the window, per anchor
 * @param randomNegatives sentences of other documents, per anchor
 * @param temperature score c^T W_k t / T on unit vectors; 0 = the paper's raw dot products
 * @param headLearningRate peak learning rate of the heads W_k (NaN: the encoder's)
 */
public record ConponoSpec(Path corpus, int k, int hardNegatives, int randomNegatives, float temperature, float headLearningRate)
        implements ObjectiveSpec {

    public ConponoSpec {
        if (k < 1 || hardNegatives < 0 || randomNegatives < 0) {
            throw new IllegalArgumentException("k must be >= 1 and hardNegatives/randomNegatives >= 0, got "
                    + k + "/" + hardNegatives + "/" + randomNegatives);
        }
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature: must be >= 0, got " + temperature);
        if (!Float.isNaN(headLearningRate) && !(headLearningRate > 0)) {
            throw new IllegalArgumentException("headLearningRate: must be > 0, got " + headLearningRate);
        }
    }

    /** Contrast4J's defaults: K 2, 2 hard and 2 random negatives, T 0.1, heads on the encoder's rate. */
    public static ConponoSpec of(Path corpus) {
        return new ConponoSpec(corpus, 2, 2, 2, 0.1f, Float.NaN);
    }

    @Override
    public String name() {
        return "conpono";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        CorpusText.requireFile(corpus);
        SentenceSplitter splitter = SentenceSplitter.english();
        List<List<String>> docs = CorpusText.documents(corpus).stream().map(splitter::split).toList();
        ConponoSampler sampler;
        try {
            sampler = new ConponoSampler(docs, k, hardNegatives, randomNegatives);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("corpus " + corpus + ": " + e.getMessage() + " (lower k or hardNegatives)");
        }
        String summary = String.format(Locale.ROOT, "conpono: %d documents of %d+ sentences used, %d shorter ones skipped",
                sampler.usableDocuments(), sampler.minimumSentences(), sampler.skippedDocuments());
        return new PreparedObjective(new ConponoObjective(sampler, seed, headLearningRate, temperature), null, List.of(),
                List.of(corpus), Map.of("documents_skipped_too_short", sampler.skippedDocuments()), summary);
    }
}
