package io.contrast4j.sentence.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.concurrent.DaemonThreads;
import io.contrast4j.core.provenance.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The few Hub HTTP calls a download needs, made as huggingface_hub makes them:
 * <ul>
 *   <li>{@code GET {endpoint}/api/models/{repo}/revision/{revision}?blobs=true}: the commit the
 *       revision points at ({@code sha}) and the repository's files ({@code siblings}, with size
 *       and, for LFS files, their sha256);
 *   <li>{@code HEAD {endpoint}/{repo}/resolve/{commit}/{path}}: the file's ETag ({@code X-Linked-Etag}
 *       for LFS files, which is their sha256, else {@code ETag}, the git blob sha1), its size
 *       ({@code X-Linked-Size} or {@code Content-Length}) and, for LFS files, the redirect to the
 *       storage host. Only same-host (relative) redirects are followed here, as for renamed repos;
 *   <li>{@code GET} of the file with {@code Range: bytes=N-} to resume, following redirects.
 * </ul>
 * The token goes as {@code Authorization: Bearer} to the endpoint's host only (not to the storage
 * host a redirect names), and never into a message or log.
 */
public final class HubClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 10;

    /** A download that receives nothing for this long is dropped (then resumed by the caller). */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    private final HubSettings settings;
    private final HttpClient http;
    private final Duration stallTimeout;

    public HubClient(HubSettings settings) {
        this(settings, DEFAULT_STALL_TIMEOUT);
    }

    public HubClient(HubSettings settings, Duration stallTimeout) {
        this.settings = Objects.requireNonNull(settings);
        this.stallTimeout = Objects.requireNonNull(stallTimeout);
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** One file of a repository, as the model-info call lists it. */
    public record Sibling(String path, long size, String lfsSha256) {}

    /** The commit a revision points at, and the files of the repository at that commit. */
    public record RepoInfo(String commit, List<Sibling> siblings) {
        public Optional<Sibling> file(String path) {
            return siblings.stream().filter(s -> s.path().equals(path)).findFirst();
        }
    }

    /** What HEAD on a file says: its ETag (quotes and W/ removed), size, commit and where to GET it. */
    public record FileMetadata(String etag, long size, String commit, URI location) {}

    public RepoInfo modelInfo(HubModelId id) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + id.repo() + "/revision/"
                + URLEncoder.encode(id.revision(), StandardCharsets.UTF_8) + "?blobs=true");
        HttpResponse<byte[]> r = send(id, request(uri).GET().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray(), true);
        check(id, r, "model info");
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new HubException(r.statusCode(), "the Hub at " + settings.endpoint() + " sent unreadable model info for "
                    + id + ": " + oneLine(e.getMessage()));
        }
        String commit = n.path("sha").asText("");
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new HubException(r.statusCode(), "the Hub's model info for " + id + " has no commit sha");
        }
        List<Sibling> siblings = new ArrayList<>();
        for (JsonNode s : n.path("siblings")) {
            JsonNode lfs = s.path("lfs");
            siblings.add(new Sibling(s.path("rfilename").asText(), s.path("size").asLong(-1),
                    lfs.isObject() ? lfs.path("sha256").asText(null) : null));
        }
        return new RepoInfo(commit, siblings);
    }

    /** HEAD of {@code path} at {@code commit}. */
    public FileMetadata head(HubModelId id, String commit, String path) {
        URI uri = resolveUri(id, commit, path);
        HttpResponse<Void> r = send(id, request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept-Encoding", "identity").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.discarding(), true);
        if (r.statusCode() >= 400) {
            check(id, r, path);
        }
        HttpHeaders h = r.headers();
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubClient::normalizeEtag)
                .orElseThrow(() -> new HubException(r.statusCode(), "the Hub sent no ETag for " + id + " " + path
                        + " (is HF_ENDPOINT " + settings.endpoint() + " a Hub?)"));
        long size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length")).map(Long::parseLong).orElse(-1L);
        String fileCommit = h.firstValue("X-Repo-Commit").orElse(commit);
        URI location = r.statusCode() >= 300 && r.statusCode() < 400
                ? h.firstValue("Location").map(l -> r.uri().resolve(l)).orElse(uri) : r.uri();
        return new FileMetadata(etag, size, fileCommit, location);
    }

    /**
     * Appends the bytes of {@code url} from {@code offset} on to {@code sink}: a Range request when
     * {@code offset > 0}. Returns the offset the server actually resumed from (0 when it ignored the
     * Range and sent the whole file; the caller then starts over).
     */
    public long download(HubModelId id, URI url, long offset, ByteSink sink) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = request(current).GET().header("Accept-Encoding", "identity");
            if (offset > 0) {
                b.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("download of " + id + " interrupted");
            }
            int status = r.statusCode();
            if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
                r.body().close();
                current = current.resolve(r.headers().firstValue("Location").get());
                continue;
            }
            if (status == 416) { // nothing left after offset: the caller verifies what it has
                r.body().close();
                return offset;
            }
            if (status >= 400) {
                r.body().close();
                fail(id, status, r.headers(), current.getPath());
            }
            long from = status == 206 ? offset : 0;
            // java.net.http has no read timeout on a body: a watchdog closes a stream that stalls
            java.util.concurrent.atomic.AtomicLong lastData = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
            java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
            InputStream in = r.body();
            java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor(DaemonThreads.named("hub-download-watchdog"));
            long checkMillis = Math.max(50, Math.min(1000, stallTimeout.toMillis() / 4));
            watchdog.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastData.get() > stallTimeout.toNanos() && stalled.compareAndSet(false, true)) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // the reader sees the close either way
                    }
                }
            }, checkMillis, checkMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
            try (in) {
                sink.start(from);
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    lastData.set(System.nanoTime());
                    sink.write(buf, n);
                }
            } catch (IOException e) {
                if (!stalled.get()) {
                    throw e;
                }
            } finally {
                watchdog.shutdownNow();
            }
            if (stalled.get()) {
                throw new IOException("no data for " + stallTimeout.toSeconds() + " s");
            }
            return from;
        }
        throw new HubException(0, "too many redirects downloading " + url);
    }

    /** Where downloaded bytes go: {@link #start} says from which offset, then the bytes in order. */
    public interface ByteSink {
        void start(long offset) throws IOException;

        void write(byte[] buf, int n) throws IOException;
    }

    public URI resolveUri(HubModelId id, String commit, String path) {
        StringBuilder p = new StringBuilder();
        for (String part : path.split("/")) {
            p.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(settings.endpoint() + "/" + id.repo() + "/resolve/" + commit + p);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent",
                "contrast4j/" + Provenance.contrast4jVersion() + "; java/" + System.getProperty("java.version"));
        if (settings.token() != null && sameHost(uri, settings.endpoint())) {
            b.header("Authorization", "Bearer " + settings.token());
        }
        return b;
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** Sends, following same-host redirects (renamed repositories) when asked; network failures become status 0. */
    private <T> HttpResponse<T> send(HubModelId id, HttpRequest request, HttpResponse.BodyHandler<T> handler,
            boolean followRelative) {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<T> r;
            try {
                r = http.send(current, handler);
            } catch (IOException e) {
                throw new HubException(0, "cannot reach the Hub at " + settings.endpoint() + " for " + id + ": "
                        + oneLine(e.toString()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException(0, "interrupted while asking the Hub for " + id, e);
            }
            Optional<String> location = r.headers().firstValue("Location");
            if (!followRelative || r.statusCode() < 300 || r.statusCode() >= 400 || location.isEmpty()
                    || hop >= MAX_REDIRECTS) {
                return r;
            }
            URI next = current.uri().resolve(location.get());
            if (!sameHost(next, current.uri())) {
                return r; // a storage (CDN) redirect: the caller reads its headers
            }
            HttpRequest.Builder b = request(next).method(current.method(),
                    current.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
            current.headers().firstValue("Accept-Encoding").ifPresent(v -> b.header("Accept-Encoding", v));
            current.timeout().ifPresent(b::timeout);
            current = b.build();
        }
    }

    private void check(HubModelId id, HttpResponse<?> r, String what) {
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            fail(id, r.statusCode(), r.headers(), what);
        }
    }

    /** One-line errors by status and the Hub's X-Error-Code, as huggingface_hub's hf_raise_for_status. */
    private void fail(HubModelId id, int status, HttpHeaders headers, String what) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String serverMessage = headers.firstValue("X-Error-Message").map(HubClient::oneLine).orElse("");
        String tokenHint = settings.token() == null
                ? "set HF_TOKEN (or log in with `huggingface-cli login`, which writes $HF_HOME/token) to a token with access"
                : "the token from HF_TOKEN / $HF_HOME/token was refused or lacks access to it";
        String message;
        if (code.equals("RevisionNotFound") || (status == 404 && what.equals("model info") && code.isEmpty())) {
            message = "revision \"" + id.revision() + "\" of " + id.repo() + " not found on the Hub (" + status + ")";
        } else if (code.equals("EntryNotFound")) {
            message = id + ": file " + what + " not found on the Hub (" + status + ")";
        } else if (code.equals("GatedRepo") || status == 403) {
            message = id.repo() + " is gated or forbidden (" + status + "): accept its terms on the Hub with the account"
                    + " whose token you use; " + tokenHint;
        } else if (status == 401 || code.equals("RepoNotFound")) {
            message = id.repo() + ": the Hub answered " + status + " (the model does not exist, or is private or gated); "
                    + tokenHint;
        } else if (status == 404) {
            message = id + ": " + what + " not found on the Hub (404)";
        } else {
            message = "the Hub at " + settings.endpoint() + " answered HTTP " + status + " for " + id + " " + what;
        }
        if (!serverMessage.isEmpty()) {
            message += " [" + serverMessage + "]";
        }
        throw new HubException(status, redact(message));
    }

    private String redact(String s) {
        return settings.token() == null ? s : s.replace(settings.token(), "***");
    }

    /** {@code "abc"} and {@code W/"abc"} become {@code abc}, as huggingface_hub's _normalize_etag. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
