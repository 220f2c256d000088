import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded load test of `contrast4j serve` on loopback: TOTAL requests from CONCURRENCY client
 * threads (each sends its next request when the previous answer is in), queries taken in turn from
 * a file, one mode. Counts every non-200 answer and transport error; prints one JSON line with
 * throughput and latency percentiles.
 *
 * <p>Optionally SLOW slow clients (slowloris) are held open beside the load for its whole length:
 * each sends a request head one byte every 500 ms and never finishes it; when the server closes
 * one it reconnects. MAX_SECONDS bounds the run: requests not sent by then count as errors.
 *
 *   java LoadTest.java BASE_URL QUERIES.txt TOTAL CONCURRENCY MODE K [SLOW [MAX_SECONDS]]
 */
public final class LoadTest {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> queries = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int total = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String mode = args[4];
        int k = Integer.parseInt(args[5]);
        int slow = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        long maxSeconds = args.length > 7 ? Long.parseLong(args[7]) : 600;
        URI baseUri = URI.create(base);
        if (!baseUri.getHost().equals("127.0.0.1") && !baseUri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] nanos = new long[total];
        Arrays.fill(nanos, -1);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger non200 = new AtomicInteger();
        AtomicLong hits = new AtomicLong();

        AtomicBoolean loadDone = new AtomicBoolean();
        SlowStats slowStats = new SlowStats();
        ExecutorService slowPool = Executors.newFixedThreadPool(Math.max(1, slow));
        for (int s = 0; s < slow; s++) {
            slowPool.submit(() -> slowClient(baseUri.getHost(), baseUri.getPort(), loadDone, slowStats));
        }
        if (slow > 0) {
            Thread.sleep(1000); // let the slow clients connect first
        }

        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total && System.nanoTime() < deadline) {
                    String q = queries.get(i % queries.size());
                    if (q.length() > 900) {
                        q = q.substring(0, 900);
                    }
                    URI uri = URI.create(base + "search?k=" + k + "&mode=" + mode + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            non200.incrementAndGet();
                        } else if (r.body().contains("\"id\"")) {
                            hits.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    nanos[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        loadDone.set(true);
        pool.shutdown();
        slowPool.shutdown();
        slowPool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        long[] sorted = Arrays.stream(nanos).filter(n -> n >= 0).sorted().toArray();
        int notSent = total - sorted.length;
        if (sorted.length == 0) {
            sorted = new long[] {0};
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"mode\": \"%s\", \"requests\": %d, \"concurrency\": %d, \"non_200\": %d, \"transport_errors\": %d, "
                        + "\"not_sent_in_time\": %d, \"answers_with_hits\": %d, \"seconds\": %.1f, \"requests_per_second\": %.1f, "
                        + "\"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, "
                        + "\"slow_clients\": %d, \"slow_connections_opened\": %d, \"slow_connections_closed_by_server\": %d, "
                        + "\"slow_heads_answered\": %d}",
                mode, total, concurrency, non200.get(), errors.get(), notSent, hits.get(), seconds, (total - notSent) / seconds,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                slow, slowStats.opened.get(), slowStats.closedByServer.get(), slowStats.answered.get()));
        System.exit(0);
    }

    static final class SlowStats {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closedByServer = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
    }

    /** One slowloris client: a request head one byte per 500 ms, reconnecting whenever the server closes it. */
    static Void slowClient(String host, int port, AtomicBoolean done, SlowStats stats) {
        byte[] head = ("GET /health HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nX-Slow: " + "s".repeat(100_000))
                .getBytes(StandardCharsets.ISO_8859_1);
        while (!done.get()) {
            try (Socket socket = new Socket(host, port)) {
                stats.opened.incrementAndGet();
                socket.setSoTimeout(500);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                for (int i = 0; i < head.length && !done.get(); i++) {
                    out.write(head[i]);
                    out.flush();
                    try {
                        if (in.read() < 0) {
                            stats.closedByServer.incrementAndGet();
                        } else {
                            stats.answered.incrementAndGet();
                        }
                        break;
                    } catch (SocketTimeoutException stillOpen) {
                        // pacing
                    }
                }
            } catch (IOException e) {
                stats.closedByServer.incrementAndGet();
                try {
                    Thread.sleep(100); // no busy loop if the server is gone
                } catch (InterruptedException ie) {
                    return null;
                }
            }
        }
        return null;
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))] / 1e6;
    }
}
