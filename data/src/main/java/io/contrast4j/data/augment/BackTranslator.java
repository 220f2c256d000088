package io.contrast4j.data.augment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Back-translation (Sennrich et al. 2016; CERT's augmentation, Fang et al. 2020, Sec. 3.2): a
 * sentence translated into a pivot language and back gives a paraphrase with the same meaning and
 * different wording, the positive view of the sentence for contrastive learning.
 *
 * <p>Either any two translators run one after the other ({@link #of}), or, for Apertium, both
 * directions in one Apertium job per batch ({@link #apertium}), which keeps a batch on one worker. Each
 * input gives one {@link Translation}; a sentence that fails in either direction is reported with
 * the direction that failed.
 */
public final class BackTranslator implements Translator {

    private final Translator forward;
    private final Translator backward;
    private final Translator fused;

    private BackTranslator(Translator forward, Translator backward, Translator fused) {
        this.forward = forward;
        this.backward = backward;
        this.fused = fused;
    }

    /** Round trip through any pair of translators (e.g. a user's MT server for both directions). */
    public static BackTranslator of(Translator forward, Translator backward) {
        return new BackTranslator(forward, backward, null);
    }

    /** English -> Spanish -> English with Apertium ({@code eng-spa}, then {@code spa-eng}). */
    public static BackTranslator apertium(int workers, int batchSize) {
        return apertium("eng-spa", "spa-eng", workers, batchSize);
    }

    /** A round trip through two Apertium modes, both run on each batch by the same worker. */
    public static BackTranslator apertium(String forwardMode, String backwardMode, int workers, int batchSize) {
        return new BackTranslator(null, null,
                new ApertiumTranslator(List.of(forwardMode, backwardMode), workers, batchSize, Duration.ofMillis(50)));
    }

    @Override
    public String name() {
        return fused != null ? "backtranslate:" + fused.name() : "backtranslate:" + forward.name() + ">" + backward.name();
    }

    @Override
    public List<Translation> translate(List<String> sources, IntConsumer progress) {
        if (fused != null) return fused.translate(sources, progress);
        List<Translation> pivot = forward.translate(sources, n -> {});
        List<String> ok = new ArrayList<>();
        for (Translation t : pivot) if (t.succeeded()) ok.add(t.target());
        List<Translation> back = backward.translate(ok, progress);
        List<Translation> out = new ArrayList<>(sources.size());
        int j = 0;
        for (int i = 0; i < sources.size(); i++) {
            Translation t = pivot.get(i);
            if (!t.succeeded()) {
                out.add(Translation.failed(sources.get(i), "forward (" + forward.name() + "): " + t.error()));
                progress.accept(1);
                continue;
            }
            Translation b = back.get(j++);
            out.add(b.succeeded() ? Translation.ok(sources.get(i), b.target())
                    : Translation.failed(sources.get(i), "backward (" + backward.name() + "): " + b.error()));
        }
        return out;
    }

    @Override
    public void close() {
        if (fused != null) fused.close();
        if (forward != null) forward.close();
        if (backward != null) backward.close();
    }
}
