package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.json.Json;
import io.contrast4j.cli.options.DataOptions;
import io.contrast4j.cli.options.EnumOption;
import io.contrast4j.cli.options.ModelOptions;
import io.contrast4j.cli.options.OutputOptions;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.augment.ApertiumTranslator;
import io.contrast4j.data.augment.BackTranslator;
import io.contrast4j.data.augment.CachingTranslator;
import io.contrast4j.data.augment.IdentityTranslator;
import io.contrast4j.data.augment.TranslationCache;
import io.contrast4j.data.augment.Translator;
import io.contrast4j.eval.heldout.HeldOutRetrieval;
import io.contrast4j.eval.sts.StsEvaluator;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.djl.DjlBootstrap;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.pretrain.CertSpec;
import io.contrast4j.sentence.pretrain.ConponoSpec;
import io.contrast4j.sentence.pretrain.DeclutrSpec;
import io.contrast4j.sentence.pretrain.InfoXlmSpec;
import io.contrast4j.sentence.pretrain.ObjectiveSpec;
import io.contrast4j.sentence.pretrain.PairsSpec;
import io.contrast4j.sentence.pretrain.PreparedObjective;
import io.contrast4j.sentence.pretrain.Pretraining;
import io.contrast4j.sentence.pretrain.SimCseSpec;
import io.contrast4j.sentence.train.MomentumContrast;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code contrast4j pretrain}: contrastive pretraining of a sentence encoder (SimCSE, DeCLUTR,
 * CONPONO, pairs, CERT, InfoXLM). Parses the options into the library's typed objective spec and
 * training arguments, runs {@link Pretraining}, prints the summary; the library's field-named
 * validation errors come back as one line naming the flags.
 */
@Command(
        name = "pretrain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Contrastive pretraining of a sentence encoder on unlabeled text.",
            "  simcse : unsupervised SimCSE (Gao et al. 2021): each sentence against itself, dropout as",
            "           the augmentation, in-batch negatives, temperature 0.05.",
            "  declutr: DeCLUTR (Giorgi et al. 2021): anchor and positive spans sampled from the same",
            "           document (Beta(4,2) / Beta(2,4) lengths), NT-Xent, no MLM term.",
            "  conpono: CONPONO (Iter et al. 2020): from an anchor sentence, pick the sentence k away",
            "           (k = -K..K, not 0) among the window, same-document and other-document negatives,",
            "           one bilinear head W_k per k, no MLM term.",
            "  pairs  : supervised pairs (--pairs anchor<TAB>positive, or --hard-negatives from 'contrast4j mine'):",
            "           in-batch negatives plus the anchor's mined hard negatives; --mochi adds synthetic ones.",
            "  cert, infoxlm: momentum contrast (see docs/cert.md, docs/infoxlm.md); --mochi mixes queue negatives.",
            "Writes a HuggingFace / sentence-transformers model folder to --out (loadable with",
            "--model DIR here and by Python), with provenance.json, train.log, loss.csv, loss.png,",
            "checkpoints/ (resumable with --resume, every objective) and best/ (best dev score). Prints a JSON summary."
        })
public final class PretrainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Json.PRETTY;
    private static final Pattern SCRATCH = Pattern.compile("scratch:(\\d+)x(\\d+)");

    /** {@code --objective}. */
    enum Objective {
        SIMCSE, DECLUTR, CONPONO, PAIRS, CERT, INFOXLM;

        boolean momentum() {
            return this == CERT || this == INFOXLM;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        static final class Converter implements CommandLine.ITypeConverter<Objective> {
            @Override
            public Objective convert(String value) {
                return EnumOption.parse(Objective.class, "--objective", value);
            }
        }
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--objective", required = true, converter = Objective.Converter.class,
            description = "simcse, declutr, conpono, pairs, cert or infoxlm.")
    Objective objective;

    @Mixin ModelOptions model = new ModelOptions();
    @Mixin DataOptions data = new DataOptions();
    @Mixin OutputOptions output = new OutputOptions();
    @Mixin TrainingOptions training = new TrainingOptions();
    @Mixin EvaluationOptions evaluation = new EvaluationOptions();
    @Mixin ObjectiveOptions options = new ObjectiveOptions();
    @Mixin CertOptions moco = new CertOptions();

    @Override
    public Integer call() throws IOException {
        DjlBootstrap.ensureOffline();
        checkOptions();
        Path out = output.out;
        if (Files.isRegularFile(out)) throw new UserInputException("--out is a file: " + out + " (give a folder)");
        if (!training.resume && Files.isDirectory(out.resolve("checkpoints"))) {
            throw new UserInputException("--out " + out + " already holds a run (checkpoints/): pass --resume to continue it, or a new --out");
        }
        if (training.resume && !Files.isDirectory(out.resolve("checkpoints"))) {
            throw new UserInputException("--resume: no checkpoints/ in " + out);
        }
        Device device = model.device.device();
        boolean scratch = SCRATCH.matcher(model.model).matches();
        TrainingArguments args = fromLibrary(() -> training.arguments(scratch, !output.quiet));
        Provenance provenance = Provenance.start("pretrain", spec.commandLine().getParseResult().originalArgs());
        try (Translator translator = objective == Objective.CERT ? translator(provenance) : null) {
            ObjectiveSpec objectiveSpec = fromLibrary(() -> objectiveSpec(translator));
            Pretraining run = Pretraining.builder()
                    .objective(objectiveSpec)
                    .model(() -> loadModel(device, args.seed()))
                    .modelName(model.model)
                    .args(args)
                    .evaluator(this::devEvaluator)
                    .report(this::reportEvaluators)
                    .outputDir(out)
                    .provenance(provenance)
                    .log(spec.commandLine().getErr())
                    .build();
            Pretraining.PretrainingResult result = fromLibrary(() -> {
                try {
                    return run.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            spec.commandLine().getOut().println(JSON.writeValueAsString(result.summary()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** The typed spec of the chosen objective (validated by the library). */
    private ObjectiveSpec objectiveSpec(Translator translator) {
        ObjectiveOptions o = options;
        return switch (objective) {
            case SIMCSE -> new SimCseSpec(data.corpus, o.maxSentences, o.minWords, o.temperature, tauPlus());
            case DECLUTR -> new DeclutrSpec(data.corpus, o.anchors, o.positives, o.minSpan, o.maxSpan, o.positiveStrategy,
                    o.holdoutEvery, o.temperature, tauPlus());
            case CONPONO -> new ConponoSpec(data.corpus, o.conponoK, o.conponoHardNegatives, o.conponoRandomNegatives,
                    o.conponoTemperature, o.headLr == null ? Float.NaN : o.headLr);
            case PAIRS -> new PairsSpec(data.pairs, o.hardNegativesFile, o.negativesPerAnchor, o.temperature, tauPlus(), mixer());
            case CERT -> new CertSpec(data.corpus, o.maxSentences, o.minWords, translator, momentumContrast(), !output.quiet);
            case INFOXLM -> new InfoXlmSpec(data.pairs, momentumContrast());
        };
    }

    private MomentumContrast momentumContrast() {
        return new MomentumContrast(moco.momentum, moco.queueSize, moco.mocoTemperature, !moco.noInBatchKeys, tauPlus(), mixer());
    }

    /** CERT's key view: Apertium English -> Spanish -> English behind the on-disk cache, or the identity control. */
    private Translator translator(Provenance provenance) {
        Map<String, Object> cert = new LinkedHashMap<>(fromLibrary(this::momentumContrast).describe());
        Translator translator;
        Path cacheDir = null;
        if (moco.augmentation == CertOptions.Augmentation.identity) {
            translator = new IdentityTranslator();
        } else {
            int workers = moco.translationWorkers != null ? moco.translationWorkers : ApertiumTranslator.defaultWorkers();
            cacheDir = moco.translationCache != null ? moco.translationCache : TranslationCache.defaultDirectory();
            BackTranslator back = BackTranslator.apertium(workers, ApertiumTranslator.DEFAULT_MAX_BATCH);
            translator = new CachingTranslator(back, new TranslationCache(cacheDir, back.name()),
                    workers * ApertiumTranslator.DEFAULT_MAX_BATCH);
        }
        cert.put("translator", translator.name());
        if (cacheDir != null) cert.put("translation_cache", cacheDir.toString());
        provenance.config("cert", cert);
        return translator;
    }

    /** The debiased loss's tau+, 0 when --debiased is not given. */
    private float tauPlus() {
        return options.debiased == null ? 0f : options.debiased;
    }

    /** MoCHi from --mochi, or null. */
    private HardNegativeMixer mixer() {
        if (options.mochi == null) return null;
        try {
            return HardNegativeMixer.parse(options.mochi, training.seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--mochi: " + e.getMessage());
        }
    }

    /** One-line errors for options given to an objective that cannot use them (which flag goes with which objective is the CLI's business). */
    private void checkOptions() {
        ObjectiveOptions o = options;
        if (o.debiased != null && !(o.debiased > 0 && o.debiased < 1)) {
            throw new UserInputException("--debiased: tau+ must be in (0, 1), got " + o.debiased);
        }
        if (o.headLr != null && objective != Objective.CONPONO) {
            throw new UserInputException("--head-lr applies to --objective conpono only (the other objectives have no heads)");
        }
        if (o.debiased != null && objective == Objective.CONPONO) {
            throw new UserInputException("--debiased does not apply to --objective conpono (it scores with bilinear heads, not InfoNCE)");
        }
        if (o.mochi != null) {
            if (objective != Objective.PAIRS && !objective.momentum()) {
                throw new UserInputException("--mochi works with --objective pairs, cert or infoxlm, not " + objective);
            }
            mixer(); // validates N,s,s'
        }
        if (o.hardNegativesFile != null && objective != Objective.PAIRS) {
            throw new UserInputException("--hard-negatives is for --objective pairs");
        }
        boolean hasPairs = data.pairs != null && !data.pairs.isEmpty();
        switch (objective) {
            case PAIRS -> {
                if (data.corpus != null) throw new UserInputException("--objective pairs reads --pairs or --hard-negatives, not --corpus");
                if (hasPairs == (o.hardNegativesFile != null)) {
                    throw new UserInputException("--objective pairs needs either --pairs FILE.tsv (in-batch negatives) or"
                            + " --hard-negatives FILE.tsv (from 'contrast4j mine'), not both");
                }
            }
            case INFOXLM -> {
                if (!hasPairs) throw new UserInputException("--objective infoxlm needs --pairs FILE.tsv (source<TAB>target)");
                if (data.corpus != null) throw new UserInputException("--objective infoxlm reads --pairs, not --corpus");
                if (model.model.startsWith("scratch:")) {
                    throw new UserInputException("--objective infoxlm starts from a pretrained --model (minilm or a folder)");
                }
            }
            default -> {
                if (data.corpus == null) throw new UserInputException("--corpus is required for --objective " + objective);
            }
        }
    }

    private SentenceModelTrainable loadModel(Device dev, long seed) {
        Matcher m = SCRATCH.matcher(model.model);
        if (m.matches()) {
            int layers = Integer.parseInt(m.group(1));
            int hidden = Integer.parseInt(m.group(2));
            int heads = Math.max(1, hidden / 64);
            if (hidden % heads != 0 || layers < 1) {
                throw new UserInputException("--model " + model.model + ": need LAYERS >= 1 and HIDDEN a multiple of 64");
            }
            BertConfig config = new BertConfig(30522, hidden, layers, heads, 4 * hidden, 512, 2, 1e-12, 0.1, 0.1, 0);
            return SentenceModelTrainable.fromScratch(config, 256, seed, dev);
        }
        return new SentenceModelTrainable(Models.load(model.model, dev), 64);
    }

    /** --dev: STS-B dev (eval's StsEvaluator), DeCLUTR's held-out documents, or none. */
    private Evaluator devEvaluator(PreparedObjective prepared) {
        EvaluationOptions e = evaluation;
        List<String> heldOut = prepared.heldOut();
        Optional<Path> found = data.dataDir != null ? Optional.of(data.dataDir) : DataDirectory.fromEnvironment();
        return switch (e.dev) {
            case NONE -> null;
            case HELDOUT -> {
                if (heldOut.isEmpty()) throw new UserInputException("--dev heldout needs --objective declutr with held-out documents");
                yield heldOut(heldOut);
            }
            case AUTO -> {
                if (objective == Objective.DECLUTR && !heldOut.isEmpty() && found.isEmpty()) yield heldOut(heldOut);
                yield found.isEmpty() ? null : StsEvaluator.stsBenchmarkDev(DataDirectory.resolve(found.get()));
            }
            case STSB -> StsEvaluator.stsBenchmarkDev(DataDirectory.resolve(data.dataDir));
        };
    }

    private HeldOutRetrieval heldOut(List<String> documents) {
        return new HeldOutRetrieval(documents, evaluation.heldoutChunk, evaluation.heldoutChunks, 32, evaluation.heldoutQueries,
                training.seed);
    }

    /** --report: the STS suite ("sts") and, with held-out documents, their retrieval ("heldout_retrieval"). */
    private Map<String, Evaluator> reportEvaluators(PreparedObjective prepared) {
        Map<String, Evaluator> m = new LinkedHashMap<>();
        if (!evaluation.report) return m;
        List<String> tasks = evaluation.reportTasks;
        boolean noSts = tasks != null && tasks.size() == 1 && tasks.get(0).equalsIgnoreCase("none");
        if (!noSts) {
            try {
                m.put("sts", StsEvaluator.suite(DataDirectory.resolve(data.dataDir), tasks));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--report-tasks: " + e.getMessage().replaceFirst("^tasks: ", ""));
            }
        }
        if (!prepared.heldOut().isEmpty()) m.put("heldout_retrieval", heldOut(prepared.heldOut()));
        return m;
    }

    // ---- library field names -> flags -------------------------------------------------------

    /** Runs library code; an IllegalArgumentException (fields named) becomes a one-line user error naming flags. */
    private <T> T fromLibrary(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (UserInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UserInputException(flags(e.getMessage()));
        }
    }

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("corpus", "--corpus"), Map.entry("pairs", "--pairs"), Map.entry("outputDir", "--out"),
            Map.entry("steps", "--steps"), Map.entry("batchSize", "--batch-size"), Map.entry("accumulation", "--accumulation"),
            Map.entry("learningRate", "--lr"), Map.entry("warmupSteps", "--warmup"), Map.entry("weightDecay", "--weight-decay"),
            Map.entry("maxGradNorm", "--max-grad-norm"), Map.entry("gradCacheChunk", "--gradcache-chunk"),
            Map.entry("checkpointEvery", "--checkpoint-every"), Map.entry("evalEvery", "--eval-every"),
            Map.entry("maxSentences", "--max-sentences"), Map.entry("minWords", "--min-words"), Map.entry("tauPlus", "--debiased"),
            Map.entry("anchors", "--anchors"), Map.entry("positives", "--positives"), Map.entry("minSpan", "--min-span"),
            Map.entry("maxSpan", "--max-span"), Map.entry("holdoutEvery", "--holdout-every"), Map.entry("k", "--k"),
            Map.entry("hardNegatives", "--conpono-hard-negatives"), Map.entry("randomNegatives", "--conpono-random-negatives"),
            Map.entry("headLearningRate", "--head-lr"), Map.entry("hardNegativesFile", "--hard-negatives"),
            Map.entry("negativesPerAnchor", "--negatives-per-anchor"), Map.entry("mixer", "--mochi"),
            Map.entry("momentum", "--momentum"), Map.entry("queueSize", "--queue-size"), Map.entry("inBatchKeys", "--no-in-batch-keys"));

    /**
     * Rewrites a library message's field names as this command's flags: the leading field(s) (the
     * message's subject, e.g. "corpus x: ..." or "anchors/positives: ...") and camelCase field names
     * anywhere (plain words elsewhere stay words).
     */
    String flags(String message) {
        Map<String, String> table = new LinkedHashMap<>(FLAGS);
        table.put("temperature", switch (objective) {
            case CONPONO -> "--conpono-temperature";
            case CERT, INFOXLM -> "--moco-temperature";
            default -> "--temperature";
        });
        Matcher lead = Pattern.compile("^([A-Za-z]+(?:/[A-Za-z]+)*)(?=[: ])").matcher(message);
        String rest = message;
        StringBuilder out = new StringBuilder();
        if (lead.find()) {
            String[] parts = lead.group(1).split("/");
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) out.append('/');
                out.append(table.getOrDefault(parts[i], parts[i]));
            }
            rest = message.substring(lead.end());
            if (rest.startsWith(": must ")) rest = rest.substring(1); // "--momentum must be ..." reads better
        }
        for (Map.Entry<String, String> e : table.entrySet()) {
            if (!e.getKey().equals(e.getKey().toLowerCase(Locale.ROOT))) {
                rest = rest.replaceAll("\\b" + e.getKey() + "\\b", Matcher.quoteReplacement(e.getValue()));
            }
        }
        return out + rest;
    }
}
