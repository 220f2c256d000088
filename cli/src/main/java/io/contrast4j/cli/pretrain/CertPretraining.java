package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.augment.BackTranslator;
import io.contrast4j.data.augment.CachingTranslator;
import io.contrast4j.data.augment.Translation;
import io.contrast4j.data.augment.TranslationCache;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.objective.CertObjective;
import io.contrast4j.sentence.train.MomentumContrastTrainer;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TrainerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CertPretraining() {}

    static int run(PretrainCommand c, Device device) throws IOException {
        CertOptions o = c.cert;
        PrintWriter err = c.spec.commandLine().getErr();
        if (c.resume) throw new UserInputException("--resume is not supported for --objective cert yet (the queue and key encoder are not checkpointed)");
        if (c.accumulation != 1 || c.gradCacheChunk != 0) {
            throw new UserInputException("--objective cert trains one batch per step: leave --accumulation 1 and --gradcache-chunk 0");
        }
        if (!(o.momentum >= 0 && o.momentum < 1)) throw new UserInputException("--momentum must be in [0, 1), got " + o.momentum);
        if (o.queueSize < 0) throw new UserInputException("--queue-size must be >= 0, got " + o.queueSize);
        if (o.queueSize == 0 && o.noInBatchKeys) throw new UserInputException("--queue-size 0 with --no-in-batch-keys leaves no negatives");
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
        float peak = c.lr != null ? c.lr : 3e-5f;
        int warm = c.warmup != null ? c.warmup : c.steps / 10;
        TrainerConfig config;
        try {
            config = new TrainerConfig(c.steps, c.batchSize, 1, peak, Math.min(warm, c.steps), c.weightDecay, c.maxGradNorm,
                    0, c.seed, 0, 1, 0, c.stopAfter, !c.quiet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training option: " + e.getMessage());
        }
        MomentumContrastLoss loss = new MomentumContrastLoss(o.mocoTemperature, !o.noInBatchKeys, c.tauPlus());
        try (SentenceModelTrainable query = new SentenceModelTrainable(Models.load(c.model, device), 64);
                SentenceModelTrainable key = new SentenceModelTrainable(Models.load(c.model, device), 64)) {
            MomentumContrastTrainer.Result r = new MomentumContrastTrainer(query, key, objective, config, loss,
                    o.momentum, o.queueSize, query.model().dimension(), c.out, null, c.mixer()).train();
            query.save(c.out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("objective", "cert");
            summary.put("model", c.model);
            summary.put("out", c.out.toString());
            summary.put("steps", r.steps());
            summary.put("first_loss", r.firstLoss());
            summary.put("last_loss", r.lastLoss());
            summary.put("train_seconds", r.seconds());
            summary.put("queue_filled", r.queueSize());
            summary.put("pairs", queries.size());
            summary.put("backtranslation_failed", failed);
            summary.put("backtranslation_unchanged", unchanged);
            summary.put("backtranslation_from_cache", fromCache);
            summary.put("backtranslation_seconds", translateSeconds);
            summary.put("device", device.toString());
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("momentum", o.momentum);
            cert.put("queue_size", o.queueSize);
            cert.put("temperature", o.mocoTemperature);
            cert.put("in_batch_keys", !o.noInBatchKeys);
            cert.put("debiased_tau_plus", c.tauPlus());
            cert.put("mochi", c.mixer() == null ? null : c.mixer().describe());
            cert.put("translator", back.name());
            cert.put("translation_cache", cacheDir.toString());
            provenance.config(config.asMap()).config("objective", objective.describe()).config("cert", cert)
                    .config("model", c.model).config("device", device.toString()).note("result", summary);
            provenance.output(c.out.resolve("model.safetensors"));
            provenance.writeTo(c.out);
            c.spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
            c.spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
