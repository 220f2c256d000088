package io.contrast4j.cli.eval;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contrast4j eval ...}: SentEval/STS/word-level evaluation of a model or word vectors. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates a sentence model (--model) or word vectors (--vectors) the way the literature does.",
            "Datasets come from --data-dir or the environment variable CONTRAST4J_DATA (SentEval layout)."
        },
        subcommands = {StsEvalCommand.class, SentEvalCommand.class, WordSimEvalCommand.class, AnalogyEvalCommand.class,
            BitextEvalCommand.class, DiscourseEvalCommand.class, GlueEvalCommand.class, RetrievalEvalCommand.class,
            CompareCommand.class})
public final class EvalCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
