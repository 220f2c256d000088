package io.contrast4j.cli.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.opensearch.OpenSearchConnection;
import io.contrast4j.opensearch.OpenSearchExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j index export}: copies a local index into an OpenSearch cluster. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Bulk-loads the passages of a local index (stored vectors and texts, no re-encoding) into an",
            "OpenSearch index: a knn_vector field (Lucene engine HNSW, inner product on unit vectors),",
            "BM25 text, and the model's name and dimension in the mapping _meta. An existing OpenSearch",
            "index with another model is refused. Prints a JSON summary on stdout."
        })
public final class IndexExportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, description = "Local index folder.")
    Path index;

    @Option(names = "--opensearch", required = true, paramLabel = "URL", description = "Cluster URL, e.g. http://127.0.0.1:9200.")
    String opensearch;

    @Option(names = "--os-index", required = true, paramLabel = "NAME", description = "OpenSearch index (created when missing).")
    String osIndex;

    @Option(names = "--api-key-file", paramLabel = "F", description = "File whose first line is an API key (sent as 'Authorization: ApiKey ...').")
    Path apiKeyFile;

    @Option(names = "--batch-size", defaultValue = "500", description = "Passages per bulk request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws Exception {
        String key = apiKeyFile == null ? null : OpenSearchConnection.readApiKey(apiKeyFile);
        OpenSearchExporter.Result r;
        try (OpenSearchConnection c = OpenSearchConnection.open(opensearch, key)) {
            r = OpenSearchExporter.export(index, c.client(), osIndex, batchSize);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (java.io.UncheckedIOException | org.opensearch.client.opensearch._types.OpenSearchException e) {
            throw new UserInputException("OpenSearch at " + opensearch + ": " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", index.toString());
        out.put("opensearch", opensearch);
        out.put("os_index", r.index());
        out.put("model", r.model());
        out.put("dimension", r.dimension());
        out.put("passages", r.passages());
        out.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        PrintWriter o = spec.commandLine().getOut();
        o.println(new ObjectMapper().writeValueAsString(out));
        o.flush();
        return 0;
    }
}
