package io.contrast4j.opensearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSearch 3.5 node with the k-NN plugin in a child JVM, from the jars the
 * opensearch-testnode module resolved from Maven Central; loopback only. Stops when closed (its
 * standard input is closed, then it is killed if it lingers).
 */
final class OpenSearchTestNode implements AutoCloseable {
    private final Process process;
    final int port;

    private OpenSearchTestNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    static OpenSearchTestNode start(Path home) throws IOException, InterruptedException {
        Path fixture = Path.of(System.getProperty("contrast4j.opensearch.node", "../opensearch-testnode")).toAbsolutePath().normalize();
        Path lib = fixture.resolve("target/node-lib");
        if (!Files.isDirectory(lib.resolve("knn"))) {
            throw new IllegalStateException(lib + " is missing: build the opensearch-testnode module first (mvn -pl opensearch -am test)");
        }
        Path log = fixture.resolve("target/node-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xms512m", "-Xmx1g", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", lib + "/*:" + lib + "/knn/*",
                fixture.resolve("src/node/OpenSearchTestNode.java").toString(), home.toString()))
                .redirectError(log.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("HTTP_PORT=")) {
                int port = Integer.parseInt(line.substring("HTTP_PORT=".length()).strip());
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // node gone
                    }
                }, "opensearch-node-stdout");
                drain.setDaemon(true);
                drain.start();
                return new OpenSearchTestNode(p, port);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("OpenSearch node did not start; its log: " + log + "\n"
                + String.join("\n", Files.readAllLines(log).stream().filter(l -> !l.startsWith("\tat ")).limit(40).toList()));
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
