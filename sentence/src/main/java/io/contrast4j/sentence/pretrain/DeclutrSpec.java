package io.contrast4j.sentence.pretrain;

import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.objective.DeclutrObjective;
import io.contrast4j.sentence.objective.DeclutrSpanSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * DeCLUTR (Giorgi et al. 2021, Sec. 2): anchor and positive spans sampled from the same document
 * (Beta(4,2) / Beta(2,4) lengths), NT-Xent with in-batch negatives, no MLM term. Every
 * {@code holdoutEvery}-th usable document is held out of training for a retrieval measure.
 *
 * @param anchors anchors per document (batch size must be a multiple)
 * @param positives positives per anchor (averaged)
 * @param minSpan minimum span in words (paper: 32 tokens)
 * @param maxSpan maximum span in words (paper: 512 tokens)
 * @param positiveStrategy where positives lie relative to their anchor
 * @param holdoutEvery hold out every Nth usable document (0: none)
 */
public record DeclutrSpec(Path corpus, int anchors, int positives, int minSpan, int maxSpan,
        DeclutrSpanSampler.Strategy positiveStrategy, int holdoutEvery, float temperature, float tauPlus) implements ObjectiveSpec {

    public DeclutrSpec {
        Objects.requireNonNull(positiveStrategy, "positiveStrategy");
        if (holdoutEvery < 0) throw new IllegalArgumentException("holdoutEvery: must be >= 0, got " + holdoutEvery);
        Specs.temperature(temperature);
        Specs.tauPlus(tauPlus);
        try {
            new DeclutrSpanSampler(anchors, positives, minSpan, maxSpan, positiveStrategy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("anchors/positives/minSpan/maxSpan: " + e.getMessage());
        }
    }

    /** Contrast4J's defaults: 2 anchors, 2 positives, spans of 16..64 words, any position, 1 in 10 held out, tau 0.05. */
    public static DeclutrSpec of(Path corpus) {
        return new DeclutrSpec(corpus, 2, 2, 16, 64, DeclutrSpanSampler.Strategy.ANY, 10, 0.05f, 0f);
    }

    @Override
    public String name() {
        return "declutr";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        CorpusText.requireFile(corpus);
        if (batchSize % anchors != 0) {
            throw new IllegalArgumentException("batchSize " + batchSize + " must be a multiple of anchors " + anchors);
        }
        DeclutrSpanSampler sampler = new DeclutrSpanSampler(anchors, positives, minSpan, maxSpan, positiveStrategy);
        int min = sampler.minimumDocumentTokens();
        List<String> train = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        int skipped = 0;
        int usable = 0;
        for (String d : CorpusText.documents(corpus)) {
            if (CorpusText.words(d) < min) {
                skipped++;
            } else if (holdoutEvery > 0 && usable++ % holdoutEvery == holdoutEvery - 1) {
                heldOut.add(d);
            } else {
                train.add(d);
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("corpus " + corpus + ": no document has the " + min
                    + " words DeCLUTR needs (anchors x maxSpan x 2); lower maxSpan or use longer documents");
        }
        DeclutrObjective o = new DeclutrObjective(train, skipped, sampler, seed, new InfoNceLoss(temperature, true, true, tauPlus));
        String summary = String.format(Locale.ROOT, "declutr: %d documents of %d+ words (%d train, %d held out), %d shorter ones skipped",
                train.size() + heldOut.size(), min, train.size(), heldOut.size(), skipped);
        return new PreparedObjective(o, null, heldOut, List.of(corpus),
                Map.of("documents_skipped_too_short", skipped, "documents_held_out", heldOut.size()), summary);
    }
}
