package io.contrast4j.cli.word2vec;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.progress.Progress;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.vector.WordVectorFormat;
import io.contrast4j.word2vec.Architecture;
import io.contrast4j.word2vec.ModelFiles;
import io.contrast4j.word2vec.TrainingResult;
import io.contrast4j.word2vec.Word2VecConfig;
import io.contrast4j.word2vec.Word2VecTrainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j word2vec train}: skip-gram or CBOW with negative sampling on a text file. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains word vectors with negative sampling on a whitespace-tokenized text file (one sentence",
            "or document a line, streamed: it may be larger than memory). Prepare raw text with",
            "'contrast4j word2vec tokenize'. Writes the C word2vec tool's text or binary format and",
            "provenance.json beside it; prints a JSON summary on stdout."
        })
public final class Word2VecTrainCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", required = true, description = "Tokenized training text.")
    Path corpus;

    @Option(names = "--out", required = true, description = "Vectors file to write.")
    Path out;

    @Option(names = "--model", defaultValue = "skipgram", description = "skipgram or cbow (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dim", defaultValue = "100", description = "Vector size (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--window", defaultValue = "5", description = "Maximum context window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--negative", defaultValue = "5", description = "Negatives per positive (default: ${DEFAULT-VALUE}).")
    int negative;

    @Option(names = "--min-count", defaultValue = "5", description = "Drop rarer words (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--max-vocab", defaultValue = "0", description = "Keep at most this many words, 0 = all (default: ${DEFAULT-VALUE}).")
    int maxVocab;

    @Option(names = "--sample", defaultValue = "1e-3", description = "Subsampling threshold, 0 = off (default: ${DEFAULT-VALUE}).")
    double sample;

    @Option(names = "--epochs", defaultValue = "5", description = "Passes over the corpus (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--threads", description = "Training threads (default: all cores).")
    Integer threads;

    @Option(names = "--alpha", description = "Starting learning rate (default: 0.025 skipgram, 0.05 cbow).")
    Double alpha;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "bin", description = "bin or text (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--shared-negatives", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Skip-gram: share one set of negatives across a window (pWord2Vec, Ji et al. 2016);"
                    + " --no-shared-negatives gives the C tool's per-pair update (default: ${DEFAULT-VALUE}).")
    boolean sharedNegatives;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        Architecture arch = switch (model.toLowerCase(Locale.ROOT)) {
            case "skipgram", "skip-gram", "sg" -> Architecture.SKIP_GRAM;
            case "cbow" -> Architecture.CBOW;
            default -> throw new UserInputException("--model must be skipgram or cbow, got '" + model + "'");
        };
        WordVectorFormat fmt = WordVectorFormat.fromName(format);
        Word2VecConfig.Builder b = Word2VecConfig.builder().architecture(arch).dimension(dim).window(window)
                .negative(negative).minCount(minCount).maxVocab(maxVocab).sample(sample).epochs(epochs).seed(seed)
                .alpha(alpha != null ? alpha : arch == Architecture.CBOW ? 0.05 : 0.025)
                .sharedNegatives(sharedNegatives);
        if (threads != null) b.threads(threads);
        Word2VecConfig config = b.build();
        if (!Files.isRegularFile(corpus)) throw new UserInputException("--corpus: file not found: " + corpus);
        if (Files.isDirectory(out)) throw new UserInputException("--out is a directory: " + out + " (give a file name)");

        Provenance provenance = Provenance.start("word2vec train", spec.commandLine().getParseResult().originalArgs())
                .input(corpus);
        PrintWriter err = spec.commandLine().getErr();
        TrainingResult result;
        if (quiet) {
            result = new Word2VecTrainer(config, null).train(corpus);
        } else {
            err.println("word2vec: counting words in " + corpus + " ...");
            err.flush();
            Progress[] bar = new Progress[1];
            try {
                result = new Word2VecTrainer(config, (done, total, wps, loss, a) -> {
                    if (bar[0] == null) bar[0] = Progress.start("word2vec", total, "words"); // once counting is done
                    bar[0].stepTo(Math.min(done, total));
                    bar[0].message(String.format(Locale.ROOT, " - loss %.4f, alpha %.5f", loss, a));
                }).train(corpus);
            } finally {
                if (bar[0] != null) bar[0].close();
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new UserInputException("--out: cannot create folder " + parent + ": " + e.getMessage());
        }
        ModelFiles.write(result, out, fmt, config, provenance);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("vectors", out.toString());
        summary.put("provenance", parent.resolve(Provenance.FILE_NAME).toString());
        summary.put("vocabulary", result.vocabulary().size());
        summary.put("words_trained", result.wordsTrained());
        summary.put("train_seconds", result.trainSeconds());
        summary.put("total_seconds", result.totalSeconds());
        summary.put("words_per_second", result.wordsPerSecond());
        summary.put("final_loss", result.finalLoss());
        PrintWriter o = spec.commandLine().getOut();
        o.println(Provenance.toJson(summary).replaceAll("\\s*\\n\\s*", " "));
        o.flush();
        if (!quiet) {
            err.printf(Locale.ROOT, "word2vec: %d words, %.1f s, %,.0f words/s, loss %.4f -> %s%n",
                    result.vocabulary().size(), result.trainSeconds(), result.wordsPerSecond(), result.finalLoss(), out);
            err.flush();
        }
        return 0;
    }
}
