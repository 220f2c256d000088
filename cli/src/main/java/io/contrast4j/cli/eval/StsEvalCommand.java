package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.TaskNames;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.sts.StsEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code contrast4j eval sts}: cosine-similarity correlation on STS12-16, STS-B and SICK-R. */
@Command(
        name = "sts",
        mixinStandardHelpOptions = true,
        description = {
            "Spearman and Pearson (x100) of the cosine of sentence embeddings against gold scores.",
            "Tasks: STS12..STS16, STSBenchmark (test), STSBenchmark-dev, SICKRelatedness (test, as SentEval),",
            "SICKRelatedness-all (train+trial+test, as MTEB's SICK-R). Default: STS12-16, STSBenchmark and",
            "SICKRelatedness, those whose files are present. 'spearman'/'pearson' concatenate a year's subsets",
            "('all', as SimCSE and MTEB); 'spearman_mean' averages them (SentEval)."
        })
public final class StsEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Override
    public Integer call() {
        Path root = options.dataRoot();
        List<String> defaults = StsEvaluation.available(root);
        List<String> tasks = TaskNames.select(options.tasks, StsEvaluation.TASKS, defaults);
        if (tasks.isEmpty()) throw new UserInputException("no STS data under " + root + " (expected senteval/STS/..., senteval/SICK/...)");
        Map<String, Map<String, List<ScoredPair>>> data = new LinkedHashMap<>();
        Provenance provenance = options.provenance("eval sts", spec, tasks);
        for (String task : tasks) {
            for (Path p : StsEvaluation.inputs(root, task)) provenance.input(p);
            data.put(task, StsEvaluation.load(root, task));
        }
        List<String> sentences = new ArrayList<>();
        if (options.sif) data.values().forEach(pairs -> sentences.addAll(StsEvaluation.sentences(pairs)));
        try (EmbeddingCache model = options.sentenceModel(sentences)) {
            EvalReport report = run(model, data, options.progress());
            provenance.note("encoded_sentences", model.misses());
            report = withProvenance(report, provenance);
            options.emit(report, provenance, spec);
        }
        return 0;
    }

    static EvalReport run(EmbeddingCache model, Map<String, Map<String, List<ScoredPair>>> data, boolean progress) {
        EvalReport report = new EvalReport(model.name(), null);
        Map<String, TaskResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, List<ScoredPair>>> e : data.entrySet()) {
            EvalOptions.encode(model, e.getKey(), StsEvaluation.sentences(e.getValue()), progress);
            TaskResult r = StsEvaluation.evaluate(e.getKey(), e.getValue(), model);
            results.put(e.getKey(), r);
            report.add(r);
        }
        StsEvaluation.Average avg = StsEvaluation.average(results);
        if (avg.count() > 0) {
            report.summary(avg.count() == StsEvaluation.STANDARD.size() ? "sts_avg_spearman_7" : "sts_avg_spearman_" + avg.count(), avg.spearman());
            report.summary("sts_avg_tasks", avg.tasks());
        }
        return report;
    }

    static EvalReport withProvenance(EvalReport report, Provenance provenance) {
        EvalReport out = new EvalReport(report.model(), provenance.finish());
        report.results().forEach(out::add);
        report.summary().forEach(out::summary);
        return out;
    }
}
