package io.contrast4j.cli.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.SemanticSearcher;
import io.contrast4j.search.server.SearchServer;
import io.contrast4j.search.server.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j serve}: the HTTP search service and its page, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serves an index over HTTP: GET /search?q=&k=&mode=vector|text|hybrid&filter.FIELD=VALUE",
            "(JSON), GET /health (JSON) and a search page at /. Binds 127.0.0.1 unless --host says",
            "otherwise. With --api-key-file, /search needs the key (X-API-Key or Authorization: Bearer).",
            "Answers only Host headers naming the bound address (and loopback names, or --allowed-host),",
            "refuses cross-site browser requests to /search, and picks up commits (index delete) every",
            "--refresh-ms. Limits: see docs/search.md, Security. Stop with Ctrl-C."
        })
public final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", required = true, description = "Index folder.")
    Path index;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 = any free (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--api-key-file", description = "File whose first line is the API key /search requires.")
    Path apiKeyFile;

    @Option(names = "--threads", description = "Queries answered at once (default: cores, at least 2).")
    Integer threads;

    @Option(names = "--max-k", defaultValue = "100", description = "Largest k accepted (default: ${DEFAULT-VALUE}).")
    int maxK;

    @Option(names = "--max-query-chars", defaultValue = "1000", description = "Longest query accepted (default: ${DEFAULT-VALUE}).")
    int maxQueryChars;

    @Option(names = "--max-request-bytes", defaultValue = "8192", description = "Longest request target / body (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--queue", defaultValue = "" + ServerSettings.DEFAULT_QUEUE,
            description = "Queries waiting for a search thread; beyond that 503 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-connections", defaultValue = "" + ServerSettings.DEFAULT_MAX_CONNECTIONS,
            description = "Open connections at once; more wait to be accepted (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-header-bytes", defaultValue = "" + ServerSettings.DEFAULT_MAX_HEADER_BYTES,
            description = "Largest request line + headers; beyond that 414/431 (default: ${DEFAULT-VALUE}).")
    int maxHeaderBytes;

    @Option(names = "--header-timeout-ms", defaultValue = "10000",
            description = "Time a connection has to send a complete request head (also the keep-alive limit) (default: ${DEFAULT-VALUE}).")
    long headerTimeoutMs;

    @Option(names = "--idle-timeout-ms", defaultValue = "5000",
            description = "Longest stall of a read or write on a connection (default: ${DEFAULT-VALUE}).")
    long idleTimeoutMs;

    @Option(names = "--allowed-host", split = ",", paramLabel = "NAME[:PORT]",
            description = "Host header name also answered (repeatable), e.g. the name a proxy or LAN clients use.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--refresh-ms", defaultValue = "1000",
            description = "How often to pick up new commits (index delete, updates); 0 = never (default: ${DEFAULT-VALUE}).")
    long refreshMs;

    @Option(names = "--model", description = "Model for query embeddings (default: the one the index records).")
    String model;

    @Option(names = "--text-only", description = "Serve BM25 only; load no model.")
    boolean textOnly;

    /** What {@link #start} opened, closed together. */
    public record Running(SearchServer server, SemanticSearcher searcher, Embedder embedder) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            searcher.close();
            if (embedder != null) {
                embedder.close();
            }
        }
    }

    /** Opens the index and model and starts serving; returns at once (used by {@link #call} and tests). */
    public Running start() {
        ServerSettings settings = ServerSettings.defaults().withHost(host).withPort(port).withApiKey(readKey())
                .withLimits(maxQueryChars, maxK, maxRequestBytes).withQueue(queue)
                .withConnectionLimits(maxConnections, maxHeaderBytes, Duration.ofMillis(headerTimeoutMs), Duration.ofMillis(idleTimeoutMs))
                .withAllowedHosts(allowedHosts).withRefreshInterval(Duration.ofMillis(refreshMs));
        if (threads != null) {
            settings = settings.withThreads(threads);
        }
        String warning = settings.exposureWarning();
        if (warning != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("!".repeat(78));
            err.println(warning);
            err.println("!".repeat(78));
            err.flush();
        }
        IndexMetadata metadata = IndexModel.metadata(index);
        Embedder embedder = textOnly ? null : IndexModel.load(metadata, model);
        SemanticSearcher searcher = null;
        try {
            searcher = SemanticSearcher.open(index, embedder);
            SearchServer server = new SearchServer(searcher, settings).start();
            return new Running(server, searcher, embedder);
        } catch (RuntimeException e) {
            if (searcher != null) {
                searcher.close();
            }
            if (embedder != null) {
                embedder.close();
            }
            throw e;
        }
    }

    private String readKey() {
        return apiKeyFile == null ? null : io.contrast4j.core.io.ApiKeyFile.read(apiKeyFile, "--api-key-file");
    }

    @Override
    public Integer call() throws InterruptedException {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "serve-shutdown"));
        PrintWriter err = spec.commandLine().getErr();
        err.println("serve: " + running.searcher().passages() + " passages, model " + running.searcher().metadata().model()
                + (running.embedder() == null ? " (text only)" : "") + ", listening on " + running.server().url()
                + (apiKeyFile != null ? " (API key required)" : ""));
        err.flush();
        stopped.await();
        return 0;
    }
}
