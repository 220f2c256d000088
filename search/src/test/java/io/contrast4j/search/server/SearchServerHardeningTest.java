package io.contrast4j.search.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.Embedder;
import io.contrast4j.search.HashingEmbedder;
import io.contrast4j.search.IndexDocument;
import io.contrast4j.search.IndexSettings;
import io.contrast4j.search.SearchIndexWriter;
import io.contrast4j.search.SemanticSearcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #20, server part: slow clients, connection and queue limits, Host and Origin checks, and
 * deletes by another writer reaching a running server. Real Jetty on loopback, real Lucene.
 */
class SearchServerHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HashingEmbedder EMBEDDER = new HashingEmbedder(256);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir static Path dir;
    static Path index;

    @BeforeAll
    static void buildIndex() {
        index = dir.resolve("index");
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, EMBEDDER, "hashing", IndexSettings.DEFAULT, null)) {
            writer.add(new IndexDocument("bread", "Knead the dough, let the bread rise, then bake it in a hot oven.", "en", Map.of()));
            writer.add(new IndexDocument("soup", "Simmer the onion soup slowly with thyme and a little wine.", "en", Map.of()));
            writer.add(new IndexDocument("train", "The night train crosses the mountains and reaches the coast at dawn.", "en", Map.of()));
        }
    }

    private static ServerSettings base() {
        return ServerSettings.defaults().withPort(0);
    }

    private static HttpResponse<String> get(SearchServer server, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request over a plain socket (the JDK client will not send a forged Host) and returns the status line. */
    private static String rawStatus(SearchServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.lines().findFirst().orElse("");
        }
    }

    private static String withHost(String host, String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    // ---- slow clients ----

    /**
     * Slowloris: 4 x threads connections each send a request head one byte every 100 ms. Meanwhile
     * ordinary queries are answered within 1 s each, and every slow connection is closed by the
     * server soon after the header timeout.
     */
    @Test
    @Timeout(60)
    void slowClientsNeitherBlockQueriesNorStayOpen() throws Exception {
        int threads = 2;
        int slow = 4 * threads;
        Duration headerTimeout = Duration.ofSeconds(2);
        ServerSettings settings = base().withThreads(threads)
                .withConnectionLimits(ServerSettings.DEFAULT_MAX_CONNECTIONS, ServerSettings.DEFAULT_MAX_HEADER_BYTES,
                        headerTimeout, Duration.ofSeconds(5));
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, settings).start()) {
            ExecutorService slowClients = Executors.newFixedThreadPool(slow);
            try {
                List<Future<Long>> closedAfter = new ArrayList<>();
                CountDownLatch connected = new CountDownLatch(slow);
                for (int i = 0; i < slow; i++) {
                    closedAfter.add(slowClients.submit(() -> slowHead(server.port(), connected, Duration.ofSeconds(12))));
                }
                assertTrue(connected.await(10, TimeUnit.SECONDS), "slow clients connected");
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                int answered = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<String> r = get(server, "/search?q=bread&k=2&mode=hybrid");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals("bread", JSON.readTree(r.body()).get("hits").get(0).get("id").asText());
                    assertTrue(millis < 1000, "query answered in " + millis + " ms while " + slow + " slow clients are connected");
                    assertEquals(200, get(server, "/health").statusCode());
                    answered++;
                    Thread.sleep(100);
                }
                assertTrue(answered >= 3, "queries answered: " + answered);
                for (Future<Long> f : closedAfter) {
                    long ms = f.get(20, TimeUnit.SECONDS);
                    assertTrue(ms >= headerTimeout.toMillis() - 200 && ms < headerTimeout.toMillis() + 3000,
                            "slow connection closed by the server after " + ms + " ms (header timeout " + headerTimeout.toMillis() + " ms)");
                }
                assertTrue(server.slowConnectionsClosed() >= slow, "closed for slowness: " + server.slowConnectionsClosed());
            } finally {
                slowClients.shutdownNow();
            }
        }
    }

    /**
     * Sends a request head one byte per 100 ms (never finishing it) until the server closes the
     * connection or {@code limit} passes; returns milliseconds until the server closed it, or -1.
     */
    private static long slowHead(int port, CountDownLatch connected, Duration limit) throws IOException {
        byte[] head = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Padding: " + "a".repeat(10_000))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            long start = System.nanoTime();
            connected.countDown();
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < head.length && System.nanoTime() - start < limit.toNanos(); i++) {
                try {
                    out.write(head[i]);
                    out.flush();
                    if (in.read() < 0) {
                        return (System.nanoTime() - start) / 1_000_000;
                    }
                    return -2; // the server answered an unfinished head
                } catch (SocketTimeoutException stillOpen) {
                    // pacing: 100 ms per byte
                } catch (IOException reset) {
                    return (System.nanoTime() - start) / 1_000_000;
                }
            }
            return -1;
        }
    }

    /** Beyond maxConnections new connections wait; idle ones are closed at the header timeout, and the waiting one is answered. */
    @Test
    @Timeout(60)
    void connectionLimitHoldsNewConnectionsUntilSlotsFree() throws Exception {
        ServerSettings settings = base().withConnectionLimits(3, ServerSettings.DEFAULT_MAX_HEADER_BYTES,
                Duration.ofMillis(1500), Duration.ofSeconds(5));
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, settings).start()) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    idle.add(new Socket("127.0.0.1", server.port()));
                }
                Thread.sleep(300); // let the server accept them
                try (Socket waiting = new Socket("127.0.0.1", server.port())) {
                    long start = System.nanoTime();
                    waiting.getOutputStream().write(withHost("127.0.0.1:" + server.port(), "/health").getBytes(StandardCharsets.ISO_8859_1));
                    waiting.setSoTimeout(400);
                    boolean answeredEarly;
                    try {
                        answeredEarly = waiting.getInputStream().read() >= 0;
                    } catch (SocketTimeoutException e) {
                        answeredEarly = false;
                    }
                    assertFalse(answeredEarly, "a connection beyond maxConnections was answered at once");
                    waiting.setSoTimeout(10_000);
                    String response = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(response.contains(" 200 ") || response.startsWith("TTP/1.1 200"), response);
                    assertTrue(ms < 8000, "answered after " + ms + " ms");
                }
                for (Socket s : idle) {
                    s.setSoTimeout(5000);
                    assertEquals(-1, s.getInputStream().read(), "an idle connection is closed at the header timeout");
                }
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    /** With every search thread busy and no queue, /search is answered 503 at once; /health still answers. */
    @Test
    @Timeout(60)
    void fullQueueIsAnswered503AtOnce() throws Exception {
        GatedEmbedder gated = new GatedEmbedder(EMBEDDER);
        try (SemanticSearcher searcher = SemanticSearcher.open(index, gated);
             SearchServer server = new SearchServer(searcher, base().withThreads(1).withQueue(0)).start()) {
            CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/search?q=bread&mode=vector")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(gated.entered.await(20, TimeUnit.SECONDS), "the first query reached the embedder");
            long start = System.nanoTime();
            HttpResponse<String> busy = get(server, "/search?q=soup&mode=text");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""));
            assertTrue(JSON.readTree(busy.body()).get("error").asText().startsWith("busy"), busy.body());
            assertTrue(ms < 1000, "503 after " + ms + " ms");
            assertEquals(200, get(server, "/health").statusCode());
            gated.release.countDown();
            assertEquals(200, first.get(20, TimeUnit.SECONDS).statusCode());
            // The single worker frees itself just after the first response is sent: once it has, queries run again.
            int status = 0;
            for (long deadline = System.nanoTime() + 2_000_000_000L; status != 200 && System.nanoTime() < deadline; ) {
                status = get(server, "/search?q=soup&mode=text").statusCode();
                if (status != 200) Thread.sleep(20);
            }
            assertEquals(200, status, "the server answers again once the worker is free");
        } finally {
            gated.release.countDown();
        }
    }

    /** The real hashing embedder behind a gate: the first call waits until the test opens it. */
    private static final class GatedEmbedder implements Embedder {
        final Embedder inner;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        GatedEmbedder(Embedder inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public float[][] embed(List<String> texts) {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.embed(texts);
        }
    }

    /** A body announced but sent slowly is never waited for: the answer comes at once and the connection is closed. */
    @Test
    @Timeout(30)
    void slowBodiesAreNotWaitedFor() throws Exception {
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, base()).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            long start = System.nanoTime();
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nContent-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout(10_000);
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(ms < 3000, "answered and closed after " + ms + " ms");
        }
    }

    @Test
    void oversizedHeadersAreRefusedByTheParser() throws Exception {
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, base()).start()) {
            String big = "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nX-Big: "
                    + "b".repeat(ServerSettings.DEFAULT_MAX_HEADER_BYTES + 10) + "\r\nConnection: close\r\n\r\n";
            assertTrue(rawStatus(server, big).startsWith("HTTP/1.1 431"), rawStatus(server, big));
        }
    }

    // ---- DNS rebinding and cross-origin requests ----

    @Test
    void onlyTheBoundHostNamesAreAnswered() throws Exception {
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, base()).start()) {
            int port = server.port();
            for (String ok : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port, "127.0.0.1", "localhost")) {
                assertTrue(rawStatus(server, withHost(ok, "/search?q=bread")).startsWith("HTTP/1.1 200"), ok);
            }
            for (String bad : List.of("evil.example", "evil.example:" + port, "localhost:" + (port == 1 ? 2 : 1),
                    "127.0.0.2:" + port, "localhost.evil.example", "", "127.0.0.1:" + port + ":1")) {
                for (String path : List.of("/search?q=bread", "/health", "/")) {
                    String status = rawStatus(server, withHost(bad, path));
                    assertTrue(status.startsWith("HTTP/1.1 421") || status.startsWith("HTTP/1.1 400"), bad + " " + path + " -> " + status);
                }
            }
            assertTrue(rawStatus(server, withHost("evil.example:" + port, "/health")).startsWith("HTTP/1.1 421"));
            String noHost = rawStatus(server, "GET /health HTTP/1.0\r\n\r\n");
            assertTrue(noHost.startsWith("HTTP/1.1 421") || noHost.startsWith("HTTP/1.0 421"), noHost);
        }
    }

    @Test
    void allowedHostsAreAnsweredToo() throws Exception {
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, base().withAllowedHosts(List.of("Search.Example", "api.example:8443"))).start()) {
            assertTrue(rawStatus(server, withHost("search.example", "/health")).startsWith("HTTP/1.1 200"));
            assertTrue(rawStatus(server, withHost("search.example:443", "/health")).startsWith("HTTP/1.1 200"));
            assertTrue(rawStatus(server, withHost("api.example:8443", "/health")).startsWith("HTTP/1.1 200"));
            assertTrue(rawStatus(server, withHost("api.example:8444", "/health")).startsWith("HTTP/1.1 421"));
            assertTrue(rawStatus(server, withHost("other.example", "/health")).startsWith("HTTP/1.1 421"));
        }
    }

    @Test
    void hostGuardFollowsTheBindAddress() {
        HostGuard wildcard = new HostGuard("0.0.0.0", List.of(), 8080);
        assertTrue(wildcard.acceptsHost("localhost:8080"));
        assertFalse(wildcard.acceptsHost("0.0.0.0:8080"));
        assertFalse(wildcard.acceptsHost("evil.example:8080"));
        HostGuard lan = new HostGuard("192.0.2.7", List.of("search.lan"), 8080);
        assertTrue(lan.acceptsHost("192.0.2.7:8080"));
        assertTrue(lan.acceptsHost("search.lan:8080"));
        assertFalse(lan.acceptsHost("localhost:8080"), "bound to a LAN address, loopback names cannot reach it anyway");
        assertFalse(lan.acceptsHost("192.0.2.8:8080"));
        HostGuard v6 = new HostGuard("::1", List.of(), 9000);
        assertTrue(v6.acceptsHost("[::1]:9000"));
        assertTrue(v6.acceptsHost("localhost:9000"));
        assertFalse(v6.acceptsHost("[::2]:9000"));
        assertFalse(v6.acceptsHost(null));
        assertFalse(v6.acceptsHost("[::1"));
    }

    @Test
    void crossOriginSearchesAreRefused() throws Exception {
        try (SemanticSearcher searcher = SemanticSearcher.open(index, EMBEDDER);
             SearchServer server = new SearchServer(searcher, base()).start()) {
            String self = "http://127.0.0.1:" + server.port();
            assertEquals(200, get(server, "/search?q=bread", "Origin", self).statusCode());
            assertEquals(200, get(server, "/search?q=bread", "Sec-Fetch-Site", "same-origin").statusCode());
            assertEquals(200, get(server, "/search?q=bread", "Sec-Fetch-Site", "none").statusCode());
            for (String[] h : List.of(new String[] {"Origin", "http://evil.example"}, new String[] {"Origin", "null"},
                    new String[] {"Origin", "http://localhost:" + server.port()}, new String[] {"Origin", self + "/x"},
                    new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"})) {
                HttpResponse<String> r = get(server, "/search?q=bread", h);
                assertEquals(403, r.statusCode(), h[0] + ": " + h[1]);
                assertTrue(JSON.readTree(r.body()).get("error").asText().contains("cross-origin"), r.body());
            }
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutAKeyIsWarnedAbout() {
        assertNull(ServerSettings.defaults().exposureWarning());
        assertNull(ServerSettings.defaults().withHost("::1").exposureWarning());
        String warning = ServerSettings.defaults().withHost("0.0.0.0").exposureWarning();
        assertNotNull(warning);
        assertTrue(warning.startsWith("WARNING") && warning.contains("WITHOUT an API key"), warning);
        assertNotNull(ServerSettings.defaults().withHost("192.0.2.1").exposureWarning());
        assertNull(ServerSettings.defaults().withHost("0.0.0.0").withApiKey("k").exposureWarning());
    }

    // ---- deletes by another writer ----

    /**
     * A document deleted through the writer `index delete` uses disappears from a running server
     * within the refresh interval; a server that never refreshes keeps showing it.
     */
    @Test
    @Timeout(60)
    void deletesReachARunningServer() throws Exception {
        Path copy = dir.resolve("delete-index");
        try (SearchIndexWriter writer = SearchIndexWriter.open(copy, EMBEDDER, "hashing", IndexSettings.DEFAULT, null)) {
            writer.add(new IndexDocument("bread", "Knead the dough, let the bread rise, then bake it in a hot oven.", "en", Map.of()));
            writer.add(new IndexDocument("rolls", "Bread rolls bake quickly in a hot oven.", "en", Map.of()));
        }
        Duration interval = Duration.ofMillis(300);
        try (SemanticSearcher refreshing = SemanticSearcher.open(copy, EMBEDDER);
             SemanticSearcher frozen = SemanticSearcher.open(copy, EMBEDDER);
             SearchServer live = new SearchServer(refreshing, base().withRefreshInterval(interval)).start();
             SearchServer stale = new SearchServer(frozen, base().withRefreshInterval(Duration.ZERO)).start()) {
            assertTrue(ids(live).contains("bread"));
            assertTrue(ids(stale).contains("bread"));
            try (SearchIndexWriter deletes = SearchIndexWriter.openForDeletes(copy)) {
                deletes.delete("bread");
            }
            long start = System.nanoTime();
            while (ids(live).contains("bread")) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "the deleted document is still served");
                Thread.sleep(20);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms <= interval.toMillis() + 1500, "gone after " + ms + " ms (refresh every " + interval.toMillis() + " ms)");
            assertEquals(List.of("rolls"), ids(live));
            assertEquals(1, JSON.readTree(get(live, "/health").body()).get("passages").asInt());
            assertTrue(ids(stale).contains("bread"), "without refresh the old commit is still read");
        }
    }

    private static List<String> ids(SearchServer server) throws Exception {
        JsonNode hits = JSON.readTree(get(server, "/search?q=bread&mode=text").body()).get("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }
}
