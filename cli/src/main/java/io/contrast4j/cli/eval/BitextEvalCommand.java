package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.parallel.ParallelTsv;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.bitext.BitextEvaluation;
import io.contrast4j.eval.report.EvalReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code contrast4j eval bitext}: Tatoeba-style translation retrieval on parallel TSV files. */
@Command(
        name = "bitext",
        mixinStandardHelpOptions = true,
        description = {
            "Bitext retrieval (Tatoeba-style): each source sentence looks for its translation among all target",
            "sentences by cosine, and the other way round. Reports acc (mean of both directions), acc_src2tgt,",
            "acc_tgt2src, recall@1/5/10 and MRR@10, x100. --pairs takes source<TAB>target TSV files, e.g. the",
            "FILE.heldout.tsv that 'data parallel' writes; the task is named Bitext-<file stem>."
        })
public final class BitextEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--pairs", required = true, paramLabel = "FILE.tsv", description = "Parallel pairs (repeatable).")
    List<Path> pairs;

    @Option(names = "--limit", defaultValue = "1000", description = "Use the first N pairs of each file, 0 = all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 0) throw new UserInputException("--limit must be >= 0, got " + limit);
        Map<String, List<TranslationPair>> data = new LinkedHashMap<>();
        for (Path p : pairs) {
            List<TranslationPair> all = ParallelTsv.read(p);
            if (all.size() < 2) throw new UserInputException("--pairs " + p + ": needs at least 2 pairs, has " + all.size());
            data.put(taskName(p), BitextEvaluation.first(all, limit));
        }
        Provenance provenance = options.provenance("eval bitext", spec, new ArrayList<>(data.keySet())).config("limit", limit);
        for (Path p : pairs) provenance.input(p);
        try (EmbeddingCache model = options.sentenceModel()) {
            EvalReport report = new EvalReport(model.name(), null);
            double sum = 0;
            for (Map.Entry<String, List<TranslationPair>> e : data.entrySet()) {
                List<String> texts = new ArrayList<>();
                for (TranslationPair tp : e.getValue()) {
                    texts.add(tp.source());
                    texts.add(tp.target());
                }
                EvalOptions.encode(model, e.getKey(), texts, options.progress());
                TaskResult r = BitextEvaluation.evaluate(e.getKey(), e.getValue(), model);
                report.add(r);
                sum += r.metrics().get("acc").doubleValue();
            }
            report.summary("bitext_avg_acc", sum / data.size());
            provenance.note("encoded_sentences", model.misses());
            report = StsEvalCommand.withProvenance(report, provenance);
            options.emit(report, provenance, spec);
        }
        return 0;
    }

    static String taskName(Path file) {
        String name = file.getFileName().toString();
        return "Bitext-" + (name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name);
    }
}
