package io.contrast4j.search.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.search.HashingEmbedder;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SemanticSearcher;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP service on loopback: API, page, status codes, limits, API key, concurrency. */
class SearchServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HashingEmbedder EMBEDDER = new HashingEmbedder(256);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir static Path dir;
    static SemanticSearcher searcher;
    static SearchServer open;
    static SearchServer keyed;

    @BeforeAll
    static void start() {
        Path index = dir.resolve("index");
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", IndexSettings.DEFAULT, null)) {
            writer.add(new IndexDocument("bread", "Knead the dough, let the bread rise, then bake it in a hot oven.", "en", Map.of("topic", "food")));
            writer.add(new IndexDocument("soup", "Simmer the onion soup slowly with thyme and a little wine.", "en", Map.of("topic", "food")));
            writer.add(new IndexDocument("train", "The night train crosses the mountains and reaches the coast at dawn.", "en", Map.of("topic", "travel")));
            writer.add(new IndexDocument("xss", "<script>alert('x')</script> bread crumbs", "en", Map.of("topic", "test")));
        }
        searcher = SemanticSearcher.open(index, EMBEDDER);
        ServerSettings base = ServerSettings.defaults().withPort(0).withThreads(4).withLimits(200, 50, 2048);
        open = new SearchServer(searcher, base).start();
        keyed = new SearchServer(searcher, base.withApiKey("s3cret-key")).start();
    }

    @AfterAll
    static void stop() {
        open.close();
        keyed.close();
        searcher.close();
    }

    private static HttpResponse<String> get(SearchServer server, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request the JDK client refuses to send (e.g. a malformed escape), over a plain socket. */
    private static String raw(SearchServer server, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        return JSON.readTree(r.body());
    }

    @Test
    void bindsLoopbackByDefault() {
        assertEquals("127.0.0.1", ServerSettings.defaults().host());
        assertTrue(open.url().startsWith("http://127.0.0.1:"));
    }

    @Test
    void searchAnswersJsonInEveryMode() throws Exception {
        for (String mode : List.of("vector", "text", "hybrid")) {
            HttpResponse<String> r = get(open, "/search?q=" + q("bake bread in the oven") + "&k=2&mode=" + mode);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json(r);
            assertEquals(mode, body.get("mode").asText());
            assertEquals(EMBEDDER.name(), body.get("model").asText());
            assertTrue(body.get("hits").size() <= 2 && body.get("hits").size() >= 1);
            assertEquals("bread", body.get("hits").get(0).get("id").asText(), mode);
            assertTrue(body.get("hits").get(0).get("snippet").asText().contains("<mark>"), body.toString());
        }
        JsonNode defaultMode = json(get(open, "/search?q=" + q("coast")));
        assertEquals("hybrid", defaultMode.get("mode").asText());
        assertEquals("train", defaultMode.get("hits").get(0).get("id").asText());
    }

    @Test
    void filtersComeAsFilterParameters() throws Exception {
        JsonNode body = json(get(open, "/search?q=" + q("bread soup train") + "&mode=text&filter.topic=travel"));
        assertEquals(1, body.get("hits").size());
        assertEquals("train", body.get("hits").get(0).get("id").asText());
    }

    @Test
    void snippetsAreEscaped() throws Exception {
        JsonNode body = json(get(open, "/search?q=" + q("crumbs") + "&mode=text"));
        String snippet = body.get("hits").get(0).get("snippet").asText();
        assertFalse(snippet.contains("<script>"), snippet);
        assertTrue(snippet.contains("&lt;script&gt;"), snippet);
    }

    @Test
    void badParametersAre400WithAMessage() throws Exception {
        Map<String, String> cases = Map.of(
                "/search", "missing parameter q",
                "/search?q=%20%20", "missing parameter q",
                "/search?q=bread&k=0", "k must be in 1..50",
                "/search?q=bread&k=51", "k must be in 1..50",
                "/search?q=bread&k=ten", "k must be an integer",
                "/search?q=bread&mode=fuzzy", "unknown mode 'fuzzy'",
                "/search?q=bread&sort=date", "unknown parameter 'sort'",
                "/search?q=bread&q=soup", "given twice",
                "/search?q=" + "a".repeat(201), "longer than 200 characters");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = get(open, c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            assertTrue(json(r).get("error").asText().contains(c.getValue()), c.getKey() + " -> " + r.body());
        }
        String malformed = raw(open, "GET /search?q=%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
        HttpResponse<String> badFilter = get(open, "/search?q=bread&filter.a%20b=x");
        assertEquals(400, badFilter.statusCode(), badFilter.body());
    }

    @Test
    void servesOnlyItsApiAndPage() throws Exception {
        for (String path : List.of("/favicon.ico", "/etc/passwd", "/search/", "/health/x", "/index.htm", "/..%2Fpom.xml")) {
            HttpResponse<String> r = get(open, path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(json(r).has("error"));
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/search?q=x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        HttpResponse<String> longTarget = get(open, "/search?q=bread&filter.topic=" + "x".repeat(3000));
        assertEquals(414, longTarget.statusCode(), longTarget.body());
        HttpResponse<String> bigBody = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/search?q=x"))
                .method("GET", HttpRequest.BodyPublishers.ofString("y".repeat(5000))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, bigBody.statusCode(), bigBody.body());
    }

    @Test
    void healthReportsTheIndex() throws Exception {
        JsonNode health = json(get(open, "/health"));
        assertEquals("ok", health.get("status").asText());
        assertEquals(4, health.get("passages").asInt());
        assertEquals(256, health.get("dimension").asInt());
        assertFalse(health.get("auth_required").asBoolean());
        assertEquals(3, health.get("modes").size());
    }

    @Test
    void pageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get(open, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<form id=\"form\">"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void apiKeyIsRequiredWhenConfigured() throws Exception {
        HttpResponse<String> none = get(keyed, "/search?q=bread");
        assertEquals(401, none.statusCode());
        assertTrue(json(none).get("error").asText().contains("API key required"));
        assertEquals(401, get(keyed, "/search?q=bread", "X-API-Key", "s3cret-kez").statusCode());
        assertEquals(401, get(keyed, "/search?q=bread", "Authorization", "Bearer s3cret").statusCode());
        assertEquals(200, get(keyed, "/search?q=bread", "X-API-Key", "s3cret-key").statusCode());
        assertEquals(200, get(keyed, "/search?q=bread", "Authorization", "Bearer s3cret-key").statusCode());
        JsonNode health = json(get(keyed, "/health"));
        assertTrue(health.get("auth_required").asBoolean());
        assertEquals(200, get(keyed, "/").statusCode());
    }

    @Test
    void textOnlyServerRefusesVectorModes() throws Exception {
        try (SemanticSearcher textOnly = SemanticSearcher.open(dir.resolve("index"), null);
             SearchServer server = new SearchServer(textOnly, ServerSettings.defaults().withPort(0)).start()) {
            HttpResponse<String> r = get(server, "/search?q=bread&mode=vector");
            assertEquals(400, r.statusCode());
            assertTrue(json(r).get("error").asText().contains("mode=text only"), r.body());
            JsonNode ok = json(get(server, "/search?q=" + q("bread oven")));
            assertEquals("text", ok.get("mode").asText());
            assertEquals("bread", ok.get("hits").get(0).get("id").asText());
        }
    }

    @Test
    void concurrentQueriesAllSucceedWithTheSameAnswers() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                String mode = List.of("vector", "text", "hybrid").get(i % 3);
                answers.add(clients.submit(() -> {
                    HttpResponse<String> r = get(open, "/search?q=" + q("night train to the coast") + "&k=3&mode=" + mode);
                    assertEquals(200, r.statusCode(), r.body());
                    return mode + ":" + json(r).get("hits").get(0).get("id").asText();
                }));
            }
            for (Future<String> a : answers) {
                assertTrue(a.get().endsWith(":train"), a.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
