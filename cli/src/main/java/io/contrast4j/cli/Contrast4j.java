package io.contrast4j.cli;

import io.contrast4j.core.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code contrast4j} command. Each area registers its subcommand class in {@code subcommands}
 * below; a command exists only once it is built.
 */
@Command(
        name = "contrast4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Contrastive self-supervised learning of text representations on the JVM.",
        subcommands = {
            CommandLine.HelpCommand.class,
            io.contrast4j.cli.encode.EncodeCommand.class,
            io.contrast4j.cli.eval.EvalCommand.class,
            io.contrast4j.cli.word2vec.Word2VecCommand.class,
            io.contrast4j.cli.data.DataCommand.class,
            io.contrast4j.cli.search.IndexCommand.class,
            io.contrast4j.cli.search.SearchCommand.class,
            io.contrast4j.cli.search.ServeCommand.class,
            io.contrast4j.cli.pretrain.PretrainCommand.class,
            io.contrast4j.cli.mine.MineCommand.class,
            io.contrast4j.cli.quickstart.QuickstartCommand.class,
            io.contrast4j.cli.export.ExportCommand.class,
        })
public final class Contrast4j implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (used by tests too). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Contrast4j());
        cli.setExecutionExceptionHandler(Contrast4j::handleFailure);
        return cli.execute(args);
    }

    /** Runs a command line with its stdout and stderr sent to the given writers (quickstart, tests). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Contrast4j());
        cli.setExecutionExceptionHandler(Contrast4j::handleFailure);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** User errors become one line on stderr and exit code 2; anything else is a bug and shows its trace. */
    private static int handleFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof UserInputException) {
                cmd.getErr().println("error: " + cause.getMessage());
                return 2;
            }
            cause = cause.getCause();
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof java.nio.file.NoSuchFileException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }
        e.printStackTrace(cmd.getErr());
        return 1;
    }
}
