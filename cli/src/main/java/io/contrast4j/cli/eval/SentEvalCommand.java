package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.EvalProgress;
import io.contrast4j.eval.TaskNames;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.transfer.PairFeatures;
import io.contrast4j.eval.transfer.SentEvalValidation;
import io.contrast4j.eval.transfer.TransferEvaluation;
import io.contrast4j.eval.transfer.TransferTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code contrast4j eval senteval}: SentEval's transfer tasks with logistic regression on frozen embeddings. */
@Command(
        name = "senteval",
        mixinStandardHelpOptions = true,
        description = {
            "SentEval transfer tasks (Conneau & Kiela 2018): MR, CR, SUBJ, MPQA (nested 10-fold CV), SST2, SST5,",
            "SICKEntailment (dev split picks C), TREC, MRPC (10-fold CV on train picks C). L2 logistic regression",
            "(liblinear) over SentEval's C grid, seed 1111. Reports acc (x100), devacc, f1 for MRPC."
        })
public final class SentEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--folds", defaultValue = "10", description = "Cross-validation folds (SentEval's published setting: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--threads", description = "Threads for classifier fits (default: all cores).")
    Integer threads;

    @Option(names = "--pair-features", defaultValue = "senteval",
            description = "MRPC/SICK-E features: senteval = [|u-v|, u*v] (SentEval's code), full = [u, v, |u-v|, u*v].")
    String pairFeatures;

    @Option(names = "--export-features", paramLabel = "DIR",
            description = "Also write each task's features (.npy) and labels, for checking against another implementation.")
    Path exportFeatures;

    @Override
    public Integer call() {
        if (folds < 2) throw new UserInputException("--folds must be >= 2, got " + folds);
        PairFeatures features = switch (pairFeatures.toLowerCase(Locale.ROOT)) {
            case "senteval" -> PairFeatures.SENTEVAL;
            case "full" -> PairFeatures.FULL;
            default -> throw new UserInputException("--pair-features: expected senteval or full, got '" + pairFeatures + "'");
        };
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) throw new UserInputException("--threads must be >= 1, got " + nThreads);
        Path root = options.dataRoot();
        List<TransferTask> tasks = TaskNames.select(options.tasks, TransferTask.names(), TransferTask.names())
                .stream().map(TransferTask::named).toList();
        Provenance provenance = options.provenance("eval senteval", spec, tasks.stream().map(Enum::name).toList());
        provenance.config("folds", folds).config("threads", nThreads).config("pair_features", features.name().toLowerCase(Locale.ROOT))
                .config("classifier", "liblinear L2R_LR, eps " + io.contrast4j.eval.transfer.LogisticRegression.TOLERANCE)
                .seed(SentEvalValidation.SEED);
        List<TransferTask.Data> data = new ArrayList<>();
        for (TransferTask t : tasks) {
            for (Path p : t.inputs(root)) provenance.input(p);
            data.add(t.load(root));
        }
        TransferEvaluation evaluation = new TransferEvaluation(folds, nThreads, features);
        if (exportFeatures != null) evaluation.exportFeaturesTo(exportFeatures);
        List<String> sentences = new ArrayList<>();
        if (options.sif) data.forEach(d -> sentences.addAll(TransferEvaluation.sentences(d)));
        try (EmbeddingCache model = options.sentenceModel(sentences)) {
            EvalReport report = new EvalReport(model.name(), null);
            for (int i = 0; i < tasks.size(); i++) {
                TransferTask task = tasks.get(i);
                long start = System.nanoTime();
                EvalOptions.encode(model, task.name(), TransferEvaluation.sentences(data.get(i)), options.progress());
                double encodeSeconds = (System.nanoTime() - start) / 1e9;
                TaskResult r;
                try (EvalProgress bar = EvalProgress.start(options.progress(), "fit " + task.name(), evaluation.fits(task), "fit")) {
                    r = evaluation.evaluate(task, data.get(i), model, bar.stepper());
                }
                r.details().put("encode_seconds", encodeSeconds);
                r.details().put("threads", nThreads);
                report.add(r);
                spec.commandLine().getErr().printf(Locale.ROOT, "%s: acc %.2f (%.0f s encode, %.0f s classifier)%n", task.name(),
                        r.metrics().get("acc").doubleValue(), encodeSeconds, ((Number) r.details().get("seconds")).doubleValue());
                spec.commandLine().getErr().flush();
            }
            provenance.note("encoded_sentences", model.misses());
            options.emit(StsEvalCommand.withProvenance(report, provenance), provenance, spec);
        }
        return 0;
    }
}
