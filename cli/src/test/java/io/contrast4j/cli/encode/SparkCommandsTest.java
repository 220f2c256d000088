package io.contrast4j.cli.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encode --spark}, {@code index build --spark} and {@code search} on the result, on local[2]. */
class SparkCommandsTest {
    static final List<String> LINES = List.of(
            "The telescope observed a distant galaxy and measured its redshift.",
            "Knead the dough for ten minutes, then let the bread rise overnight.",
            "The striker scored twice as the football club won the league title.",
            "The compiler optimises loops with vector instructions on modern processors.",
            "Ferries connect the islands of the archipelago during the summer.",
            "Bees pollinate flowering plants while collecting nectar for honey.");

    @TempDir Path dir;

    @Test
    void encodeThenShardedIndexThenSearch() throws Exception {
        Path in = dir.resolve("corpus.txt");
        Files.write(in, LINES);
        Path encoded = dir.resolve("encoded");
        CliRun enc = CliRun.of("encode", "--spark", "local[2]", "--in", in.toString(), "--out", encoded.toString(),
                "--partitions", "2", "--quiet");
        assertEquals(0, enc.exit(), enc.err());
        JsonNode summary = new ObjectMapper().readTree(enc.out());
        assertEquals(LINES.size(), summary.get("sentences").asInt());
        assertEquals(384, summary.get("dimension").asInt());
        assertTrue(Files.isRegularFile(encoded.resolve("provenance.json")));

        Path index = dir.resolve("index");
        CliRun build = CliRun.of("index", "build", "--spark", "local[2]", "--shards", "2", "--model", "minilm",
                "--corpus", encoded.toString(), "--index", index.toString(), "--quiet");
        assertEquals(0, build.exit(), build.err());
        JsonNode built = new ObjectMapper().readTree(build.out());
        assertTrue(built.get("precomputed_vectors").asBoolean(), "vectors reused, not re-encoded");
        assertEquals(LINES.size(), built.get("passages").asInt());

        CliRun search = CliRun.of("search", "--index", index.toString(), "--query", "baking bread at home", "--k", "1");
        assertEquals(0, search.exit(), search.err());
        assertTrue(search.out().contains("corpus.txt:2"), search.out());
    }

    @Test
    void missingInputIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("encode", "--spark", "local[2]", "--in", dir.resolve("nope.parquet").toString(),
                "--out", dir.resolve("o").toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
