package io.contrast4j.cli.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.eval.compare.ComparisonReport;
import io.contrast4j.eval.compare.ReportComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrast4j eval compare A.json B.json}: differences between two reports with intervals and p-values. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two evaluation reports of the same tasks (B minus A): for every metric the difference, with a",
            "95% paired bootstrap interval and a p-value where the reports keep per-example results: McNemar's exact",
            "test for accuracies (details.<task>.test_correct), a paired permutation test for STS correlations",
            "(details.<task>.predicted/gold) and per-query retrieval measures (details.<task>.per_query)."
        })
public final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A.json", description = "The baseline report.")
    Path a;

    @Parameters(index = "1", paramLabel = "B.json", description = "The report compared with it.")
    Path b;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the comparison here, plus FILE.md and FILE.html. Default: JSON on stdout.")
    Path out;

    @Option(names = "--bootstrap", defaultValue = "2000", paramLabel = "N", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--permutations", defaultValue = "2000", paramLabel = "N", description = "Permutations of the paired permutation test (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the resampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (bootstrap < 1) throw new UserInputException("--bootstrap must be >= 1, got " + bootstrap);
        if (permutations < 1) throw new UserInputException("--permutations must be >= 1, got " + permutations);
        Provenance provenance = Provenance.start("eval compare", EvalOptions.args(spec));
        provenance.input(a).input(b).seed(seed).config("bootstrap", bootstrap).config("permutations", permutations);
        ReportComparison.Result result = ReportComparison.compare(read(a), read(b), new ReportComparison.Settings(bootstrap, permutations, seed));
        ComparisonReport report = new ComparisonReport(result, a.toString(), b.toString(), provenance.finish());
        PrintWriter err = spec.commandLine().getErr();
        err.print(report.table());
        if (!result.mcnemar().isEmpty()) err.print("\n" + report.mcnemarTable());
        if (!result.onlyInA().isEmpty()) err.println("only in " + a + ": " + String.join(", ", result.onlyInA()));
        if (!result.onlyInB().isEmpty()) err.println("only in " + b + ": " + String.join(", ", result.onlyInB()));
        if (out != null) {
            for (Path p : report.write(out)) err.println("wrote " + p);
        } else {
            spec.commandLine().getOut().println(report.toJson());
        }
        err.flush();
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserInputException("report not found: " + file);
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not a JSON report (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
