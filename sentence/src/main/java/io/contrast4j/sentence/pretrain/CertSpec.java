package io.contrast4j.sentence.pretrain;

import io.contrast4j.core.progress.Progress;
import io.contrast4j.data.augment.CachingTranslator;
import io.contrast4j.data.augment.IdentityTranslator;
import io.contrast4j.data.augment.Translation;
import io.contrast4j.data.augment.Translator;
import io.contrast4j.sentence.objective.CertObjective;
import io.contrast4j.sentence.train.MomentumContrast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * CERT (Fang et al. 2020, Sec. 3): the query is a sentence, its key the sentence's back-translation
 * (e.g. Apertium English -> Spanish -> English, usually through a {@link CachingTranslator}), scored
 * by momentum contrast against a queue of earlier keys. Sentences whose back-translation failed or
 * came back unchanged (no second view) are dropped, except with an {@link IdentityTranslator}: that
 * control keeps every sentence as its own key.
 *
 * @param translator the back-translator (the caller owns and closes it); any {@link Translator},
 *     e.g. a fixed in-memory one in tests
 * @param momentumContrast MoCo settings (its temperature is CERT's)
 * @param progress show the back-translation progress on stderr
 */
public record CertSpec(Path corpus, int maxSentences, int minWords, Translator translator, MomentumContrast momentumContrast,
        boolean progress) implements ObjectiveSpec {

    public CertSpec {
        if (maxSentences < 1) throw new IllegalArgumentException("maxSentences: must be >= 1, got " + maxSentences);
        if (minWords < 0) throw new IllegalArgumentException("minWords: must be >= 0, got " + minWords);
        Objects.requireNonNull(translator, "translator");
        Objects.requireNonNull(momentumContrast, "momentumContrast");
    }

    @Override
    public String name() {
        return "cert";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        CorpusText.requireFile(corpus);
        List<String> sentences = CorpusText.sentences(corpus, minWords, maxSentences);
        if (sentences.size() < batchSize) {
            throw new IllegalArgumentException("corpus " + corpus + ": only " + sentences.size() + " lines of " + minWords
                    + "+ words, fewer than batchSize " + batchSize);
        }
        // Augmentations: computed once, then reused from the cache by every later run.
        long t0 = System.nanoTime();
        long hitsBefore = translator instanceof CachingTranslator c ? c.hits() : 0;
        List<Translation> translations;
        try (Progress bar = progress ? Progress.start("backtranslate", sentences.size(), "sent") : null) {
            translations = translator.translate(sentences, n -> {
                if (bar != null) bar.stepBy(n);
            });
        }
        long fromCache = translator instanceof CachingTranslator c ? c.hits() - hitsBefore : 0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        // The identity control keeps each sentence as its own key; a back-translation that came back
        // unchanged gives no second view and is dropped.
        boolean identity = translator instanceof IdentityTranslator;
        List<String> queries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int failed = 0, unchanged = 0;
        for (Translation t : translations) {
            if (!t.succeeded()) {
                failed++;
            } else if (t.target().isBlank() || !identity && t.target().equalsIgnoreCase(t.source().strip())) {
                unchanged++;
            } else {
                queries.add(t.source());
                keys.add(t.target());
            }
        }
        if (queries.size() < batchSize) {
            throw new IllegalArgumentException("corpus " + corpus + ": only " + queries.size()
                    + " usable back-translated pairs, fewer than batchSize " + batchSize);
        }
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("pairs", queries.size());
        notes.put("backtranslation_failed", failed);
        notes.put("backtranslation_unchanged", unchanged);
        notes.put("backtranslation_from_cache", fromCache);
        notes.put("backtranslation_seconds", seconds);
        notes.put("translator", translator.name());
        String summary = String.format(Locale.ROOT,
                "cert: %d sentences, %d back-translated pairs (%d from cache, %.1f s), %d failed, %d unchanged (dropped)",
                sentences.size(), queries.size(), fromCache, seconds, failed, unchanged);
        CertObjective o = new CertObjective(queries, keys, seed, momentumContrast.temperature());
        return new PreparedObjective(o, momentumContrast, List.of(), List.of(corpus), notes, summary);
    }
}
