package io.contrast4j.cli.eval;

import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscoEvalFiles;
import io.contrast4j.eval.discourse.DiscourseEvaluation;
import io.contrast4j.eval.discourse.DiscourseProbeData;
import io.contrast4j.eval.discourse.DiscourseTasks;
import io.contrast4j.eval.report.EvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code contrast4j eval discourse}: DiscoEval-style SP and BSO probes on held-out documents. */
@Command(
        name = "discourse",
        mixinStandardHelpOptions = true,
        description = {
            "DiscoEval's Sentence Position and Binary Sentence Ordering probes (Chen et al. 2019):",
            "  SP : five consecutive sentences, one moved to the front; predict where it came from (5-way).",
            "  BSO: two adjacent sentences, shown in order and swapped (2-way).",
            "Either on DiscoEval's own data (--discoeval DIR: its data folder, tasks SPwiki, SParxiv, SProc,",
            "BSOwiki, BSOarxiv, BSOroc for each domain with train/valid/test files) or built from held-out",
            "documents (--corpus FILE: sentences from OpenNLP's splitter, documents split into train and test).",
            "A logistic-regression probe on frozen embeddings, C chosen on the validation set; accuracy x100."
        })
public final class DiscourseEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--corpus", paramLabel = "FILE",
            description = "Held-out documents: one document a line, paragraphs, or JSONL (gzip ok).")
    Path corpus;

    @Option(names = "--discoeval", paramLabel = "DIR",
            description = "DiscoEval's data folder (with SP/<domain>/ and BSO/<domain>/ train.txt, valid.txt, test.txt).")
    Path discoeval;

    @Option(names = "--max-examples", defaultValue = "0", paramLabel = "N",
            description = "With --discoeval: only the first N examples of each train/valid/test file (default: all).")
    int maxExamples;

    @Option(names = "--documents", defaultValue = "100", description = "With --corpus: use the first N documents (default: ${DEFAULT-VALUE}).")
    int documents;

    @Option(names = "--per-document", defaultValue = "10",
            description = "With --corpus: windows of five sentences per document; each gives one SP and one BSO example (default: ${DEFAULT-VALUE}).")
    int perDocument;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "With --corpus: share of documents held for testing the probe (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "With --corpus: seed for the split, windows and moves (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads for the probe fits (default: all cores).")
    Integer threads;

    @Override
    public Integer call() {
        if ((corpus == null) == (discoeval == null)) throw new UserInputException("give either --corpus FILE or --discoeval DIR");
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) throw new UserInputException("--threads must be >= 1, got " + nThreads);
        if (maxExamples < 0) throw new UserInputException("--max-examples must be >= 0, got " + maxExamples);
        Set<String> wanted = options.tasks == null ? null
                : Set.copyOf(List.of(options.tasks.toUpperCase(Locale.ROOT).split(",")));
        Provenance provenance;
        Map<String, Object> summary = new LinkedHashMap<>();
        DiscourseTasks tasks;
        if (discoeval != null) {
            tasks = DiscoEvalFiles.read(discoeval).limit(maxExamples);
            if (wanted != null) tasks = requireKnown(tasks, wanted).only(wanted);
            provenance = options.provenance("eval discourse", spec, tasks.taskNames()).config("max_examples", maxExamples);
            for (String split : List.of("SP", "BSO")) {
                Path dir = discoeval.resolve(split);
                if (Files.isDirectory(dir)) provenance.input(dir);
            }
            if (!tasks.skipped().isEmpty()) summary.put("skipped", String.join("; ", tasks.skipped()));
        } else {
            DiscourseProbeData data = fromCorpus(wanted);
            tasks = wanted == null ? data.tasks() : data.tasks().only(wanted);
            provenance = options.provenance("eval discourse", spec, wanted == null ? List.of("SP", "BSO") : List.copyOf(wanted))
                    .input(corpus).seed(seed).config("documents", documents).config("per_document", perDocument)
                    .config("test_fraction", testFraction);
            summary.put("documents_used", data.documentsUsed());
            summary.put("documents_skipped_under_5_sentences", data.documentsSkipped());
            summary.put("train_documents", data.trainDocuments());
            summary.put("test_documents", data.testDocuments());
        }
        provenance.config("threads", nThreads);
        try (EmbeddingCache model = options.sentenceModel()) {
            EvalOptions.encode(model, "discourse", tasks.sentences(), options.progress());
            EvalReport report = new EvalReport(model.name(), null);
            double sum = 0;
            int count = 0;
            for (TaskResult r : DiscourseEvaluation.evaluate(model, tasks, nThreads)) {
                report.add(r);
                sum += r.mainScore();
                count++;
            }
            report.summary("discourse_avg_acc", sum / count);
            summary.forEach(report::summary);
            provenance.note("encoded_sentences", model.misses());
            options.emit(StsEvalCommand.withProvenance(report, provenance), provenance, spec);
        }
        return 0;
    }

    /** {@code tasks}, after checking that every name in --tasks is one of them. */
    private static DiscourseTasks requireKnown(DiscourseTasks tasks, Set<String> wanted) {
        for (String t : wanted) {
            if (tasks.taskNames().stream().noneMatch(k -> k.equalsIgnoreCase(t))) {
                throw new UserInputException("--tasks: no DiscoEval task '" + t + "' here (" + String.join(", ", tasks.taskNames()) + ")");
            }
        }
        return tasks;
    }

    private DiscourseProbeData fromCorpus(Set<String> wanted) {
        if (!Files.isRegularFile(corpus)) throw new UserInputException("--corpus: file not found: " + corpus);
        if (documents < 2) throw new UserInputException("--documents must be >= 2, got " + documents);
        if (perDocument < 1) throw new UserInputException("--per-document must be >= 1, got " + perDocument);
        if (!(testFraction > 0 && testFraction < 1)) throw new UserInputException("--test-fraction must be in (0, 1), got " + testFraction);
        if (wanted != null) {
            for (String t : wanted) {
                if (!t.equals("SP") && !t.equals("BSO")) throw new UserInputException("--tasks: unknown discourse task '" + t + "' (SP, BSO)");
            }
        }
        SentenceSplitter splitter = SentenceSplitter.english();
        List<List<String>> docs;
        try (Stream<Document> s = Corpora.open(corpus).documents()) {
            docs = s.limit(documents).map(d -> splitter.split(d.text())).toList();
        }
        try {
            return DiscourseProbeData.build(docs, perDocument, testFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--corpus " + corpus + ": " + e.getMessage());
        }
    }
}
