package io.contrast4j.cli.pretrain;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Dev evaluation and the before/after report of {@code pretrain} (a picocli mixin). */
public final class EvaluationOptions {

    /** {@code --dev}: the dev task for --eval-every and best/. */
    enum DevTask {
        STSB, HELDOUT, NONE, AUTO;

        static final class Converter implements CommandLine.ITypeConverter<DevTask> {
            @Override
            public DevTask convert(String value) {
                return io.contrast4j.cli.options.EnumOption.parse(DevTask.class, "--dev", value);
            }
        }
    }

    @Option(names = "--dev", defaultValue = "auto", converter = DevTask.Converter.class,
            description = "Dev task for --eval-every and best/: stsb (STS-B dev, needs --data-dir or CONTRAST4J_DATA),"
                    + " heldout (held-out document retrieval, declutr), none, auto (default: ${DEFAULT-VALUE}).")
    DevTask dev;

    @Option(names = "--report", description = "Measure before and after: STS average (all STS sets found) and,"
            + " for declutr, held-out document retrieval; written to report.json.")
    boolean report;

    @Option(names = "--report-tasks", split = ",",
            description = "STS tasks for --report, e.g. STSBenchmark,STS12, or none (default: every STS set found).")
    List<String> reportTasks;

    @Option(names = "--heldout-chunk", defaultValue = "128", description = "Held-out retrieval: words per document chunk (default: ${DEFAULT-VALUE}).")
    int heldoutChunk;

    @Option(names = "--heldout-chunks", defaultValue = "8", description = "Held-out retrieval: chunks per document (default: ${DEFAULT-VALUE}).")
    int heldoutChunks;

    @Option(names = "--heldout-queries", defaultValue = "4", description = "Held-out retrieval: 32-word query spans per document (default: ${DEFAULT-VALUE}).")
    int heldoutQueries;
}
