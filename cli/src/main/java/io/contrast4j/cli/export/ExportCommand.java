package io.contrast4j.cli.export;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contrast4j export}: writes a model in a format other tools serve. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Exports a sentence encoder for other runtimes.",
        subcommands = {OnnxExportCommand.class})
public final class ExportCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
