import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded load test of `contrast4j serve` on loopback: TOTAL requests from CONCURRENCY client
 * threads (each sends its next request when the previous answer is in), queries taken in turn from
 * a file, one mode. Counts every non-200 answer and transport error; prints one JSON line with
 * throughput and latency percentiles.
 *
 *   java LoadTest.java BASE_URL QUERIES.txt TOTAL CONCURRENCY MODE K
 */
public final class LoadTest {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> queries = Files.readAllLines(Path.of(args[1])).stream().filter(s -> !s.isBlank()).toList();
        int total = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        String mode = args[4];
        int k = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger non200 = new AtomicInteger();
        AtomicLong hits = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
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
        pool.shutdown();
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT,
                "{\"mode\": \"%s\", \"requests\": %d, \"concurrency\": %d, \"non_200\": %d, \"transport_errors\": %d, "
                        + "\"answers_with_hits\": %d, \"seconds\": %.1f, \"requests_per_second\": %.1f, "
                        + "\"p50_ms\": %.2f, \"p90_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f}",
                mode, total, concurrency, non200.get(), errors.get(), hits.get(), seconds, total / seconds,
                pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6));
    }

    static double pct(long[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))] / 1e6;
    }
}
