package io.contrast4j.cli.options;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The shared training-data options: {@code --corpus}, {@code --pairs}, {@code --data-dir} (a picocli mixin). */
public final class DataOptions {

    @Option(names = "--corpus", description = "Training text: one document a line, paragraphs, or JSONL (gzip ok); not for pairs or infoxlm.")
    public Path corpus;

    @Option(names = "--pairs", paramLabel = "FILE.tsv",
            description = "infoxlm: parallel source<TAB>target files (repeatable; held-out pairs are dropped);"
                    + " pairs: anchor<TAB>positive files (repeatable).")
    public List<Path> pairs;

    @Option(names = "--data-dir", description = "Datasets folder (default: $CONTRAST4J_DATA).")
    public Path dataDir;
}
