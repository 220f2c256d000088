package io.contrast4j.data;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each evaluation task's files live under a datasets root, following SentEval's own layout
 * ({@code <root>/senteval/STS/STS12-en-test/...}, {@code <root>/senteval/MR/rt-polarity.pos}, ...)
 * and {@code <root>/wordsim/...}. For convenience the root may also be the {@code senteval} folder
 * itself. Every method checks the path and throws a {@link UserInputException} naming the exact
 * path that is missing.
 */
public final class SentEvalLayout {
    private static final Pattern STS_FOLDER = Pattern.compile("STS(\\d\\d)-en-test");

    private SentEvalLayout() {}

    /** The two files of a binary classification task: label "1" and label "0", in SentEval's order. */
    public record BinaryFiles(Path positive, Path negative) {}

    /** The {@code senteval} folder: {@code root/senteval}, or {@code root} itself when it already is one. */
    public static Path senteval(Path root) {
        Path nested = root.resolve("senteval");
        if (Files.isDirectory(nested)) return nested;
        if (Files.isDirectory(root.resolve("STS")) || Files.isDirectory(root.resolve("MR"))) return root;
        throw new UserInputException("folder not found: " + nested.toAbsolutePath());
    }

    /** The {@code wordsim} folder of the datasets root. */
    public static Path wordsim(Path root) {
        return DataFiles.requireDirectory(root.resolve("wordsim"));
    }

    /** A SemEval STS year folder, {@code task} being {@code STS12}..{@code STS16} (or the folder name). */
    public static Path stsYear(Path root, String task) {
        String folder = task.toUpperCase(Locale.ROOT).startsWith("STS") && task.length() == 5
                ? task.toUpperCase(Locale.ROOT) + "-en-test"
                : task;
        return DataFiles.requireDirectory(senteval(root).resolve("STS").resolve(folder));
    }

    /**
     * The STS year tasks present under the root ({@code STS12}..{@code STS16}), sorted: a folder
     * {@code STSnn-en-test} gives task {@code STSnn}. Empty when the STS folder is absent.
     */
    public static List<String> stsYears(Path root) {
        Path sts;
        try {
            sts = senteval(root).resolve("STS");
        } catch (UserInputException e) {
            return List.of();
        }
        if (!Files.isDirectory(sts)) return List.of();
        try (Stream<Path> dirs = Files.list(sts)) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> STS_FOLDER.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> "STS" + m.group(1))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** STS Benchmark {@code sts-<split>.csv}, split {@code train}, {@code dev} or {@code test}. */
    public static Path stsBenchmark(Path root, String split) {
        String s = split(split, "train", "dev", "test");
        return DataFiles.requireFile(senteval(root).resolve("STS/STSBenchmark/sts-" + s + ".csv"));
    }

    /** SICK: {@code train} (SICK_train.txt), {@code trial} or {@code dev} (SICK_trial.txt), {@code test} (SICK_test_annotated.txt). */
    public static Path sick(Path root, String split) {
        String s = split(split, "train", "trial", "dev", "test");
        String file = switch (s) {
            case "train" -> "SICK_train.txt";
            case "test" -> "SICK_test_annotated.txt";
            default -> "SICK_trial.txt";
        };
        return DataFiles.requireFile(senteval(root).resolve("SICK").resolve(file));
    }

    /** MRPC {@code msr_paraphrase_<split>.txt}, split {@code train} or {@code test}. */
    public static Path mrpc(Path root, String split) {
        String s = split(split, "train", "test");
        return DataFiles.requireFile(senteval(root).resolve("MRPC/msr_paraphrase_" + s + ".txt"));
    }

    /** SST {@code sentiment-<split>} under {@code SST/binary} (SST-2) or {@code SST/fine} (SST-5). */
    public static Path sst(Path root, boolean fine, String split) {
        String s = split(split, "train", "dev", "test");
        return DataFiles.requireFile(senteval(root).resolve("SST").resolve(fine ? "fine" : "binary").resolve("sentiment-" + s));
    }

    /** TREC: {@code train} is {@code train_5500.label}, {@code test} is {@code TREC_10.label}. */
    public static Path trec(Path root, String split) {
        String s = split(split, "train", "test");
        return DataFiles.requireFile(senteval(root).resolve("TREC").resolve(s.equals("train") ? "train_5500.label" : "TREC_10.label"));
    }

    /**
     * The two files of MR, CR, SUBJ or MPQA. Label "1" goes to the file SentEval passes first:
     * {@code rt-polarity.pos}, {@code custrev.pos}, {@code mpqa.pos} and, for SUBJ,
     * {@code subj.objective} (SentEval's SUBJEval passes objective first, so objective = 1).
     */
    public static BinaryFiles binaryTask(Path root, String task) {
        Path se = senteval(root);
        BinaryFiles f = switch (task.toUpperCase(Locale.ROOT)) {
            case "MR" -> new BinaryFiles(se.resolve("MR/rt-polarity.pos"), se.resolve("MR/rt-polarity.neg"));
            case "CR" -> new BinaryFiles(se.resolve("CR/custrev.pos"), se.resolve("CR/custrev.neg"));
            case "SUBJ" -> new BinaryFiles(se.resolve("SUBJ/subj.objective"), se.resolve("SUBJ/subj.subjective"));
            case "MPQA" -> new BinaryFiles(se.resolve("MPQA/mpqa.pos"), se.resolve("MPQA/mpqa.neg"));
            default -> throw new UserInputException("unknown binary classification task '" + task + "' (expected MR, CR, SUBJ or MPQA)");
        };
        DataFiles.requireFile(f.positive());
        DataFiles.requireFile(f.negative());
        return f;
    }

    /** {@code wordsim/wordsim353.tsv}. */
    public static Path wordSim353(Path root) {
        return DataFiles.requireFile(root.resolve("wordsim/wordsim353.tsv"));
    }

    /** {@code wordsim/simlex999.txt}. */
    public static Path simLex999(Path root) {
        return DataFiles.requireFile(root.resolve("wordsim/simlex999.txt"));
    }

    /** {@code wordsim/questions-words.txt} (the Google analogy set). */
    public static Path analogies(Path root) {
        return DataFiles.requireFile(root.resolve("wordsim/questions-words.txt"));
    }

    private static String split(String split, String... allowed) {
        String s = split.toLowerCase(Locale.ROOT);
        for (String a : allowed) if (a.equals(s)) return s;
        throw new UserInputException("unknown split '" + split + "' (expected one of " + String.join(", ", allowed) + ")");
    }
}
