package io.contrast4j.cli.search;

import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SemanticSearcher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrast4j index delete}: removes documents (all their passages) by id. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes documents by id and commits.")
public final class IndexDeleteCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index folder.")
    Path index;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "Document ids.")
    List<String> ids;

    @Override
    public Integer call() {
        int before;
        try (SemanticSearcher searcher = SemanticSearcher.open(index, null)) {
            before = searcher.passages();
        }
        try (SearchIndexWriter writer = SearchIndexWriter.openForDeletes(index)) {
            ids.forEach(writer::delete);
        }
        int after;
        try (SemanticSearcher searcher = SemanticSearcher.open(index, null)) {
            after = searcher.passages();
        }
        spec.commandLine().getOut().println("{\"index\": \"" + index + "\", \"passages_deleted\": " + (before - after) + "}");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
