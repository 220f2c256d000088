package io.contrast4j.cli;

import io.contrast4j.core.io.BoundedLineReader;
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

    /** Sets the line cap of every reader (see BoundedLineReader) for this run. */
    @CommandLine.Option(names = "--max-line-bytes", scope = CommandLine.ScopeType.LOCAL, paramLabel = "N",
            description = "Longest input line accepted by every reader, in bytes (e.g. 1048576, 4m); "
                    + "default 1m or $" + BoundedLineReader.MAX_LINE_ENV + ". Give it before the command.")
    void setMaxLineBytes(String value) {
        int n = BoundedLineReader.parseMaxLineBytes(value, "--max-line-bytes");
        System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, Integer.toString(n));
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (used by tests too). */
    public static int execute(String... args) {
        return run(newCommandLine(), args);
    }

    /** Runs a command line with its stdout and stderr sent to the given writers (quickstart, tests). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = run(cli, args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line with {@link CommandFailures} handling every failure: one line on stderr,
     * exit 2 for the user's input, 1 for the environment, traces only in a log file.
     */
    private static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new Contrast4j());
        CommandFailures failures = new CommandFailures();
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        return cli;
    }

    private static int run(CommandLine cli, String... args) {
        // --max-line-bytes holds for this run only (tests and the quickstart run several in one JVM)
        String lineCap = System.getProperty(BoundedLineReader.MAX_LINE_PROPERTY);
        try {
            return cli.execute(args);
        } catch (Throwable e) { // Errors (OutOfMemoryError, StackOverflowError) are not handed to the handler
            return CommandFailures.report(e, cli);
        } finally {
            if (lineCap == null) System.clearProperty(BoundedLineReader.MAX_LINE_PROPERTY);
            else System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, lineCap);
        }
    }
}
