package io.contrast4j.cli.eval;

import io.contrast4j.core.Document;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscourseEvaluation;
import io.contrast4j.eval.discourse.DiscourseProbeData;
import io.contrast4j.eval.report.EvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
            "DiscoEval-style discourse probes (Chen et al. 2019) built from the documents of --corpus, which",
            "should be documents the model was not trained on:",
            "  SP : five consecutive sentences, one moved to the front; predict where it came from (5-way).",
            "  BSO: two adjacent sentences, in order or swapped (2-way).",
            "Sentences come from OpenNLP's splitter; a logistic-regression probe is trained on frozen",
            "embeddings of the train documents and scored (accuracy x100) on the test documents."
        })
public final class DiscourseEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--corpus", required = true, paramLabel = "FILE",
            description = "Held-out documents: one document a line, paragraphs, or JSONL (gzip ok).")
    Path corpus;

    @Option(names = "--documents", defaultValue = "100", description = "Use the first N documents (default: ${DEFAULT-VALUE}).")
    int documents;

    @Option(names = "--per-document", defaultValue = "10",
            description = "Windows of five sentences per document; each gives one SP and one BSO example (default: ${DEFAULT-VALUE}).")
    int perDocument;

    @Option(names = "--test-fraction", defaultValue = "0.3", description = "Share of documents held for testing the probe (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the split, windows, moves and swaps (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(corpus)) throw new UserInputException("--corpus: file not found: " + corpus);
        if (documents < 2) throw new UserInputException("--documents must be >= 2, got " + documents);
        if (perDocument < 1) throw new UserInputException("--per-document must be >= 1, got " + perDocument);
        if (!(testFraction > 0 && testFraction < 1)) throw new UserInputException("--test-fraction must be in (0, 1), got " + testFraction);
        Set<String> wanted = options.tasks == null ? Set.of("SP", "BSO")
                : Set.copyOf(List.of(options.tasks.toUpperCase(Locale.ROOT).split(",")));
        for (String t : wanted) {
            if (!t.equals("SP") && !t.equals("BSO")) throw new UserInputException("--tasks: unknown discourse task '" + t + "' (SP, BSO)");
        }
        SentenceSplitter splitter = SentenceSplitter.english();
        List<List<String>> docs;
        try (Stream<Document> s = Corpora.open(corpus).documents()) {
            docs = s.limit(documents).map(d -> splitter.split(d.text())).toList();
        }
        DiscourseProbeData data;
        try {
            data = DiscourseProbeData.build(docs, perDocument, testFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--corpus " + corpus + ": " + e.getMessage());
        }
        Provenance provenance = options.provenance("eval discourse", spec, List.copyOf(wanted)).input(corpus)
                .seed(seed).config("documents", documents).config("per_document", perDocument)
                .config("test_fraction", testFraction);
        try (EmbeddingCache model = options.sentenceModel()) {
            EvalOptions.encode(model, "discourse", data.sentences(), options.progress());
            EvalReport report = new EvalReport(model.name(), null);
            double sum = 0;
            int count = 0;
            for (TaskResult r : DiscourseEvaluation.evaluate(model, data)) {
                if (!wanted.contains(r.task())) continue;
                report.add(r);
                sum += r.mainScore();
                count++;
            }
            report.summary("discourse_avg_acc", sum / count);
            report.summary("documents_used", data.documentsUsed());
            report.summary("documents_skipped_under_5_sentences", data.documentsSkipped());
            report.summary("train_documents", data.trainDocuments());
            report.summary("test_documents", data.testDocuments());
            provenance.note("encoded_sentences", model.misses());
            options.emit(StsEvalCommand.withProvenance(report, provenance), provenance, spec);
        }
        return 0;
    }
}
