package io.contrast4j.cli.search;

import io.contrast4j.core.Corpus;
import io.contrast4j.core.Document;
import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.progress.Progress;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.TextAnalyzer;
import io.contrast4j.search.VectorQuantization;
import io.contrast4j.sentence.EncoderSpec;
import io.contrast4j.sentence.onnx.InferenceEngine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j index build}: embeds a corpus and writes (or adds to) a search index. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Embeds every document of a corpus (optionally cut into passages of whole sentences) and",
            "writes it to a Lucene index: an HNSW vector field (dot product on unit vectors), a BM25",
            "text field and stored fields. A document whose id is already in the index replaces it.",
            "Commits every --commit-every documents: if the build dies, the index keeps its last",
            "commit. A new index merged at the end (--segments > 0) builds its HNSW graph once, in that",
            "merge, on every core; segments committed before it are searched exactly.",
            "Writes provenance.json into the index folder; prints a JSON summary on stdout.",
            "With --spark MASTER --shards N the corpus (an 'encode --spark' output, used without",
            "re-encoding, or text / JSONL / Parquet id,text rows) is indexed in N shards in parallel,",
            "which are then merged into one new index (--segments 0 keeps one segment per shard)."
        })
public final class IndexBuildCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "minilm, a model folder, a Hub id ORG/NAME[@REVISION], or hashing[:DIM] (lexical, no neural model).")
    String model;

    @Option(names = "--corpus", required = true, description = "Corpus file or folder (plain text, JSONL, gzip; see 'data').")
    Path corpus;

    @Option(names = "--index", required = true, description = "Index folder (created when missing).")
    Path index;

    @Option(names = "--language", defaultValue = "en", description = "Language of documents that do not name one (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--passage-tokens", defaultValue = "0",
            description = "Cut documents into passages of whole sentences of at most this many words; 0 = one passage per document (default: ${DEFAULT-VALUE}).")
    int passageTokens;

    @Option(names = "--hnsw-m", defaultValue = "16", description = "HNSW neighbours per node, M (default: ${DEFAULT-VALUE}).")
    int maxConn;

    @Option(names = "--hnsw-beam-width", defaultValue = "100", description = "HNSW build beam, efConstruction (default: ${DEFAULT-VALUE}).")
    int beamWidth;

    @Option(names = "--quantization", defaultValue = "none", description = "none, int8 or int4 scalar-quantized HNSW (default: ${DEFAULT-VALUE}).")
    String quantization;

    @Option(names = "--analyzer", defaultValue = "english", description = "english or standard BM25 analyzer (default: ${DEFAULT-VALUE}).")
    String analyzer;

    @Option(names = "--commit-every", defaultValue = "10000", description = "Documents between commits (default: ${DEFAULT-VALUE}).")
    int commitEvery;

    @Option(names = "--engine", defaultValue = "djl",
            description = "Inference engine for the passages: djl (PyTorch, fp32) or onnxruntime (default: ${DEFAULT-VALUE}); recorded in the index, queries use the same.")
    String engine;

    @Option(names = "--precision", defaultValue = "fp32",
            description = "fp32, or int8 (dynamically quantized weights; needs --engine onnxruntime) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--batch-size", defaultValue = "64", description = "Passages per embedding batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--merge-workers", defaultValue = "1", description = "Threads building HNSW graphs during merges (default: ${DEFAULT-VALUE}).")
    int mergeWorkers;

    @Option(names = "--segments", defaultValue = "1",
            description = "Merge down to at most this many segments at the end (fewer graphs = faster queries); 0 = no merge (default: ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--limit", defaultValue = "0", description = "Index at most this many documents; 0 = all (default: ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Build on Apache Spark: local[*], local[N], spark://host:7077, ...; 'submit' takes the master from spark-submit.")
    String spark;

    @Option(names = "--shards", defaultValue = "0",
            description = "With --spark: Lucene shards written in parallel; 0 = Spark's default parallelism (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--in-format", defaultValue = "auto", description = "With --spark: auto, lines, jsonl or parquet (default: ${DEFAULT-VALUE}).")
    String inFormat;

    @Option(names = "--torch-threads", defaultValue = "0",
            description = "With --spark: PyTorch threads per task; 0 = spark.task.cpus (default: ${DEFAULT-VALUE}).")
    int torchThreads;

    @Override
    public Integer call() {
        if (segments < 0) {
            throw new UserInputException("--segments must be >= 0, got " + segments);
        }
        IndexSettings settings = new IndexSettings(maxConn, beamWidth, VectorQuantization.parse(quantization),
                TextAnalyzer.parse(analyzer), passageTokens, commitEvery, batchSize, mergeWorkers);
        if (spark != null) {
            return callSpark(settings);
        }
        String modelSpec = model;
        if (!model.strip().toLowerCase(java.util.Locale.ROOT).startsWith("hashing")) {
            try {
                modelSpec = new EncoderSpec(model, InferenceEngine.parse(engine), InferenceEngine.Precision.parse(precision)).toString();
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--" + e.getMessage());
            }
        }
        Corpus docs = Corpora.open(corpus, io.contrast4j.data.corpus.CorpusFormat.AUTO, language);
        Provenance provenance = Provenance.start("index build", spec.commandLine().getParseResult().originalArgs())
                .config("model", modelSpec).config("settings", settings).config("segments", segments).config("limit", limit)
                .input(corpus);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long documents = 0;
        long passages;
        double mergeSeconds;
        try (Embedder embedder = SearchModels.load(modelSpec, batchSize)) {
            provenance.config("model_name", embedder.name()).config("dimension", embedder.dimension());
            try (SearchIndexWriter writer = SearchIndexWriter.open(index, embedder, modelSpec, settings, null);
                 Stream<Document> stream = docs.documents();
                 Progress bar = quiet ? null : Progress.start("index", limit, "docs")) {
                // A new index that ends merged gets its HNSW graph once, at the merge (SearchIndexWriter.deferGraphs).
                boolean graphAtMerge = segments > 0 && writer.deferGraphs();
                provenance.config("graph_at_merge", graphAtMerge);
                Iterator<Document> it = stream.iterator();
                while (it.hasNext() && (limit <= 0 || documents < limit)) {
                    writer.add(IndexDocument.of(it.next()));
                    documents++;
                    if (bar != null) {
                        bar.stepTo(documents);
                    }
                }
                writer.commit();
                long mergeStart = System.nanoTime();
                if (segments > 0) {
                    if (!quiet) {
                        err.println("index: merging to " + segments + " segment(s) ...");
                        err.flush();
                    }
                    writer.forceMerge(segments);
                }
                mergeSeconds = (System.nanoTime() - mergeStart) / 1e9;
                passages = writer.passagesWritten();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        provenance.note("documents", documents).note("passages", passages).note("build_seconds", seconds);
        Path provenanceFile = provenance.writeTo(index);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("index", index.toString());
        summary.put("documents", documents);
        summary.put("passages", passages);
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("merge_seconds", Math.round(mergeSeconds * 1000) / 1000.0);
        summary.put("provenance", provenanceFile.toString());
        PrintWriter out = spec.commandLine().getOut();
        out.println(Provenance.toJson(summary).replaceAll("\\s*\\n\\s*", " "));
        out.flush();
        return 0;
    }

    private int callSpark(IndexSettings settings) {
        if (passageTokens > 0) {
            throw new UserInputException("--passage-tokens is not supported with --spark (each row is one passage)");
        }
        if (shards < 0 || torchThreads < 0) {
            throw new UserInputException("--shards and --torch-threads must be >= 0");
        }
        if (limit > 0) {
            throw new UserInputException("--limit is not supported with --spark");
        }
        String master = spark.equals("submit") ? null : spark;
        int n = shards > 0 ? shards : io.contrast4j.spark.SparkSessions.open(master, "contrast4j index build")
                .sparkContext().defaultParallelism();
        io.contrast4j.spark.SparkIndexJob job = new io.contrast4j.spark.SparkIndexJob(master, corpus.toString(), inFormat,
                index, model, settings, language, n, segments, torchThreads);
        Map<String, Object> summary = io.contrast4j.cli.options.SparkJobFailures.asUserErrors(
                () -> job.run(spec.commandLine().getParseResult().originalArgs(), quiet ? null : spec.commandLine().getErr()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(Provenance.toJson(summary).replaceAll("\\s*\\n\\s*", " "));
        out.flush();
        return 0;
    }
}
