package io.contrast4j.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    enum Model { SKIPGRAM }

    @Test
    void writesCompleteRecord(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "the quick brown fox\n", StandardCharsets.UTF_8);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("b.txt"), "bbb");
        Files.writeString(data.resolve("a.txt"), "a");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path vectors = out.resolve("vectors.bin");
        Files.writeString(vectors, "2 1\n");

        Provenance p = Provenance.start("word2vec train", List.of("--dim", "100"))
                .config("dim", 100)
                .config(Map.of("model", Model.SKIPGRAM, "corpus", corpus, "alphas", new float[] {0.025f}))
                .seed(42)
                .seed("shuffle", 7)
                .input(corpus)
                .input(data)
                .output(out)
                .note("vocab_size", 4);
        Path file = p.writeTo(out);
        assertEquals(out.resolve("provenance.json"), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("word2vec train", json.get("command").asText());
        assertEquals("--dim", json.get("args").get(0).asText());
        assertEquals(100, json.get("config").get("dim").asInt());
        assertEquals("SKIPGRAM", json.get("config").get("model").asText());
        assertEquals(corpus.toString(), json.get("config").get("corpus").asText());
        assertEquals(0.025, json.get("config").get("alphas").get(0).asDouble(), 1e-6);
        assertEquals(42, json.get("seeds").get("seed").asLong());
        assertEquals(7, json.get("seeds").get("shuffle").asLong());
        assertEquals(4, json.get("notes").get("vocab_size").asInt());

        JsonNode inputs = json.get("inputs");
        assertEquals(3, inputs.size(), "the file plus each file of the directory");
        assertEquals(corpus.toAbsolutePath().toString(), inputs.get(0).get("path").asText());
        assertEquals(Files.size(corpus), inputs.get(0).get("size").asLong());
        assertEquals(Sha256.of(corpus), inputs.get(0).get("sha256").asText());
        assertTrue(inputs.get(1).get("path").asText().endsWith("a.txt"), "directory files in path order");
        assertEquals(1, inputs.get(1).get("size").asLong());

        JsonNode outputs = json.get("outputs");
        assertEquals(1, outputs.size(), "the output directory without provenance.json itself");
        assertEquals(Sha256.of(vectors), outputs.get(0).get("sha256").asText());

        assertTrue(json.get("wall_time_seconds").asDouble() >= 0);
        assertTrue(json.get("finished").asText().compareTo(json.get("started").asText()) >= 0);
        assertEquals(Runtime.version().feature(),
                Runtime.Version.parse(json.get("environment").get("java_version").asText()).feature());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.get("environment").get("cpus").asInt());
        assertTrue(json.get("environment").get("vector_math").asText().startsWith("simd"));
        assertTrue(json.has("git_commit"));
        String head = gitHead();
        if (head != null) {
            assertEquals(head, json.get("git_commit").asText(), "the commit of the checkout the code runs from");
        }
        assertNotNull(json.get("contrast4j_version").asText());
    }

    /** HEAD of the checkout the tests run in, or null outside a git checkout. */
    private static String gitHead() throws Exception {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void libraryVersionsComeFromTheClassPath() {
        Map<String, String> versions = LibraryVersions.present();
        // nlp-core depends on these; their versions must match what the jars say about themselves
        assertEquals(opennlp.tools.util.Version.currentVersion().toString(), versions.get("opennlp"));
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(), versions.get("jackson-databind"));
        assertFalse(versions.containsKey("djl"), "DJL is not on nlp-core's class path (it lives in sentence)");
        assertFalse(versions.containsKey("lucene"), "lucene is not on nlp-core's class path");
        // Lucene's manifest says "10.6.0 <commit hash>": keep the version only
        assertEquals("10.6.0", LibraryVersions.clean("10.6.0 4ae946e5a9b99d1e22c23865c99e561b8dcc9d71 "));
        assertEquals("2.5.4", LibraryVersions.clean("2.5.4"));
    }

    @Test
    void missingInputIsRecordedNotFatal(@TempDir Path dir) {
        Map<String, Object> record = Provenance.start("x", List.of()).input(dir.resolve("nope")).finish();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inputs = (List<Map<String, Object>>) record.get("inputs");
        assertEquals(false, inputs.get(0).get("exists"));
    }
}
