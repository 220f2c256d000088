package io.contrast4j.cli.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import io.contrast4j.search.SemanticSearcher;
import io.contrast4j.search.server.SearchServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j search}: one query against an index, results as JSON on stdout. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {
            "Queries a search index: vector (HNSW kNN with the index's model), text (BM25) or hybrid",
            "(reciprocal rank fusion of both, c = 60). Prints the hits as JSON on stdout."
        })
public final class SearchCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", description = "Index folder (or --opensearch URL --os-index NAME).")
    Path index;

    @Option(names = "--opensearch", paramLabel = "URL", description = "Query an OpenSearch cluster instead (an index made by 'index export').")
    String opensearch;

    @Option(names = "--os-index", paramLabel = "NAME", description = "With --opensearch: the OpenSearch index.")
    String osIndex;

    @Option(names = "--api-key-file", paramLabel = "F", description = "With --opensearch: file whose first line is an API key.")
    Path apiKeyFile;

    @Option(names = "--query", required = true, description = "The query text.")
    String query;

    @Option(names = "--k", defaultValue = "10", description = "Hits to return (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--mode", defaultValue = "hybrid", description = "vector, text or hybrid (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--filter", paramLabel = "FIELD=VALUE", description = "Exact-match filter, repeatable (e.g. language=en).")
    Map<String, String> filters = new LinkedHashMap<>();

    @Option(names = "--over-fetch", defaultValue = "" + SearchRequest.DEFAULT_OVER_FETCH,
            description = "Candidates per list = max(k, over-fetch * k) (default: ${DEFAULT-VALUE}).")
    int overFetch;

    @Option(names = "--model", description = "Model to embed the query (default: the one the index records).")
    String model;

    @Override
    public Integer call() throws Exception {
        SearchMode searchMode = SearchMode.parse(mode);
        if (k < 1 || k > 10_000) {
            throw new UserInputException("--k must be in 1..10000, got " + k);
        }
        SearchRequest request = new SearchRequest(query, k, searchMode, filters, overFetch);
        if ((index == null) == (opensearch == null)) {
            throw new UserInputException("give either --index DIR or --opensearch URL --os-index NAME");
        }
        if (opensearch != null && osIndex == null) {
            throw new UserInputException("--opensearch needs --os-index NAME");
        }
        IndexMetadata metadata;
        Embedder embedder = null;
        SearchResults results;
        if (opensearch != null) {
            String key = apiKeyFile == null ? null : io.contrast4j.opensearch.OpenSearchConnection.readApiKey(apiKeyFile);
            try (io.contrast4j.opensearch.OpenSearchConnection c = io.contrast4j.opensearch.OpenSearchConnection.open(opensearch, key)) {
                metadata = io.contrast4j.opensearch.OpenSearchSearcher.metadata(c.client(), osIndex);
                embedder = searchMode == SearchMode.TEXT ? null : IndexModel.load(metadata, model);
                results = io.contrast4j.opensearch.OpenSearchSearcher.open(c.client(), osIndex, embedder).search(request);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            } catch (java.io.UncheckedIOException | org.opensearch.client.opensearch._types.OpenSearchException e) {
                throw new UserInputException("OpenSearch at " + opensearch + ": " + e.getMessage());
            } finally {
                if (embedder != null) {
                    embedder.close();
                }
            }
        } else {
            metadata = IndexModel.metadata(index);
            embedder = searchMode == SearchMode.TEXT ? null : IndexModel.load(metadata, model);
            try (SemanticSearcher searcher = SemanticSearcher.open(index, embedder)) {
                results = searcher.search(request);
            } finally {
                if (embedder != null) {
                    embedder.close();
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", results.query());
        out.put("mode", results.mode().label());
        out.put("k", results.k());
        out.put("model", metadata.model());
        out.put("took_ms", Math.round(results.tookMillis() * 1000) / 1000.0);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit h : results.hits()) {
            hits.add(SearchServer.hitJson(h));
        }
        out.put("hits", hits);
        PrintWriter o = spec.commandLine().getOut();
        o.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        o.flush();
        return 0;
    }
}
