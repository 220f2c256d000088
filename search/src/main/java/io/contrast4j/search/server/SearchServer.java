package io.contrast4j.search.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.concurrent.DaemonThreads;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import io.contrast4j.search.SemanticSearcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search service: {@code GET /search?q=&k=&mode=&filter.<field>=} (JSON), {@code GET /health}
 * (JSON) and {@code GET /} (the search page). Nothing else is served: any other path is a 404,
 * any other method a 405. Bad parameters are answered with 400 and a JSON {@code {"error": "..."}};
 * oversized requests with 413/414/431; with an API key configured, {@code /search} without it gets
 * 401; a Host header the server was not meant to answer gets 421, a cross-site request 403.
 *
 * <p>HTTP runs on Jetty (see docs/search.md, "Security", for why not the JDK's server): its
 * non-blocking parser holds no thread while a slow client sends its request head, so slow clients
 * cost a connection slot, not a thread. Slots are bounded ({@link ServerSettings#maxConnections}),
 * and {@link HeaderDeadlines} closes a connection that has not sent a complete head within
 * {@link ServerSettings#headerTimeout}. Queries run on a separate bounded pool; when its queue is
 * full the request is answered 503 at once. Request bodies are never read (the API takes none).
 * A timer refreshes the searcher so commits by other processes (e.g. {@code index delete}) show.
 */
public final class SearchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_RESOURCE = "/io/contrast4j/search/web/index.html";
    private static final String FILTER_PREFIX = "filter.";
    /** Jetty's I/O threads: parse heads and hand queries to the search pool; never block on a client. */
    private static final int IO_THREADS = 16;

    private final SemanticSearcher searcher;
    private final ServerSettings settings;
    private final byte[] page;
    private final String pageCsp;
    private final byte[] apiKeyBytes;
    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final HeaderDeadlines deadlines;
    private final HostGuard hosts;

    public SearchServer(SemanticSearcher searcher, ServerSettings settings) {
        this.searcher = searcher;
        this.settings = settings;
        this.apiKeyBytes = settings.apiKey() == null ? null : settings.apiKey().getBytes(StandardCharsets.UTF_8);
        String html = loadPage();
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.pageCsp = contentSecurityPolicy(html);
        this.pool = searchPool(settings);
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("search-http-timer"));
        this.deadlines = new HeaderDeadlines(settings.headerTimeout());

        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 2);
        io.setName("search-http-io");
        io.setDaemon(true);
        this.server = new Server(io);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Routing compares the raw path with four fixed strings and serves no files, so paths such as
        // /..%2Fpom.xml are simply not found (404) rather than refused by the URI checks (400).
        http.setUriCompliance(UriCompliance.DEFAULT.with("contrast4j-search", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
                UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.addBean(deadlines);
        server.addConnector(connector);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(settings.maxConnections(), connector);
        // While at the limit, connections idle this long are closed to make room.
        limit.setEndPointIdleTimeout(Math.min(settings.idleTimeout().toMillis(), 1000));
        server.addBean(limit);
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                SearchServer.this.handle(request, response, callback);
                return true;
            }
        });
        try {
            connector.open();
        } catch (IOException e) {
            pool.shutdown();
            timer.shutdown();
            throw new UserInputException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        this.hosts = new HostGuard(settings.host(), settings.allowedHosts(), connector.getLocalPort());
    }

    /** The search pool: {@code threads} workers, {@code queue} waiting queries, then refusal (503). */
    private static ThreadPoolExecutor searchPool(ServerSettings settings) {
        BlockingQueue<Runnable> queue = settings.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(settings.queue());
        return new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS, queue,
                DaemonThreads.numbered("search-worker"), new ThreadPoolExecutor.AbortPolicy());
    }

    public SearchServer start() {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot start the HTTP server on " + url() + ": " + e.getMessage(), e);
        }
        long sweepMillis = Math.clamp(settings.headerTimeout().toMillis() / 4, 50, 500);
        timer.scheduleWithFixedDelay(deadlines::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        long refreshMillis = settings.refreshInterval().toMillis();
        if (refreshMillis > 0) {
            timer.scheduleWithFixedDelay(this::refresh, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        }
        if (settings.exposureWarning() != null) {
            LOG.warn(settings.exposureWarning());
        }
        return this;
    }

    private void refresh() {
        try {
            searcher.refresh();
        } catch (RuntimeException e) {
            // Keep serving the last good view; the next tick tries again.
            LOG.warn("cannot refresh the index: {}", e.getMessage());
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** Connections closed so far because their request head did not arrive within the header timeout. */
    public long slowConnectionsClosed() {
        return deadlines.closedCount();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the HTTP server: {}", e.toString());
        }
        connector.close();
        pool.shutdownNow();
    }

    private void handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        deadlines.answering(connection);
        // Lift the deadline before Jetty may parse a pipelined next request.
        Callback done = new Callback() {
            @Override
            public void succeeded() {
                deadlines.answered(connection);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                deadlines.answered(connection);
                callback.failed(x);
            }
        };
        Exchange exchange = new Exchange(request, response, done);
        try {
            route(exchange);
        } catch (RuntimeException e) {
            fail(exchange, e);
        }
    }

    private void fail(Exchange exchange, RuntimeException e) {
        if (e instanceof BadRequest b) {
            sendJson(exchange, b.status, Map.of("error", b.getMessage()));
        } else if (e instanceof UserInputException) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
        } else {
            LOG.error("request {} failed", exchange.request.getHttpURI(), e);
            sendJson(exchange, 500, Map.of("error", "internal error"));
        }
    }

    private void route(Exchange exchange) {
        Request request = exchange.request;
        HttpFields headers = request.getHeaders();
        String host = headers.get(HttpHeader.HOST);
        if (!hosts.acceptsHost(host)) {
            throw new BadRequest(421, "this server does not answer to Host '" + (host == null ? "" : host)
                    + "' (its bound address, the loopback names, or one of allowedHosts)");
        }
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        String target = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        if (target.length() > settings.maxRequestBytes()) {
            throw new BadRequest(414, "request target longer than " + settings.maxRequestBytes() + " bytes");
        }
        refuseBody(request);
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            throw new BadRequest(405, "method " + method + " not allowed (GET only)");
        }
        switch (rawPath) {
            case "/", "/index.html" -> sendPage(exchange);
            case "/health" -> sendJson(exchange, 200, health());
            case "/search" -> {
                if (!HostGuard.acceptsOrigin(headers.get(HttpHeader.ORIGIN), headers.get("Sec-Fetch-Site"), host)) {
                    throw new BadRequest(403, "cross-origin requests to /search are refused");
                }
                requireKey(exchange);
                Map<String, String> params = parseQuery(rawQuery);
                try {
                    pool.execute(() -> {
                        try {
                            sendJson(exchange, 200, search(params));
                        } catch (RuntimeException e) {
                            fail(exchange, e);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    exchange.response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                    throw new BadRequest(503, "busy: " + settings.threads() + " queries running and " + settings.queue()
                            + " waiting; try again shortly");
                }
            }
            default -> throw new BadRequest(404, "not found: this service answers /search, /health and /");
        }
    }

    /**
     * The API takes no body: refuse big or chunked ones; small ones are never read (Jetty discards
     * what has arrived and closes the connection if more was announced), so no thread or deadline
     * waits on a slow body.
     */
    private void refuseBody(Request request) {
        String length = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "invalid Content-Length");
            }
            if (n > settings.maxRequestBytes()) {
                throw new BadRequest(413, "request body larger than " + settings.maxRequestBytes() + " bytes");
            }
        } else if (request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            throw new BadRequest(413, "chunked request bodies are not accepted");
        }
    }

    private void requireKey(Exchange exchange) {
        if (apiKeyBytes == null) {
            return;
        }
        HttpFields headers = exchange.request.getHeaders();
        String given = headers.get("X-API-Key");
        if (given == null) {
            String auth = headers.get(HttpHeader.AUTHORIZATION);
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = auth.substring(7).trim();
            }
        }
        // Constant-time comparison: the time taken says nothing about how much of the key matched.
        if (given == null || !MessageDigest.isEqual(apiKeyBytes, given.getBytes(StandardCharsets.UTF_8))) {
            exchange.response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            throw new BadRequest(401, given == null ? "API key required (X-API-Key header)" : "invalid API key");
        }
    }

    private Map<String, Object> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("passages", searcher.passages());
        out.put("model", searcher.metadata().model());
        out.put("dimension", searcher.metadata().dimension());
        out.put("modes", searcher.hasEmbedder() ? List.of("vector", "text", "hybrid") : List.of("text"));
        out.put("auth_required", apiKeyBytes != null);
        out.put("max_k", settings.maxK());
        out.put("max_query_chars", settings.maxQueryChars());
        return out;
    }

    private Map<String, Object> search(Map<String, String> params) {
        String q = params.get("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest(400, "missing parameter q (the query)");
        }
        if (q.length() > settings.maxQueryChars()) {
            throw new BadRequest(400, "q is longer than " + settings.maxQueryChars() + " characters");
        }
        int k = 10;
        if (params.containsKey("k")) {
            try {
                k = Integer.parseInt(params.get("k").trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "k must be an integer, got '" + params.get("k") + "'");
            }
            if (k < 1 || k > settings.maxK()) {
                throw new BadRequest(400, "k must be in 1.." + settings.maxK() + ", got " + k);
            }
        }
        SearchMode mode = searcher.hasEmbedder() ? SearchMode.HYBRID : SearchMode.TEXT;
        if (params.containsKey("mode")) {
            mode = SearchMode.parse(params.get("mode"));
            if (mode != SearchMode.TEXT && !searcher.hasEmbedder()) {
                throw new BadRequest(400, "mode " + mode.label() + " needs the index's model; this server answers mode=text only");
            }
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(FILTER_PREFIX)) {
                filters.put(name.substring(FILTER_PREFIX.length()), e.getValue());
            } else if (!name.equals("q") && !name.equals("k") && !name.equals("mode")) {
                throw new BadRequest(400, "unknown parameter '" + name + "' (expected q, k, mode, filter.<field>)");
            }
        }
        SearchResults results = searcher.search(new SearchRequest(q, k, mode, filters, SearchRequest.DEFAULT_OVER_FETCH));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", results.query());
        out.put("mode", results.mode().label());
        out.put("k", results.k());
        out.put("took_ms", Math.round(results.tookMillis() * 1000) / 1000.0);
        out.put("model", searcher.metadata().model());
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit h : results.hits()) {
            hits.add(hitJson(h));
        }
        out.put("hits", hits);
        return out;
    }

    /** The JSON form of a hit, shared with the command line's output. */
    public static Map<String, Object> hitJson(SearchHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("passage", h.passage());
        m.put("score", h.score());
        m.put("snippet", h.snippet());
        m.put("text", h.text());
        m.put("language", h.language());
        m.put("fields", h.fields());
        m.put("vector_rank", h.vectorRank());
        m.put("text_rank", h.textRank());
        return m;
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, "malformed query string: " + e.getMessage());
            }
            if (params.put(name, value) != null) {
                throw new BadRequest(400, "parameter '" + name + "' given twice");
            }
        }
        return params;
    }

    private void sendPage(Exchange exchange) {
        HttpFields.Mutable h = exchange.response.getHeaders();
        h.put("Content-Security-Policy", pageCsp);
        send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private static void sendJson(Exchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send(exchange, status, "application/json; charset=utf-8", bytes);
    }

    private static void send(Exchange exchange, int status, String contentType, byte[] body) {
        Response response = exchange.response;
        response.setStatus(status);
        securityHeaders(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = exchange.request.getMethod().equals("HEAD");
        response.write(true, head ? null : ByteBuffer.wrap(body), exchange.callback);
    }

    private static void securityHeaders(HttpFields.Mutable h) {
        h.put("X-Content-Type-Options", "nosniff");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
    }

    private static String loadPage() {
        try (InputStream in = SearchServer.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PAGE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Allows exactly the page's own inline script and style (by hash) and requests to this origin. */
    static String contentSecurityPolicy(String html) {
        return "default-src 'none'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
                + "script-src " + hashes(html, "script") + "; style-src " + hashes(html, "style");
    }

    private static String hashes(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        List<String> out = new ArrayList<>();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            while (m.find()) {
                out.add("'sha256-" + Base64.getEncoder().encodeToString(sha.digest(m.group(1).getBytes(StandardCharsets.UTF_8))) + "'");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out.isEmpty() ? "'none'" : String.join(" ", out);
    }

    /** One request being answered. */
    private record Exchange(Request request, Response response, Callback callback) {}

    /** Errors Jetty answers itself (malformed requests, 414/431 from the parser) as JSON too. */
    private static final class JsonErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            String text = message == null || message.contains("Exception") ? HttpStatus.getMessage(code) : message;
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(Map.of("error", text));
            } catch (IOException e) {
                callback.failed(e);
                return;
            }
            securityHeaders(response.getHeaders());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** A client error with its HTTP status. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
