package io.contrast4j.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.cli.CliRun;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSearch options' user errors (the export and the queries themselves are tested against a
 * real node in the opensearch module).
 */
class OpenSearchCommandsTest {
    @TempDir Path dir;

    @Test
    void searchNeedsExactlyOneTarget() {
        CliRun r = CliRun.of("search", "--query", "x");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--index DIR or --opensearch URL"), r.err());
        CliRun r2 = CliRun.of("search", "--query", "x", "--opensearch", "http://127.0.0.1:9");
        assertEquals(2, r2.exit(), r2.err());
        assertTrue(r2.err().contains("--os-index"), r2.err());
    }

    @Test
    void unreachableClusterIsOneLineAndExitTwo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliRun r = CliRun.of("search", "--opensearch", "http://127.0.0.1:" + port, "--os-index", "x", "--query", "y", "--mode", "text");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: OpenSearch at"), r.err());
        CliRun e = CliRun.of("index", "export", "--index", dir.toString(), "--opensearch", "http://127.0.0.1:" + port, "--os-index", "x");
        assertEquals(2, e.exit(), e.err());
    }
}
