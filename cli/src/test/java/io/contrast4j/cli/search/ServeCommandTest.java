package io.contrast4j.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} hardening (issue #20) through the command line, on a hashing-model index. */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static Path index;

    @BeforeAll
    static void buildIndex() throws Exception {
        Path corpus = dir.resolve("docs.jsonl");
        StringBuilder jsonl = new StringBuilder();
        for (Map.Entry<String, String> d : Map.of(
                "bread", "Knead the dough, let the bread rise, then bake it in a hot oven.",
                "rolls", "Bread rolls bake quickly in a hot oven.",
                "train", "The night train reaches the coast at dawn.").entrySet()) {
            jsonl.append(JSON.writeValueAsString(Map.of("id", d.getKey(), "text", d.getValue()))).append('\n');
        }
        Files.writeString(corpus, jsonl);
        index = dir.resolve("index");
        CliRun build = CliRun.of("index", "build", "--model", "hashing", "--corpus", corpus.toString(), "--index", index.toString(), "--quiet");
        assertEquals(0, build.exit(), build.err());
    }

    /** Response status line and body of a GET with the given Host header, over a plain socket. */
    private static String get(int port, String host, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Timeout(120)
    void allowedHostsAndDeletesWhileServing() throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--index", index.toString(), "--port", "0", "--allowed-host", "search.example,api.example:8443",
                "--refresh-ms", "200", "--threads", "2", "--queue", "8", "--max-connections", "64", "--header-timeout-ms", "3000");
        try (ServeCommand.Running running = serve.start()) {
            int port = running.server().port();
            assertTrue(get(port, "search.example", "/health").startsWith("HTTP/1.1 200"));
            assertTrue(get(port, "api.example:8443", "/health").startsWith("HTTP/1.1 200"));
            assertTrue(get(port, "evil.example", "/health").startsWith("HTTP/1.1 421"));
            assertTrue(get(port, "127.0.0.1:" + port, "/search?q=bread&mode=text").contains("\"id\":\"bread\""));

            CliRun delete = CliRun.of("index", "delete", "--index", index.toString(), "bread");
            assertEquals(0, delete.exit(), delete.err());
            long start = System.nanoTime();
            while (get(port, "127.0.0.1:" + port, "/search?q=bread&mode=text").contains("\"id\":\"bread\"")) {
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the deleted document is still served");
                Thread.sleep(50);
            }
            String after = get(port, "127.0.0.1:" + port, "/search?q=bread&mode=text");
            assertTrue(after.contains("\"id\":\"rolls\""), after);
        }
    }

    @Test
    void bindingBeyondLoopbackWithoutAKeyIsWarnedLoudly() {
        // 192.0.2.1 (TEST-NET-1) is not an address of this machine: the warning comes before the bind fails.
        CliRun r = CliRun.of("serve", "--index", index.toString(), "--port", "0", "--host", "192.0.2.1", "--text-only");
        assertNotEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("WARNING: serving on 192.0.2.1") && r.err().contains("WITHOUT an API key"), r.err());
        assertTrue(r.err().contains("cannot listen on 192.0.2.1"), r.err());
    }
}
