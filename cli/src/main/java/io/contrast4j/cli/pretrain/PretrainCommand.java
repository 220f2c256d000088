package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.djl.DjlBootstrap;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.objective.ConponoObjective;
import io.contrast4j.sentence.objective.ConponoSampler;
import io.contrast4j.sentence.objective.DeclutrObjective;
import io.contrast4j.sentence.objective.DeclutrSpanSampler;
import io.contrast4j.sentence.objective.PairObjective;
import io.contrast4j.sentence.objective.PretrainingObjective;
import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.negatives.PairsTsv;
import io.contrast4j.sentence.negatives.TrainingExample;
import io.contrast4j.sentence.objective.SimCseObjective;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainingResult;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.eval.heldout.HeldOutRetrieval;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.eval.sts.StsEvaluator;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j pretrain}: contrastive pretraining of a sentence encoder (SimCSE, DeCLUTR, CONPONO, pairs, CERT, InfoXLM). */
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
            "checkpoints/ (resumable with --resume) and best/ (best dev score). Prints a JSON summary."
        })
public final class PretrainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern SCRATCH = Pattern.compile("scratch:(\\d+)x(\\d+)");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--objective", required = true, description = "simcse, declutr, conpono, pairs, cert or infoxlm.")
    String objective;

    @Option(names = "--model", defaultValue = "minilm",
            description = "minilm, a model folder, or scratch:LAYERSxHIDDEN (random init, MiniLM vocabulary)"
                    + " (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--corpus", description = "Training text: one document a line, paragraphs, or JSONL (gzip ok); not for infoxlm.")
    Path corpus;

    @Option(names = "--out", required = true, description = "Run / model folder to write.")
    Path out;

    @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "32", description = "Anchors per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--accumulation", defaultValue = "1", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}).")
    int accumulation;

    @Option(names = "--lr", description = "Peak learning rate (default: 3e-5 pretrained, 5e-4 scratch).")
    Float lr;

    @Option(names = "--warmup", description = "Warmup steps (default: 10% of --steps).")
    Integer warmup;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Global-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    float maxGradNorm;

    @Option(names = "--gradcache-chunk", defaultValue = "0",
            description = "GradCache mini-batch size: batches larger than memory, same gradients; 0 = off (default: ${DEFAULT-VALUE}).")
    int gradCacheChunk;

    @Option(names = "--temperature", defaultValue = "0.05", description = "InfoNCE temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for data order, spans, dropout, init (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Checkpoint interval in steps (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--eval-every", defaultValue = "0", description = "Dev evaluation interval, 0 = at the end only (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--dev", defaultValue = "auto",
            description = "Dev task for --eval-every and best/: stsb (STS-B dev, needs --data-dir or CONTRAST4J_DATA),"
                    + " heldout (held-out document retrieval, declutr), none, auto (default: ${DEFAULT-VALUE}).")
    String dev;

    @Option(names = "--data-dir", description = "Datasets folder (default: $CONTRAST4J_DATA).")
    Path dataDir;

    @Option(names = "--report", description = "Measure before and after: STS average (all STS sets found) and,"
            + " for declutr, held-out document retrieval; written to report.json.")
    boolean report;

    @Option(names = "--report-tasks", split = ",",
            description = "STS tasks for --report, e.g. STSBenchmark,STS12, or none (default: every STS set found).")
    List<String> reportTasks;

    @Option(names = "--heldout-chunk", defaultValue = "128", description = "Held-out retrieval: words per document chunk (default: ${DEFAULT-VALUE}).")
    int heldoutChunk;

    @Option(names = "--heldout-chunks", defaultValue = "8", description = "Held-out retrieval: chunks per document (default: ${DEFAULT-VALUE}).")
    int heldoutChunks;

    @Option(names = "--heldout-queries", defaultValue = "4", description = "Held-out retrieval: 32-word query spans per document (default: ${DEFAULT-VALUE}).")
    int heldoutQueries;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --out.")
    boolean resume;

    @Option(names = "--stop-after", defaultValue = "-1", hidden = true, description = "Stop after N steps (simulated interruption).")
    int stopAfter;

    @Option(names = "--anchors", defaultValue = "2", description = "DeCLUTR anchors per document (default: ${DEFAULT-VALUE}).")
    int anchors;

    @Option(names = "--positives", defaultValue = "2", description = "DeCLUTR positives per anchor (default: ${DEFAULT-VALUE}).")
    int positives;

    @Option(names = "--min-span", defaultValue = "16", description = "DeCLUTR minimum span, words (paper: 32 tokens) (default: ${DEFAULT-VALUE}).")
    int minSpan;

    @Option(names = "--max-span", defaultValue = "64", description = "DeCLUTR maximum span, words (paper: 512 tokens) (default: ${DEFAULT-VALUE}).")
    int maxSpan;

    @Option(names = "--positive-strategy", defaultValue = "any",
            description = "DeCLUTR: where positives lie: any (overlapping, adjacent or subsumed; the paper's), adjacent or subsuming (default: ${DEFAULT-VALUE}).")
    String positiveStrategy;

    @Option(names = "--holdout-every", defaultValue = "10",
            description = "DeCLUTR: every Nth usable document is held out of training for the retrieval measure (default: ${DEFAULT-VALUE}).")
    int holdoutEvery;

    @Option(names = "--max-sentences", defaultValue = "200000", description = "SimCSE: read at most this many sentences (default: ${DEFAULT-VALUE}).")
    int maxSentences;

    @Option(names = "--min-words", defaultValue = "4", description = "SimCSE: skip lines shorter than this (default: ${DEFAULT-VALUE}).")
    int minWords;

    @Option(names = "--pairs", paramLabel = "FILE.tsv",
            description = "infoxlm: parallel source<TAB>target files (repeatable; held-out pairs are dropped);"
                    + " pairs: anchor<TAB>positive files (repeatable).")
    List<Path> pairs;

    @Option(names = "--hard-negatives", paramLabel = "FILE.tsv",
            description = "pairs: anchor<TAB>positive<TAB>negative... from 'contrast4j mine' (instead of --pairs).")
    Path hardNegativesFile;

    @Option(names = "--negatives-per-anchor", defaultValue = "1",
            description = "pairs with --hard-negatives: mined negatives per anchor; pairs with fewer are dropped (default: ${DEFAULT-VALUE}).")
    int negativesPerAnchor;

    @Option(names = "--mochi", paramLabel = "N,s,s'",
            description = "MoCHi (Kalantidis et al. 2020): per query, s mixes of pairs of its N hardest negatives and s' mixes"
                    + " of the query with one of them (weight < 0.5), without gradient; pairs, cert, infoxlm (default: off).")
    String mochi;

    @Option(names = "--debiased", paramLabel = "TAU_PLUS",
            description = "Debiased contrastive loss (Chuang et al. 2020) with class prior tau+ in (0, 1); not conpono (default: off).")
    Float debiased;

    @Option(names = "--k", defaultValue = "2", description = "CONPONO: largest distance K; targets at -K..-1, 1..K (default: ${DEFAULT-VALUE}).")
    int conponoK;

    @Option(names = "--conpono-hard-negatives", defaultValue = "2",
            description = "CONPONO: same-document sentences outside the anchor's window, per anchor (default: ${DEFAULT-VALUE}).")
    int hardNegatives;

    @Option(names = "--conpono-random-negatives", defaultValue = "2",
            description = "CONPONO: sentences of other documents, per anchor (default: ${DEFAULT-VALUE}).")
    int randomNegatives;

    @Option(names = "--conpono-temperature", defaultValue = "0.1",
            description = "CONPONO: score c^T W_k t / T on unit vectors; 0 = the paper's raw dot products, which stay at chance"
                    + " for encoders with norm-1 outputs such as MiniLM (default: ${DEFAULT-VALUE}).")
    float conponoTemperature;

    @Option(names = "--head-lr", paramLabel = "LR",
            description = "CONPONO: peak learning rate of the per-distance heads W_k, on the same schedule (default: --lr).")
    Float headLr;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @CommandLine.Mixin CertOptions cert = new CertOptions();

    @Override
    public Integer call() throws IOException {
        DjlBootstrap.ensureOffline();
        String obj = objective.toLowerCase(Locale.ROOT);
        if (!List.of("simcse", "declutr", "conpono", "pairs", "cert", "infoxlm").contains(obj)) {
            throw new UserInputException("--objective must be simcse, declutr, conpono, pairs, cert or infoxlm, got '" + objective + "'");
        }
        checkNegativeOptions(obj);
        if (obj.equals("infoxlm")) return new InfoXlmPretraining(this).run();
        if (obj.equals("pairs")) {
            if (corpus != null) throw new UserInputException("--objective pairs reads --pairs or --hard-negatives, not --corpus");
        } else {
            if (corpus == null) throw new UserInputException("--corpus is required for --objective " + objective);
            if (obj.equals("cert")) return CertPretraining.run(this, device());
            if (!Files.exists(corpus)) throw new UserInputException("--corpus: file not found: " + corpus);
        }
        if (Files.isRegularFile(out)) throw new UserInputException("--out is a file: " + out + " (give a folder)");
        if (!resume && Files.isDirectory(out.resolve("checkpoints"))) {
            throw new UserInputException("--out " + out + " already holds a run (checkpoints/): pass --resume to continue it, or a new --out");
        }
        if (resume && !Files.isDirectory(out.resolve("checkpoints"))) {
            throw new UserInputException("--resume: no checkpoints/ in " + out);
        }
        Device dev = device();
        PrintWriter err = spec.commandLine().getErr();
        Provenance provenance = Provenance.start("pretrain", spec.commandLine().getParseResult().originalArgs()).seed(seed);
        if (corpus != null) provenance.input(corpus);

        // Data.
        List<String> trainTexts = new ArrayList<>();
        List<String> heldOut = new ArrayList<>();
        PretrainingObjective objectiveImpl;
        InfoNceLoss loss;
        if (obj.equals("pairs")) {
            loss = new InfoNceLoss(temperature, false, false, tauPlus());
            PairObjective pairObjective = pairObjective(loss, provenance, err);
            objectiveImpl = pairObjective;
            provenance.note("pairs_dropped_fewer_negatives", pairObjective.droppedShort());
        } else if (obj.equals("simcse")) {
            loss = new InfoNceLoss(temperature, false, false, tauPlus());
            readSentences(trainTexts);
            if (trainTexts.size() < batchSize) {
                throw new UserInputException("--corpus " + corpus + ": only " + trainTexts.size()
                        + " lines of " + minWords + "+ words, fewer than --batch-size " + batchSize);
            }
            objectiveImpl = new SimCseObjective(trainTexts, seed, loss);
        } else if (obj.equals("conpono")) {
            loss = null; // CONPONO scores with its own per-distance heads
            objectiveImpl = conponoObjective(err);
            provenance.note("documents_skipped_too_short", ((ConponoObjective) objectiveImpl).sampler().skippedDocuments());
        } else {
            loss = new InfoNceLoss(temperature, true, true, tauPlus());
            if (batchSize % anchors != 0) {
                throw new UserInputException("--batch-size " + batchSize + " must be a multiple of --anchors " + anchors);
            }
            DeclutrSpanSampler sampler;
            try {
                sampler = new DeclutrSpanSampler(anchors, positives, minSpan, maxSpan, positiveStrategy());
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--anchors/--positives/--min-span/--max-span: " + e.getMessage());
            }
            int[] counts = readDocuments(sampler.minimumDocumentTokens(), trainTexts, heldOut);
            err.printf(Locale.ROOT, "declutr: %d documents of %d+ words (%d train, %d held out), %d shorter ones skipped%n",
                    trainTexts.size() + heldOut.size(), sampler.minimumDocumentTokens(), trainTexts.size(), heldOut.size(), counts[0]);
            if (trainTexts.isEmpty()) {
                throw new UserInputException("--corpus " + corpus + ": no document has the " + sampler.minimumDocumentTokens()
                        + " words DeCLUTR needs (--anchors x --max-span x 2); lower --max-span or use longer documents");
            }
            objectiveImpl = new DeclutrObjective(trainTexts, counts[0], sampler, seed, loss);
            provenance.note("documents_skipped_too_short", counts[0]);
            provenance.note("documents_held_out", heldOut.size());
        }

        // Model.
        boolean scratch = SCRATCH.matcher(model).matches();
        float peak = lr != null ? lr : scratch ? 5e-4f : 3e-5f;
        int warm = warmup != null ? warmup : steps / 10;
        TrainingArguments config;
        try {
            config = new TrainingArguments(steps, batchSize, accumulation, peak, Math.min(warm, steps), weightDecay,
                    maxGradNorm, gradCacheChunk, seed, checkpointEvery, 2, evalEvery, stopAfter, !quiet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training option: " + e.getMessage());
        }
        try (SentenceModelTrainable encoder = loadModel(dev)) {
            Evaluator devEvaluator = devEvaluator(obj, heldOut);
            boolean noSts = reportTasks != null && reportTasks.size() == 1 && reportTasks.get(0).equalsIgnoreCase("none");
            StsEvaluator sts = report && !noSts ? stsSuite() : null;
            HeldOutRetrieval retrieval = report && !heldOut.isEmpty()
                    ? new HeldOutRetrieval(heldOut, heldoutChunk, heldoutChunks, 32, heldoutQueries, seed) : null;
            Map<String, Object> before = new LinkedHashMap<>();
            if (report && !resume) {
                err.println("pretrain: measuring the model before training ...");
                err.flush();
                before = measure(encoder, sts, retrieval);
                Files.createDirectories(out);
                JSON.writeValue(out.resolve("report-before.json").toFile(), before);
            } else if (report && Files.exists(out.resolve("report-before.json"))) {
                before = JSON.readValue(out.resolve("report-before.json").toFile(), Map.class);
            }
            TrainingResult result = Trainer.builder().model(encoder).objective(objectiveImpl).args(config).outputDir(out)
                    .evaluator(devEvaluator).build().train();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("objective", obj);
            summary.put("model", model);
            summary.put("out", out.toString());
            summary.put("steps", result.steps());
            summary.put("resumed_from", result.resumedFrom());
            summary.put("interrupted", result.interrupted());
            summary.put("last_loss", result.lastLoss());
            summary.put("train_seconds", result.seconds());
            summary.put("updates_skipped_nonfinite_gradient", result.skippedUpdates());
            summary.put("device", dev.toString());
            if (devEvaluator != null) {
                summary.put("dev_task", devEvaluator.name());
                summary.put("best_dev", result.bestMetric());
                summary.put("best_step", result.bestStep());
            }
            summary.put("data", objectiveImpl.describe());
            if (!result.interrupted()) {
                encoder.save(out);
                if (report) {
                    err.println("pretrain: measuring the model after training ...");
                    err.flush();
                    Map<String, Object> after = measure(encoder, sts, retrieval);
                    Map<String, Object> rep = new LinkedHashMap<>();
                    rep.put("before", before);
                    rep.put("after", after);
                    JSON.writeValue(out.resolve("report.json").toFile(), rep);
                    summary.put("report", rep);
                }
            }
            provenance.config(config.asMap()).config("objective", objectiveImpl.describe()).config("model", model)
                    .config("device", dev.toString()).note("result", summary);
            provenance.output(out.resolve("model.safetensors"));
            provenance.writeTo(out);
            spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
        }
        return 0;
    }

    /** The debiased loss's tau+, 0 when --debiased is not given. */
    float tauPlus() {
        return debiased == null ? 0f : debiased;
    }

    /** MoCHi from --mochi, or null. */
    HardNegativeMixer mixer() {
        if (mochi == null) return null;
        try {
            return HardNegativeMixer.parse(mochi, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--mochi: " + e.getMessage());
        }
    }

    /** One-line errors for objective-specific options (negatives, heads) given to an objective that cannot use them. */
    private void checkNegativeOptions(String obj) {
        if (debiased != null && !(debiased > 0 && debiased < 1)) {
            throw new UserInputException("--debiased: tau+ must be in (0, 1), got " + debiased);
        }
        if (headLr != null && !obj.equals("conpono")) {
            throw new UserInputException("--head-lr applies to --objective conpono only (the other objectives have no heads)");
        }
        if (headLr != null && !(headLr > 0)) {
            throw new UserInputException("--head-lr must be > 0, got " + headLr);
        }
        if (debiased != null && obj.equals("conpono")) {
            throw new UserInputException("--debiased does not apply to --objective conpono (it scores with bilinear heads, not InfoNCE)");
        }
        if (mochi != null) {
            if (!obj.equals("pairs") && !obj.equals("cert") && !obj.equals("infoxlm")) {
                throw new UserInputException("--mochi works with --objective pairs, cert or infoxlm, not " + obj);
            }
            mixer(); // validates N,s,s'
        }
        if (hardNegativesFile != null && !obj.equals("pairs")) {
            throw new UserInputException("--hard-negatives is for --objective pairs");
        }
        if (obj.equals("pairs")) {
            if ((pairs == null || pairs.isEmpty()) == (hardNegativesFile == null)) {
                throw new UserInputException("--objective pairs needs either --pairs FILE.tsv (in-batch negatives) or"
                        + " --hard-negatives FILE.tsv (from 'contrast4j mine'), not both");
            }
            if (negativesPerAnchor < 1) throw new UserInputException("--negatives-per-anchor must be >= 1, got " + negativesPerAnchor);
        }
    }

    /** Reads the pairs (and mined negatives) for --objective pairs. */
    private PairObjective pairObjective(InfoNceLoss loss, Provenance provenance, PrintWriter err) {
        List<TrainingExample> examples = new ArrayList<>();
        List<Path> files = hardNegativesFile != null ? List.of(hardNegativesFile) : pairs;
        for (Path f : files) {
            examples.addAll(PairsTsv.read(f));
            provenance.input(f);
        }
        int h = hardNegativesFile != null ? negativesPerAnchor : 0;
        PairObjective o;
        try {
            o = new PairObjective(examples, h, seed, loss, mixer());
        } catch (IllegalArgumentException e) {
            throw new UserInputException((hardNegativesFile != null ? "--hard-negatives " + hardNegativesFile : "--pairs") + ": "
                    + e.getMessage() + " (lower --negatives-per-anchor or mine more)");
        }
        if (o.examples() < batchSize) {
            throw new UserInputException("--objective pairs: only " + o.examples() + " usable pairs, fewer than --batch-size " + batchSize);
        }
        err.printf(Locale.ROOT, "pairs: %d training pairs, %d hard negatives each%s%s%n", o.examples(), h,
                o.droppedShort() > 0 ? ", " + o.droppedShort() + " pairs with fewer negatives dropped" : "",
                mochi != null ? ", MoCHi " + mochi : "");
        return o;
    }

    Device device() {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new UserInputException("--device gpu: DJL sees no GPU (is a CUDA build of pytorch-native on"
                            + " the classpath instead of pytorch-native-cpu?)");
                }
                yield Device.gpu();
            }
            default -> throw new UserInputException("--device must be cpu or gpu, got '" + device + "'");
        };
    }

    private SentenceModelTrainable loadModel(Device dev) {
        Matcher m = SCRATCH.matcher(model);
        if (m.matches()) {
            int layers = Integer.parseInt(m.group(1));
            int hidden = Integer.parseInt(m.group(2));
            int heads = Math.max(1, hidden / 64);
            if (hidden % heads != 0 || layers < 1) {
                throw new UserInputException("--model " + model + ": need LAYERS >= 1 and HIDDEN a multiple of 64");
            }
            BertConfig config = new BertConfig(30522, hidden, layers, heads, 4 * hidden, 512, 2, 1e-12, 0.1, 0.1, 0);
            return SentenceModelTrainable.fromScratch(config, 256, seed, dev);
        }
        return new SentenceModelTrainable(Models.load(model, dev), 64);
    }

    private Evaluator devEvaluator(String obj, List<String> heldOut) {
        String d = dev.toLowerCase(Locale.ROOT);
        if (d.equals("none")) return null;
        if (d.equals("heldout") || (d.equals("auto") && obj.equals("declutr") && !heldOut.isEmpty()
                && DataDirectory.fromEnvironment().isEmpty() && dataDir == null)) {
            if (heldOut.isEmpty()) throw new UserInputException("--dev heldout needs --objective declutr with held-out documents");
            return new HeldOutRetrieval(heldOut, heldoutChunk, heldoutChunks, 32, heldoutQueries, seed);
        }
        if (d.equals("stsb") || d.equals("auto")) {
            Path root;
            if (d.equals("auto")) {
                var found = dataDir != null ? java.util.Optional.of(dataDir) : DataDirectory.fromEnvironment();
                if (found.isEmpty()) return null;
                root = DataDirectory.resolve(found.get());
            } else {
                root = DataDirectory.resolve(dataDir);
            }
            return StsEvaluator.stsBenchmarkDev(root);
        }
        throw new UserInputException("--dev must be stsb, heldout, none or auto, got '" + dev + "'");
    }

    private StsEvaluator stsSuite() {
        try {
            return StsEvaluator.suite(DataDirectory.resolve(dataDir), reportTasks);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--report-tasks: " + e.getMessage().replaceFirst("^tasks: ", ""));
        }
    }

    private Map<String, Object> measure(SentenceModelTrainable encoder, StsEvaluator sts, HeldOutRetrieval retrieval) {
        Map<String, Object> m = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        if (sts != null) m.put("sts", sts.evaluate(encoder.embedder()));
        if (retrieval != null) m.put("heldout_retrieval", retrieval.run(encoder.embedder()));
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return m;
    }

    private DeclutrSpanSampler.Strategy positiveStrategy() {
        try {
            return DeclutrSpanSampler.Strategy.valueOf(positiveStrategy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--positive-strategy must be any, adjacent or subsuming, got '" + positiveStrategy + "'");
        }
    }

    /** Reads every document, splits it into sentences (OpenNLP), and builds the CONPONO sampler. */
    private ConponoObjective conponoObjective(PrintWriter err) {
        if (conponoK < 1 || hardNegatives < 0 || randomNegatives < 0) {
            throw new UserInputException("--k must be >= 1 and --conpono-hard-negatives/--conpono-random-negatives >= 0, got "
                    + conponoK + "/" + hardNegatives + "/" + randomNegatives);
        }
        var splitter = io.contrast4j.core.text.SentenceSplitter.english();
        List<List<String>> docs;
        try (Stream<Document> s = Corpora.open(corpus).documents()) {
            docs = s.map(d -> splitter.split(d.text())).toList();
        }
        ConponoSampler sampler;
        try {
            sampler = new ConponoSampler(docs, conponoK, hardNegatives, randomNegatives);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--corpus " + corpus + ": " + e.getMessage() + " (lower --k or --conpono-hard-negatives)");
        }
        err.printf(Locale.ROOT, "conpono: %d documents of %d+ sentences used, %d shorter ones skipped%n",
                sampler.usableDocuments(), sampler.minimumSentences(), sampler.skippedDocuments());
        if (!(conponoTemperature >= 0)) throw new UserInputException("--conpono-temperature must be >= 0, got " + conponoTemperature);
        return new ConponoObjective(sampler, seed, headLr == null ? Float.NaN : headLr, conponoTemperature);
    }

    private void readSentences(List<String> into) {
        try (Stream<Document> docs = Corpora.open(corpus).documents()) {
            docs.map(d -> d.text().strip())
                    .filter(t -> DeclutrSpanSampler.tokenize(t).length >= minWords)
                    .limit(maxSentences)
                    .forEach(into::add);
        }
    }

    /** Splits usable documents into train and held out (every Nth); returns {skipped}. */
    private int[] readDocuments(int minTokens, List<String> train, List<String> heldOut) {
        int[] skipped = new int[1];
        int[] usable = new int[1];
        try (Stream<Document> docs = Corpora.open(corpus).documents()) {
            docs.forEach(d -> {
                if (DeclutrSpanSampler.tokenize(d.text()).length < minTokens) {
                    skipped[0]++;
                } else if (holdoutEvery > 0 && usable[0]++ % holdoutEvery == holdoutEvery - 1) {
                    heldOut.add(d.text());
                } else {
                    train.add(d.text());
                }
            });
        }
        return skipped;
    }
}
