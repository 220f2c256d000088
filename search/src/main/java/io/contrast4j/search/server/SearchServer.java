package io.contrast4j.search.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contrast4j.core.UserInputException;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import io.contrast4j.search.SemanticSearcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search service: {@code GET /search?q=&k=&mode=&filter.<field>=} (JSON), {@code GET /health}
 * (JSON) and {@code GET /} (the search page). Nothing else is served: any other path is a 404,
 * any other method a 405. Requests run on a bounded thread pool; bad parameters are answered with
 * 400 and a JSON {@code {"error": "..."}}; oversized requests with 413/414; with an API key
 * configured, {@code /search} without it gets 401.
 */
public final class SearchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_RESOURCE = "/io/contrast4j/search/web/index.html";
    private static final String FILTER_PREFIX = "filter.";

    private final SemanticSearcher searcher;
    private final ServerSettings settings;
    private final byte[] page;
    private final String pageCsp;
    private final byte[] apiKeyBytes;
    private final HttpServer server;
    private final ThreadPoolExecutor pool;

    public SearchServer(SemanticSearcher searcher, ServerSettings settings) {
        this.searcher = searcher;
        this.settings = settings;
        this.apiKeyBytes = settings.apiKey() == null ? null : settings.apiKey().getBytes(StandardCharsets.UTF_8);
        String html = loadPage();
        this.page = html.getBytes(StandardCharsets.UTF_8);
        this.pageCsp = contentSecurityPolicy(html);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queue())), r -> {
                    Thread t = new Thread(r, "search-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        } catch (IOException e) {
            pool.shutdown();
            throw new UserInputException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(pool);
    }

    public SearchServer start() {
        server.start();
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                route(exchange);
            } catch (BadRequest e) {
                sendJson(exchange, e.status, Map.of("error", e.getMessage()));
            } catch (UserInputException e) {
                sendJson(exchange, 400, Map.of("error", e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("request {} failed", exchange.getRequestURI(), e);
                sendJson(exchange, 500, Map.of("error", "internal error"));
            }
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        if (target.length() > settings.maxRequestBytes()) {
            throw new BadRequest(414, "request target longer than " + settings.maxRequestBytes() + " bytes");
        }
        drainBody(exchange);
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            throw new BadRequest(405, "method " + method + " not allowed (GET only)");
        }
        switch (exchange.getRequestURI().getRawPath()) {
            case "/", "/index.html" -> sendPage(exchange);
            case "/health" -> sendJson(exchange, 200, health());
            case "/search" -> {
                requireKey(exchange);
                sendJson(exchange, 200, search(parseQuery(exchange.getRequestURI().getRawQuery())));
            }
            default -> throw new BadRequest(404, "not found: this service answers /search, /health and /");
        }
    }

    /** Bodies are not used; refuse big ones and read small ones so the connection can be reused. */
    private void drainBody(HttpExchange exchange) throws IOException {
        Headers h = exchange.getRequestHeaders();
        String length = h.getFirst("Content-Length");
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
        } else if (h.containsKey("Transfer-Encoding")) {
            throw new BadRequest(413, "chunked request bodies are not accepted");
        }
        try (InputStream in = exchange.getRequestBody()) {
            in.readNBytes(settings.maxRequestBytes() + 1);
        }
    }

    private void requireKey(HttpExchange exchange) {
        if (apiKeyBytes == null) {
            return;
        }
        String given = exchange.getRequestHeaders().getFirst("X-API-Key");
        if (given == null) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = auth.substring(7).trim();
            }
        }
        // Constant-time comparison: the time taken says nothing about how much of the key matched.
        if (given == null || !MessageDigest.isEqual(apiKeyBytes, given.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
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

    private void sendPage(HttpExchange exchange) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", "text/html; charset=utf-8");
        h.set("Content-Security-Policy", pageCsp);
        send(exchange, 200, page);
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Cache-Control", "no-store");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
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

    /** A client error with its HTTP status. */
    private static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
