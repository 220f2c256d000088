package io.contrast4j.cli.eval;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.vector.WordVectorReader;
import io.contrast4j.data.DataDirectory;
import io.contrast4j.eval.EmbeddingCache;
import io.contrast4j.eval.EvalProgress;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.report.MarkdownReport;
import io.contrast4j.sentence.Models;
import io.contrast4j.word2vec.ModelFiles;
import io.contrast4j.word2vec.SifEmbedder;
import io.contrast4j.word2vec.WordFrequencies;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every {@code eval} command shares, and what they turn into (model, data root, report). */
public final class EvalOptions {
    @Option(names = "--model", paramLabel = "minilm|DIR|ORG/NAME",
            description = "Sentence model: 'minilm' (the embedded all-MiniLM-L6-v2), a HuggingFace model folder, or a Hub id"
                    + " ORG/NAME[@REVISION] (downloaded into the HuggingFace cache; needs network the first time).")
    String model;

    @Option(names = "--vectors", paramLabel = "FILE",
            description = "Word vectors (word2vec text/binary, GloVe text; .gz ok); for sentence tasks a sentence is the mean of its word vectors.")
    Path vectors;

    @Option(names = "--sif", description = "With --vectors: SIF embeddings (Arora et al. 2017) instead of the mean: weights a/(a+p(w)),"
            + " first principal component (fitted on all sentences of the run's tasks) removed.")
    boolean sif;

    @Option(names = "--sif-a", defaultValue = "1e-3", paramLabel = "A", description = "SIF weight parameter a (default: ${DEFAULT-VALUE}).")
    double sifA;

    @Option(names = "--word-counts", paramLabel = "FILE",
            description = "Word counts for --sif, 'word count' a line (default: VECTORS.vocab.txt, written by 'word2vec train').")
    Path wordCounts;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Datasets folder (default: $CONTRAST4J_DATA).")
    Path dataDir;

    @Option(names = "--tasks", paramLabel = "A,B", description = "Comma-separated task names (default: every task whose files are present).")
    String tasks;

    @Option(names = "--out", paramLabel = "FILE.json",
            description = "Write the JSON report here, plus FILE.md (table) and FILE.html (plots). Default: JSON on stdout.")
    Path out;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep sentence embeddings on disk here across runs (default: memory only).")
    Path cacheDir;

    @Option(names = "--batch-size", defaultValue = "64", description = "Sentences per encoder batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--no-progress", description = "No progress bars on stderr.")
    boolean noProgress;

    Path dataRoot() {
        return DataDirectory.resolve(dataDir);
    }

    boolean progress() {
        return !noProgress;
    }

    /** The sentence model, for commands whose sentences are not known up front (no --sif). */
    EmbeddingCache sentenceModel() {
        if (sif) throw new UserInputException("--sif is supported by 'eval sts' and 'eval senteval' only");
        return sentenceModel(List.of());
    }

    /**
     * The sentence model behind an embedding cache. With --vectors a sentence is the mean of its word
     * vectors, or with --sif their SIF combination, whose principal component is fitted on
     * {@code sifSentences} (the sentences of the tasks being evaluated, as in Arora et al.'s code).
     */
    EmbeddingCache sentenceModel(List<String> sifSentences) {
        if (model == null && vectors == null) throw new UserInputException("give --model minilm|DIR (a sentence model)");
        if (model != null && vectors != null) throw new UserInputException("give either --model or --vectors, not both");
        if (batchSize < 1) throw new UserInputException("--batch-size must be >= 1, got " + batchSize);
        if (sif && vectors == null) throw new UserInputException("--sif needs --vectors (word vectors)");
        if (vectors != null && sif) {
            Path counts = wordCounts != null ? wordCounts : ModelFiles.vocabularyFile(vectors);
            if (!Files.isRegularFile(counts)) {
                throw new UserInputException("--sif: word counts not found: " + counts + " (give --word-counts FILE)");
            }
            String name = "sif(" + vectors.getFileName() + ")";
            return new EmbeddingCache(SifEmbedder.fit(wordVectors(), WordFrequencies.read(counts), sifA, sifSentences, name),
                    batchSize, cacheDir);
        }
        if (vectors != null) {
            // Word vectors as a sentence model: the average of the sentence's word vectors (word2vec's MeanEmbedder).
            return new EmbeddingCache(new io.contrast4j.word2vec.MeanEmbedder(wordVectors(), "mean(" + vectors.getFileName() + ")"),
                    batchSize, cacheDir);
        }
        Models.checkSpec(model); // minilm, a folder, or a Hub id (downloaded when loaded)
        Embedder encoder = Models.encoder(model, batchSize);
        return new EmbeddingCache(encoder, batchSize, cacheDir);
    }

    WordVectors wordVectors() {
        if (vectors == null) throw new UserInputException("give --vectors FILE (word vectors); --model is for sentence tasks");
        if (!Files.isRegularFile(vectors)) throw new UserInputException("--vectors: file not found: " + vectors);
        return WordVectorReader.read(vectors);
    }

    /** Encodes all texts up front with a progress bar (later task code then hits the cache). */
    static void encode(EmbeddingCache cache, String task, List<String> texts, boolean progress) {
        int missing = cache.missing(texts);
        try (EvalProgress bar = EvalProgress.start(progress && missing > 0, "encode " + task, missing, "sent")) {
            cache.onProgress(bar.stepper());
            cache.embed(texts);
        } finally {
            cache.onProgress(null);
        }
    }

    /** Writes the report (JSON to --out with .md/.html beside it, or JSON to stdout) and the table to stderr. */
    void emit(EvalReport report, Provenance provenance, CommandLine.Model.CommandSpec spec) {
        emit(report, out, spec);
    }

    /** Writes {@code report}: the table (and summary) to stderr, JSON to {@code out} with .md/.html beside it, or to stdout. */
    static void emit(EvalReport report, Path out, CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println();
        err.print(MarkdownReport.table(report.results()));
        report.summary().forEach((k, v) -> err.println(k + ": " + v));
        if (out != null) {
            for (Path p : report.write(out)) err.println("wrote " + p);
        } else {
            spec.commandLine().getOut().println(report.toJson());
        }
        err.flush();
        spec.commandLine().getOut().flush();
    }

    static List<String> args(CommandLine.Model.CommandSpec spec) {
        return spec.commandLine().getParseResult().originalArgs();
    }

    Provenance provenance(String command, CommandLine.Model.CommandSpec spec, List<String> taskNames) {
        Provenance p = Provenance.start(command, args(spec));
        if (model != null) p.config("model", model);
        if (vectors != null) p.config("vectors", vectors.toString());
        if (sif && vectors != null) p.config("sif_a", sifA).config("word_counts", (wordCounts != null ? wordCounts : ModelFiles.vocabularyFile(vectors)).toString());
        p.config("tasks", taskNames);
        if (dataDir != null) p.config("data_dir", dataDir.toString());
        p.config("batch_size", batchSize);
        if (cacheDir != null) p.config("cache_dir", cacheDir.toString());
        return p;
    }
}
