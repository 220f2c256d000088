package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.retrieval.Retriever;
import io.contrast4j.data.beir.BeirDataset;
import io.contrast4j.data.beir.BeirReader;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.EvalProgress;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.retrieval.ExactRetriever;
import io.contrast4j.eval.retrieval.RetrievalEvaluation;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.LuceneRetriever;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.VectorQuantization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code contrast4j eval retrieval}: trec_eval measures and QPS of exact search or a Lucene index on a BEIR-format set. */
@Command(
        name = "retrieval",
        mixinStandardHelpOptions = true,
        description = {
            "nDCG@10, MAP@100, Recall@100, MRR@10, P@10 (trec_eval's definitions, x100) and queries per second",
            "of a model on a BEIR-format folder (corpus.jsonl, queries.jsonl, qrels/<split>.tsv), by exact",
            "cosine search or through a Lucene index (HNSW vectors float/int8/int4, BM25 text, or hybrid fusion).",
            "Per-query measures are kept in the report's details for 'eval compare'."
        })
public final class RetrievalEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--beir", required = true, paramLabel = "DIR", description = "BEIR-format folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.")
    Path beir;

    @Option(names = "--split", defaultValue = "test", description = "Qrels file qrels/<split>.tsv (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--index-mode", defaultValue = "exact", paramLabel = "exact|vector|text|hybrid",
            description = "exact: brute-force cosine; vector: Lucene HNSW kNN; text: Lucene BM25; hybrid: both fused by"
                    + " reciprocal rank (default: ${DEFAULT-VALUE}).")
    String indexMode;

    @Option(names = "--quantization", defaultValue = "none", paramLabel = "none|int8|int4",
            description = "Vector storage of the Lucene index (default: ${DEFAULT-VALUE}).")
    String quantization;

    @Option(names = "--over-fetch", paramLabel = "N",
            description = "Lucene kNN and BM25 each fetch N x 100 candidates before the cut to 100 (default: " + SearchRequest.DEFAULT_OVER_FETCH + ").")
    Integer overFetch;

    @Override
    public Integer call() {
        String mode = indexMode.strip().toLowerCase(Locale.ROOT);
        if (!List.of("exact", "vector", "text", "hybrid").contains(mode)) {
            throw new UserInputException("--index-mode: unknown mode '" + indexMode + "' (expected exact, vector, text or hybrid)");
        }
        VectorQuantization q = VectorQuantization.parse(quantization);
        if (mode.equals("exact") && (q != VectorQuantization.NONE || overFetch != null)) {
            throw new UserInputException("--quantization and --over-fetch apply to the Lucene modes (vector, text, hybrid), not to exact");
        }
        int fetch = overFetch == null ? SearchRequest.DEFAULT_OVER_FETCH : overFetch;
        if (fetch < 1) throw new UserInputException("--over-fetch must be >= 1, got " + fetch);
        if (options.tasks != null) throw new UserInputException("--tasks does not apply: the task is the --beir folder");

        BeirDataset data = BeirReader.read(beir, split);
        Provenance provenance = options.provenance("eval retrieval", spec, List.of(RetrievalEvaluation.taskName(data)));
        data.files().forEach(provenance::input);
        provenance.config("beir", beir.toString()).config("split", split).config("index_mode", mode);
        if (!mode.equals("exact")) provenance.config("quantization", q.name().toLowerCase(Locale.ROOT)).config("over_fetch", fetch);

        Map<String, String> documents = BeirReader.texts(data);
        try (EmbeddingCache model = options.sentenceModel()) {
            // Corpus and queries are encoded once, up front (and kept with --cache-dir), so that the
            // index build and the timed searches find them in the cache.
            EvalOptions.encode(model, data.name() + " corpus", new ArrayList<>(documents.values()), options.progress());
            EvalOptions.encode(model, data.name() + " queries", new ArrayList<>(data.queries().values()), options.progress());
            Path indexDir = null;
            try {
                Retriever retriever;
                long t0 = System.nanoTime();
                if (mode.equals("exact")) {
                    retriever = ExactRetriever.index(model, documents);
                } else {
                    indexDir = Files.createTempDirectory("contrast4j-eval-index");
                    IndexSettings settings = IndexSettings.DEFAULT.withQuantization(q);
                    retriever = LuceneRetriever.build(indexDir, model, documents, settings, SearchMode.parse(mode), fetch);
                }
                double indexSeconds = (System.nanoTime() - t0) / 1e9;
                TaskResult result;
                try (retriever; EvalProgress bar = EvalProgress.start(options.progress(), "search " + data.name(), data.queries().size(), "query")) {
                    result = RetrievalEvaluation.evaluate(data, retriever, bar.stepper());
                }
                result.details().put("index_seconds", indexSeconds);
                provenance.note("encoded_sentences", model.misses());
                // The report names what ranked, so that two reports of one model (exact and BM25, say) can be told apart.
                String ranker = switch (mode) {
                    case "exact" -> "exact";
                    case "text" -> "lucene bm25";
                    default -> "lucene " + mode + " hnsw " + q.name().toLowerCase(Locale.ROOT) + (mode.equals("hybrid") ? " + bm25" : "");
                };
                EvalReport report = new EvalReport(model.name() + " [" + ranker + "]", provenance.finish()).add(result);
                options.emit(report, provenance, spec);
            } finally {
                deleteQuietly(indexDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary index folder", e);
        }
        return 0;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
