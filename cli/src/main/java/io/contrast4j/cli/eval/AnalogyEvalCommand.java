package io.contrast4j.cli.eval;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.WordVectors;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.AnalogyQuestion;
import io.contrast4j.data.AnalogyReader;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.eval.EvalProgress;
import io.contrast4j.eval.TaskNames;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.report.EvalReport;
import io.contrast4j.eval.word.AnalogyEvaluation;
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

/** {@code contrast4j eval analogy}: word analogies by 3CosAdd and 3CosMul. */
@Command(
        name = "analogy",
        mixinStandardHelpOptions = true,
        description = {
            "Analogy accuracy (x100) by 3CosAdd and 3CosMul (Levy & Goldberg 2014) over the --restrict-vocab most",
            "frequent words (gensim's evaluate_word_analogies default: 30000): questions-words from the data dir, or",
            "any file in its format (': section' headers, 4 words a line) with --file. Per section, semantic /",
            "syntactic ('gram*' sections) totals; questions with a word outside the vocabulary are counted, not asked."
        })
public final class AnalogyEvalCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EvalOptions options;

    @Option(names = "--file", paramLabel = "FILE", description = "Analogy file(s) in questions-words format.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--restrict-vocab", defaultValue = "30000", description = "Candidate vocabulary: the N most frequent words (default: ${DEFAULT-VALUE}).")
    int restrictVocab;

    @Option(names = "--case-sensitive", description = "Match words exactly only.")
    boolean caseSensitive;

    @Override
    public Integer call() {
        if (restrictVocab < 1) throw new UserInputException("--restrict-vocab must be >= 1, got " + restrictVocab);
        Map<String, Path> available = new LinkedHashMap<>();
        if (files.isEmpty() || options.dataDir != null || io.contrast4j.data.DataDirectory.fromEnvironment().isPresent()) {
            Path root = options.dataRoot();
            boolean present = Files.isRegularFile(root.resolve("wordsim/questions-words.txt"));
            boolean named = options.tasks != null && options.tasks.toLowerCase().contains("questions-words");
            if (present || named || files.isEmpty()) available.put("questions-words", SentEvalLayout.analogies(root));
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new UserInputException("--file: file not found: " + f);
            available.put(f.getFileName().toString().replaceFirst("\\.[^.]*$", ""), f);
        }
        List<String> valid = new ArrayList<>(available.keySet());
        if (!valid.contains("questions-words")) valid.add(0, "questions-words");
        List<String> tasks = TaskNames.select(options.tasks, valid, new ArrayList<>(available.keySet()));
        Provenance provenance = options.provenance("eval analogy", spec, tasks)
                .config("restrict_vocab", restrictVocab).config("case_sensitive", caseSensitive);
        WordVectors vectors = options.wordVectors();
        provenance.input(options.vectors);
        EvalReport report = new EvalReport(options.vectors.getFileName().toString(), null);
        AnalogyEvaluation evaluation = new AnalogyEvaluation(restrictVocab, !caseSensitive);
        for (String t : tasks) {
            provenance.input(available.get(t));
            List<AnalogyQuestion> questions = AnalogyReader.read(available.get(t));
            TaskResult r;
            try (EvalProgress bar = EvalProgress.start(options.progress(), t, questions.size(), "q")) {
                r = evaluation.evaluate(t, questions, vectors, bar.stepper());
            }
            report.add(r);
        }
        options.emit(StsEvalCommand.withProvenance(report, provenance), provenance, spec);
        return 0;
    }
}
