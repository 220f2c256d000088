package io.contrast4j.sentence.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A HuggingFace-Hub-shaped HTTP server on 127.0.0.1 serving one model folder as repository {@code
 * repo} at one commit (branch {@code main}): the model-info API, {@code resolve} with the Hub's
 * headers (ETag = git blob sha1, or for LFS files (*.safetensors, *.bin, *.onnx) a 302 to a second
 * "storage" server on another port with X-Linked-Etag = sha256 and X-Linked-Size), and Range
 * requests on the storage server. It can require a token, cut a download short once, or ignore
 * Range. It counts what it is asked.
 */
final class LoopbackHub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final String repo;
    final String commit;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final HttpServer hub;
    /** Storage is a raw socket server: it must be able to drop a connection in the middle of a body. */
    private final ServerSocket storage;
    private final Thread storageThread;

    volatile String requiredToken;
    /** Bytes after which the next full storage GET is cut off (once); -1 = never. */
    volatile long cutAfter = -1;
    volatile boolean ignoreRange;
    /** When set with {@link #cutAfter}, the cut body is not ended but left open, sending nothing. */
    volatile boolean stallInsteadOfClose;

    final AtomicInteger apiCalls = new AtomicInteger();
    final AtomicInteger heads = new AtomicInteger();
    final List<String> downloads = Collections.synchronizedList(new ArrayList<>()); // paths or sha256 fetched with GET
    final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    final List<String> storageAuthorization = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();

    LoopbackHub(String repo, Path folder) throws IOException {
        this.repo = repo;
        byte[] c = new byte[20];
        new java.util.Random(repo.hashCode()).nextBytes(c);
        this.commit = HexFormat.of().formatHex(c);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        hub = HttpServer.create(loopback, 0);
        hub.createContext("/", this::hub);
        hub.start();
        storage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        storageThread = new Thread(this::serveStorage, "loopback-hub-storage");
        storageThread.setDaemon(true);
        storageThread.start();
    }

    /** Adds a file that the repository lists but an encoder does not need. */
    LoopbackHub extra(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    byte[] file(String path) {
        return files.get(path);
    }

    static boolean isLfs(String path) {
        return path.endsWith(".safetensors") || path.endsWith(".bin") || path.endsWith(".onnx");
    }

    static String sha256(byte[] b) {
        return digest("SHA-256", null, b);
    }

    static String gitBlobSha1(byte[] b) {
        return digest("SHA-1", ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII), b);
    }

    private static String digest(String algorithm, byte[] prefix, byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                d.update(prefix);
            }
            return HexFormat.of().formatHex(d.digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean authorized(HttpExchange ex) {
        String t = requiredToken;
        return t == null || ("Bearer " + t).equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private void hub(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            perPath.computeIfAbsent(ex.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
            String apiPrefix = "/api/models/" + repo + "/revision/";
            String resolvePrefix = "/" + repo + "/resolve/";
            if (path.startsWith("/api/models/")) {
                apiCalls.incrementAndGet();
            }
            if (!path.startsWith(apiPrefix) && !path.startsWith(resolvePrefix) || !authorized(ex)) {
                // the real Hub answers 401 for a repository it does not show to this caller
                error(ex, 401, "RepoNotFound", "Repository not found");
                return;
            }
            if (path.startsWith(apiPrefix)) {
                String rev = path.substring(apiPrefix.length());
                if (!rev.equals("main") && !rev.equals(commit)) {
                    error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
                    return;
                }
                ObjectNode info = JSON.createObjectNode();
                info.put("id", repo);
                info.put("sha", commit);
                ArrayNode siblings = info.putArray("siblings");
                files.forEach((name, bytes) -> {
                    ObjectNode s = siblings.addObject();
                    s.put("rfilename", name);
                    s.put("size", bytes.length);
                    if (isLfs(name)) {
                        s.putObject("lfs").put("sha256", sha256(bytes)).put("size", bytes.length);
                    }
                });
                send(ex, 200, JSON.writeValueAsBytes(info), Map.of("Content-Type", "application/json"));
                return;
            }
            String rest = path.substring(resolvePrefix.length());
            int slash = rest.indexOf('/');
            String rev = rest.substring(0, slash);
            String file = rest.substring(slash + 1);
            if (!rev.equals("main") && !rev.equals(commit)) {
                error(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
                return;
            }
            byte[] bytes = files.get(file);
            if (bytes == null) {
                error(ex, 404, "EntryNotFound", "Entry not found");
                return;
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) {
                heads.incrementAndGet();
            }
            ex.getResponseHeaders().add("X-Repo-Commit", commit);
            if (isLfs(file)) {
                String sha = sha256(bytes);
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(bytes.length));
                ex.getResponseHeaders().add("ETag", "\"" + gitBlobSha1(("version https://git-lfs.github.com/spec/v1\noid sha256:"
                        + sha + "\nsize " + bytes.length + "\n").getBytes(StandardCharsets.UTF_8)) + "\"");
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getLocalPort() + "/lfs/" + sha);
                ex.sendResponseHeaders(302, -1);
                return;
            }
            ex.getResponseHeaders().add("ETag", "\"" + gitBlobSha1(bytes) + "\"");
            if (head) {
                ex.getResponseHeaders().add("Content-Length", Integer.toString(bytes.length));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            downloads.add(file);
            send(ex, 200, bytes, Map.of());
        }
    }

    private void serveStorage() {
        while (!storage.isClosed()) {
            Socket socket;
            try {
                socket = storage.accept();
            } catch (IOException e) {
                return; // the server is stopping
            }
            Thread t = new Thread(() -> {
                try (socket) {
                    storage(socket);
                } catch (IOException e) {
                    // closed by the client
                }
            }, "loopback-hub-storage-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    /** One request per connection (Connection: close): GET /lfs/{sha256} with optional Range. */
    private void storage(Socket socket) throws IOException {
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        Map<String, String> headers = new java.util.HashMap<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
        }
        OutputStream out = socket.getOutputStream();
        if (headers.containsKey("authorization")) {
            storageAuthorization.add(headers.get("authorization"));
        }
        String path = requestLine.split(" ")[1];
        String sha = path.startsWith("/lfs/") ? path.substring("/lfs/".length()) : "";
        byte[] bytes = files.values().stream().filter(b -> sha256(b).equals(sha)).findFirst().orElse(null);
        if (bytes == null) {
            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        downloads.add(sha);
        String range = headers.get("range");
        long from = 0;
        if (range != null) {
            ranges.add(range);
            if (!ignoreRange) {
                from = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            }
        }
        if (from >= bytes.length && range != null && !ignoreRange) {
            out.write(("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + bytes.length
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int len = (int) (bytes.length - from);
        StringBuilder head = new StringBuilder(from > 0 ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        if (from > 0) {
            head.append("Content-Range: bytes ").append(from).append('-').append(bytes.length - 1).append('/').append(bytes.length).append("\r\n");
        }
        head.append("Content-Length: ").append(len).append("\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        long cut = cutAfter;
        if (cut >= 0 && cut < len) {
            cutAfter = -1;
            out.write(bytes, (int) from, (int) cut);
            out.flush();
            if (stallInsteadOfClose) {
                try { // a peer that stops sending but keeps the connection open
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            socket.shutdownOutput(); // end the connection mid-body: the client sees EOF before Content-Length
            return;
        }
        out.write(bytes, (int) from, len);
        out.flush();
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().add("X-Error-Code", code);
        ex.getResponseHeaders().add("X-Error-Message", message);
        send(ex, status, ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void send(HttpExchange ex, int status, byte[] body, Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        hub.stop(0);
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeAll(Path dir, Map<String, byte[]> content) {
        content.forEach((k, v) -> {
            try {
                Path p = dir.resolve(k);
                Files.createDirectories(p.getParent());
                Files.write(p, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
