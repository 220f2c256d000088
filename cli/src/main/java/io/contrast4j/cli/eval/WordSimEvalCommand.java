package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.WordSimReader;
import io.contrast4j.eval.TaskNames;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.word.WordSimilarityEvaluation;
import java.nio.file.Files;
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

/** {@code contrast4j eval wordsim}: word-similarity correlation of word vectors. */
@Command(
        name = "wordsim",
        mixinStandardHelpOptions = true,
        description = {
            "Spearman (x100) of word-vector cosine against human scores: wordsim353, simlex999 (from the data dir)",
            "and any 'word word score' file given with --file (task = file name without extension).",
            "Pairs with an out-of-vocabulary word are counted (oov_pairs, coverage) and listed in the report's details.",
            "Words are matched exactly, else case-insensitively to the most frequent variant (gensim's default)."
        })
public final class WordSimEvalCommand implements Callable<Integer> {
    static final List<String> BUILT_IN = List.of("wordsim353", "simlex999");

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--file", paramLabel = "FILE", description = "Extra word-pair file(s): word TAB word TAB score, '#' comments.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--case-sensitive", description = "Match words exactly only.")
    boolean caseSensitive;

    @Override
    public Integer call() {
        Map<String, Path> available = new LinkedHashMap<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new UserInputException("--file: file not found: " + f);
            available.put(f.getFileName().toString().replaceFirst("\\.[^.]*$", ""), f);
        }
        Path root = null;
        if (files.isEmpty() || options.dataDir != null || io.contrast4j.data.DataDirectory.fromEnvironment().isPresent()) {
            root = options.dataRoot();
            if (Files.isRegularFile(root.resolve("wordsim/wordsim353.tsv"))) available.putIfAbsent("wordsim353", SentEvalLayout.wordSim353(root));
            if (Files.isRegularFile(root.resolve("wordsim/simlex999.txt"))) available.putIfAbsent("simlex999", SentEvalLayout.simLex999(root));
        }
        List<String> tasks = TaskNames.select(options.tasks, allNames(available), new ArrayList<>(available.keySet()));
        for (String t : tasks) { // a named built-in task whose file is missing is reported by its exact path
            if (available.containsKey(t)) continue;
            Path r = root != null ? root : options.dataRoot();
            available.put(t, t.equals("wordsim353") ? SentEvalLayout.wordSim353(r) : SentEvalLayout.simLex999(r));
        }
        if (tasks.isEmpty()) throw new UserInputException("no word-similarity file: none under the data dir's wordsim/ and no --file");
        Provenance provenance = options.provenance("eval wordsim", spec, tasks).config("case_sensitive", caseSensitive);
        WordVectors vectors = options.wordVectors();
        provenance.input(options.vectors);
        EvalReport report = new EvalReport(options.vectors.getFileName().toString(), null);
        WordSimilarityEvaluation evaluation = new WordSimilarityEvaluation(!caseSensitive);
        for (String t : tasks) {
            provenance.input(available.get(t));
            report.add(evaluation.evaluate(t, WordSimReader.read(available.get(t)), vectors));
        }
        options.emit(StsEvalCommand.withProvenance(report, provenance), provenance, spec);
        return 0;
    }

    private static List<String> allNames(Map<String, Path> available) {
        List<String> names = new ArrayList<>(BUILT_IN);
        for (String k : available.keySet()) if (!names.contains(k)) names.add(k);
        return names;
    }
}
