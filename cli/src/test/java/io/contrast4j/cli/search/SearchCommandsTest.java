package io.contrast4j.cli.search;

import io.contrast4j.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import io.contrast4j.core.Embedder;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import io.contrast4j.search.SemanticSearcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code index build}, {@code search}, {@code index delete} and {@code serve} end to end with the
 * real all-MiniLM-L6-v2 model: queries that share no content word with their answer must find it
 * by meaning.
 */
class SearchCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** id -> text: one topic each. */
    static final Map<String, String> DOCS = Map.of(
            "car", "The automobile would not start because its battery was dead.",
            "doctor", "The physician prescribed antibiotics for the infection.",
            "weather", "Heavy rain and strong winds are expected along the coast tomorrow.",
            "baking", "Whisk the eggs with sugar before folding in the flour.",
            "bank", "The central bank raised interest rates to fight inflation.",
            "football", "The goalkeeper saved a penalty in the final minute of the match.",
            "music", "She played a sonata on the piano at the recital.",
            "laptop", "The computer crashed and I lost the document I had not saved.",
            "puppy", "Our young dog chews every shoe it can find.",
            "flight", "The plane to Tokyo left three hours late.");

    @TempDir static Path dir;
    static Path minilmIndex;

    @BeforeAll
    static void buildMiniLmIndex() throws Exception {
        Path corpus = dir.resolve("docs.jsonl");
        StringBuilder jsonl = new StringBuilder();
        for (Map.Entry<String, String> d : DOCS.entrySet()) {
            jsonl.append(JSON.writeValueAsString(Map.of("id", d.getKey(), "text", d.getValue()))).append('\n');
        }
        Files.writeString(corpus, jsonl);
        minilmIndex = dir.resolve("minilm-index");
        CliRun build = CliRun.of("index", "build", "--model", "minilm", "--corpus", corpus.toString(),
                "--index", minilmIndex.toString(), "--quiet");
        assertEquals(0, build.exit(), build.err());
        JsonNode summary = JSON.readTree(build.out());
        assertEquals(10, summary.get("documents").asInt());
        assertEquals(10, summary.get("passages").asInt());
        JsonNode provenance = JSON.readTree(minilmIndex.resolve("provenance.json").toFile());
        assertEquals("index build", provenance.get("command").asText());
        assertEquals("all-MiniLM-L6-v2", provenance.at("/config/model_name").asText(), provenance.toString());
        assertEquals(384, provenance.at("/config/dimension").asInt());
    }

    private static JsonNode search(Path index, String query, String mode, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("search", "--index", index.toString(), "--query", query, "--mode", mode, "--k", "3"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return JSON.readTree(r.out());
    }

    @Test
    void vectorSearchFindsParaphrasesWithMiniLm() throws Exception {
        JsonNode cli = search(minilmIndex, "my car won't turn on", "vector");
        assertEquals("all-MiniLM-L6-v2", cli.get("model").asText());
        assertEquals("car", cli.get("hits").get(0).get("id").asText(), cli.toString());
        // More queries through the library, loading the model once (each CLI call loads it anew).
        Map<String, String> paraphrases = Map.of(
                "my car won't turn on", "car",
                "the doctor gave me medicine", "doctor",
                "storm forecast", "weather",
                "my PC froze and my work is gone", "laptop",
                "the airplane was delayed", "flight");
        try (Embedder minilm = SearchModels.load("minilm", 8); SemanticSearcher searcher = SemanticSearcher.open(minilmIndex, minilm)) {
            for (Map.Entry<String, String> p : paraphrases.entrySet()) {
                SearchResults r = searcher.search(new SearchRequest(p.getKey(), 3, SearchMode.VECTOR));
                assertEquals(p.getValue(), r.hits().get(0).id(), p.getKey() + " -> " + r.hits());
                assertTrue(r.hits().get(0).score() > 0.3, r.hits().toString());
            }
            SearchHit hybrid = searcher.search(new SearchRequest("goalkeeper penalty", 3, SearchMode.HYBRID)).hits().get(0);
            assertEquals("football", hybrid.id());
            assertEquals(1, hybrid.vectorRank());
            assertEquals(1, hybrid.textRank());
        }
    }

    @Test
    void anInt8IndexRecordsItsEngineAndQueriesWithIt() throws Exception {
        Path index = dir.resolve("int8-index");
        CliRun build = CliRun.of("index", "build", "--model", "minilm", "--engine", "onnxruntime", "--precision", "int8",
                "--corpus", dir.resolve("docs.jsonl").toString(), "--index", index.toString(), "--quiet");
        assertEquals(0, build.exit(), build.err());
        JsonNode provenance = JSON.readTree(index.resolve("provenance.json").toFile());
        assertEquals("minilm;engine=onnxruntime;precision=int8", provenance.at("/config/model").asText(), provenance.toString());
        assertEquals("minilm;engine=onnxruntime;precision=int8", IndexModel.metadata(index).modelSpec());
        JsonNode hits = search(index, "my car won't turn on", "vector");
        assertEquals("car", hits.get("hits").get(0).get("id").asText(), hits.toString());
        CliRun djlInt8 = CliRun.of("index", "build", "--model", "minilm", "--precision", "int8",
                "--corpus", dir.resolve("docs.jsonl").toString(), "--index", dir.resolve("bad").toString(), "--quiet");
        assertEquals(2, djlInt8.exit());
        assertEquals("error: --precision: int8 needs engine onnxruntime (DJL runs fp32)", djlInt8.err().strip());
    }

    @Test
    void textModeNeedsNoModel() throws Exception {
        JsonNode text = search(minilmIndex, "piano recital", "text");
        assertEquals("music", text.get("hits").get(0).get("id").asText());
        assertTrue(text.get("hits").get(0).get("snippet").asText().contains("<mark>piano</mark>"));
    }

    @Test
    void anIndexRefusesAnotherModelAndDeletesById() throws Exception {
        Path corpus = dir.resolve("small.jsonl");
        Files.writeString(corpus, "{\"id\": \"a\", \"text\": \"bread and butter\"}\n{\"id\": \"b\", \"text\": \"tea and biscuits\"}\n");
        Path index = dir.resolve("hashing-index");
        assertEquals(0, CliRun.of("index", "build", "--model", "hashing:64", "--corpus", corpus.toString(),
                "--index", index.toString(), "--quiet").exit());
        CliRun other = CliRun.of("search", "--index", index.toString(), "--query", "bread", "--mode", "vector", "--model", "minilm");
        assertEquals(2, other.exit(), other.err());
        assertTrue(other.err().contains("embedded with model 'hashing-bow-english-64'"), other.err());
        assertFalse(other.err().contains("\tat "), "no stack trace: " + other.err());
        CliRun addOther = CliRun.of("index", "build", "--model", "hashing:128", "--corpus", corpus.toString(), "--index", index.toString(), "--quiet");
        assertEquals(2, addOther.exit(), addOther.err());

        assertEquals("a", search(index, "bread", "vector").get("hits").get(0).get("id").asText());
        CliRun delete = CliRun.of("index", "delete", "--index", index.toString(), "a");
        assertEquals(0, delete.exit(), delete.err());
        assertTrue(delete.out().contains("\"passages_deleted\": 1"), delete.out());
        JsonNode after = search(index, "bread", "hybrid");
        assertTrue(after.get("hits").findValuesAsText("id").stream().noneMatch("a"::equals), after.toString());
    }

    @Test
    void badInputIsAOneLineError() {
        List<List<String>> cases = List.of(
                List.of("index", "build", "--model", "hashing", "--corpus", dir.resolve("missing.txt").toString(), "--index", dir.resolve("x").toString()),
                List.of("index", "build", "--model", "hashing", "--corpus", dir.resolve("docs.jsonl").toString(), "--index", dir.resolve("y").toString(), "--quantization", "int3"),
                List.of("search", "--index", dir.resolve("no-index").toString(), "--query", "x"),
                List.of("search", "--index", minilmIndex.toString(), "--query", "x", "--mode", "fuzzy"),
                List.of("search", "--index", minilmIndex.toString(), "--query", "x", "--k", "0"));
        for (List<String> c : cases) {
            CliRun r = CliRun.of(c.toArray(String[]::new));
            assertEquals(2, r.exit(), c + " -> " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, c + " -> " + r.err());
        }
    }

    @Test
    void serveAnswersOverHttpWithTheIndexModel() throws Exception {
        Path keyFile = dir.resolve("key.txt");
        Files.writeString(keyFile, "k3y-for-test\n");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--index", minilmIndex.toString(), "--port", "0", "--api-key-file", keyFile.toString());
        HttpClient http = HttpClient.newHttpClient();
        try (ServeCommand.Running running = serve.start()) {
            String base = running.server().url();
            assertTrue(base.startsWith("http://127.0.0.1:"), base);
            String url = base + "search?mode=vector&k=2&q=" + URLEncoder.encode("a puppy that chews shoes", StandardCharsets.UTF_8);
            HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noKey.statusCode());
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", "k3y-for-test").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("puppy", JSON.readTree(ok.body()).get("hits").get(0).get("id").asText());
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("all-MiniLM-L6-v2", JSON.readTree(health.body()).get("model").asText());
        }
    }
}
