package io.contrast4j.cli.search;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contrast4j index}: builds and maintains search indexes. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Build a Lucene search index (HNSW vectors + BM25 text) from a corpus.",
        subcommands = {IndexBuildCommand.class, IndexDeleteCommand.class, IndexExportCommand.class})
public final class IndexCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
