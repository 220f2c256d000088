package io.contrast4j.cli.word2vec;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contrast4j word2vec ...}: train word vectors and query them. */
@Command(
        name = "word2vec",
        mixinStandardHelpOptions = true,
        description = "Word2vec with negative sampling: train, query neighbours, prepare corpora.",
        subcommands = {Word2VecTrainCommand.class, Word2VecNeighborsCommand.class, Word2VecTokenizeCommand.class})
public final class Word2VecCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
