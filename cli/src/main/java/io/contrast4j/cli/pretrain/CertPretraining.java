package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.augment.BackTranslator;
import io.contrast4j.data.augment.CachingTranslator;
import io.contrast4j.data.augment.Translation;
import io.contrast4j.data.augment.TranslationCache;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.sentence.objective.CertObjective;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code pretrain --objective cert}: reads the corpus sentences, back-translates them through
 * Apertium English -> Spanish -> English (answered from the on-disk cache when already done),
 * drops those whose back-translation failed or came back identical (no second view), and trains
 * with MoCo: query = sentence, key = its back-translation from a momentum encoder, a queue of
 * negatives (Fang et al. 2020; He et al. 2020).
 */
final class CertPretraining {

    private CertPretraining() {}

    static int run(PretrainCommand c, Device device) throws IOException {
        CertOptions o = c.cert;
        PrintWriter err = c.spec.commandLine().getErr();
        MomentumContrastRun.checkOptions(c, "cert");
        Provenance provenance = Provenance.start("pretrain", c.spec.commandLine().getParseResult().originalArgs())
                .seed(c.seed).input(c.corpus);

        List<String> sentences = new ArrayList<>();
        try (Stream<Document> docs = Corpora.open(c.corpus).documents()) {
            docs.map(d -> d.text().strip()).filter(t -> t.split("\\s+").length >= c.minWords).limit(c.maxSentences)
                    .forEach(sentences::add);
        }
        if (sentences.size() < c.batchSize) {
            throw new UserInputException("--corpus " + c.corpus + ": only " + sentences.size() + " lines of " + c.minWords
                    + "+ words, fewer than --batch-size " + c.batchSize);
        }
        // Augmentations: computed once, then reused from the cache by every later run.
        int workers = o.translationWorkers != null ? o.translationWorkers : Runtime.getRuntime().availableProcessors();
        Path cacheDir = o.translationCache != null ? o.translationCache : TranslationCache.defaultDirectory();
        List<Translation> translations;
        long fromCache;
        long t0 = System.nanoTime();
        BackTranslator back = BackTranslator.apertium(workers, 1000);
        try (CachingTranslator t = new CachingTranslator(back, new TranslationCache(cacheDir, back.name()), 4000);
                ProgressBar bar = c.quiet ? null : new ProgressBarBuilder().setTaskName("backtranslate")
                        .setInitialMax(sentences.size()).setStyle(ProgressBarStyle.ASCII).setUnit(" sent", 1).showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            translations = t.translate(sentences, n -> {
                if (bar != null) bar.stepBy(n);
            });
            fromCache = t.hits();
        }
        double translateSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> queries = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        int failed = 0, unchanged = 0;
        for (Translation t : translations) {
            if (!t.succeeded()) {
                failed++;
            } else if (t.target().isBlank() || t.target().equalsIgnoreCase(t.source().strip())) {
                unchanged++;
            } else {
                queries.add(t.source());
                keys.add(t.target());
            }
        }
        err.printf(Locale.ROOT, "cert: %d sentences, %d back-translated pairs (%d from cache, %.1f s), %d failed, %d unchanged (dropped)%n",
                sentences.size(), queries.size(), fromCache, translateSeconds, failed, unchanged);
        err.flush();
        if (queries.size() < c.batchSize) {
            throw new UserInputException("--corpus " + c.corpus + ": only " + queries.size() + " usable back-translated pairs, fewer than --batch-size " + c.batchSize);
        }
        CertObjective objective = new CertObjective(queries, keys, c.seed, o.mocoTemperature);
        TrainingArguments config = MomentumContrastRun.config(c);
        io.contrast4j.sentence.train.TrainingResult r = MomentumContrastRun.train(c, device, objective, config);
        Map<String, Object> summary = MomentumContrastRun.summary(c, "cert", r, device);
        summary.put("pairs", queries.size());
        summary.put("backtranslation_failed", failed);
        summary.put("backtranslation_unchanged", unchanged);
        summary.put("backtranslation_from_cache", fromCache);
        summary.put("backtranslation_seconds", translateSeconds);
        Map<String, Object> cert = MomentumContrastRun.describe(c);
        cert.put("translator", back.name());
        cert.put("translation_cache", cacheDir.toString());
        provenance.config(config.asMap()).config("objective", objective.describe()).config("cert", cert)
                .config("model", c.model).config("device", device.toString()).note("result", summary);
        MomentumContrastRun.finish(c, provenance, summary);
        return 0;
    }
}
