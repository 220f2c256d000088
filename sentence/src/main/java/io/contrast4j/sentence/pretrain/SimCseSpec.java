package io.contrast4j.sentence.pretrain;

import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.objective.SimCseObjective;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Unsupervised SimCSE (Gao et al. 2021, Sec. 3): each sentence against itself, dropout as the
 * augmentation, in-batch negatives.
 *
 * @param corpus sentences, one document a line (plain, paragraphs, JSONL; gzip ok)
 * @param maxSentences read at most this many
 * @param minWords skip lines with fewer words
 * @param temperature InfoNCE temperature (paper: 0.05)
 * @param tauPlus debiased contrastive loss class prior (Chuang et al. 2020); 0 is plain InfoNCE
 */
public record SimCseSpec(Path corpus, int maxSentences, int minWords, float temperature, float tauPlus) implements ObjectiveSpec {

    public SimCseSpec {
        if (maxSentences < 1) throw new IllegalArgumentException("maxSentences: must be >= 1, got " + maxSentences);
        if (minWords < 0) throw new IllegalArgumentException("minWords: must be >= 0, got " + minWords);
        Specs.temperature(temperature);
        Specs.tauPlus(tauPlus);
    }

    /** The paper's setting on {@code corpus}: tau 0.05, sentences of 4+ words, at most 200,000. */
    public static SimCseSpec of(Path corpus) {
        return new SimCseSpec(corpus, 200_000, 4, 0.05f, 0f);
    }

    @Override
    public String name() {
        return "simcse";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        CorpusText.requireFile(corpus);
        List<String> sentences = CorpusText.sentences(corpus, minWords, maxSentences);
        if (sentences.size() < batchSize) {
            throw new IllegalArgumentException("corpus " + corpus + ": only " + sentences.size() + " lines of " + minWords
                    + "+ words, fewer than batchSize " + batchSize);
        }
        SimCseObjective o = new SimCseObjective(sentences, seed, new InfoNceLoss(temperature, false, false, tauPlus));
        return new PreparedObjective(o, null, List.of(), List.of(corpus), Map.of(),
                "simcse: " + sentences.size() + " sentences of " + minWords + "+ words");
    }
}
