package io.contrast4j.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --out} folder and {@code --quiet} options (a picocli mixin). */
public final class OutputOptions {

    @Option(names = "--out", required = true, description = "Run / model folder to write.")
    public Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    public boolean quiet;
}
