package io.contrast4j.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contrast4j.core.UserInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's stages are real commands; a finished stage is recorded and skipped on a re-run. */
class StageRunnerTest {

    @Test
    void finishedStageIsRecordedAndSkippedOnRerun(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw.txt");
        Files.writeString(raw, "The cat sat on the mat.\nA dog barked, twice!\n");
        Path tokens = dir.resolve("tokens.txt");
        StringWriter log = new StringWriter();

        StageRunner first = new StageRunner(dir, new PrintWriter(log, true), 1);
        JsonNode out = first.run("tokenize", "Tokenize", "word2vec", "tokenize", "--in", raw.toString(), "--out", tokens.toString());
        assertEquals(2, out.path("lines").asInt());
        assertEquals(10, out.path("words").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("stages/tokenize.json")));
        assertEquals("the cat sat on the mat", Files.readAllLines(tokens).get(0));
        // The fresh run's record carries the command as an array (the report's "What ran" column).
        assertEquals(6, first.results().get("tokenize").path("command").size(), first.results().toString());

        // A re-run must not execute the command again: its output file stays deleted.
        Files.delete(tokens);
        StageRunner second = new StageRunner(dir, new PrintWriter(log, true), 1);
        JsonNode again = second.run("tokenize", "Tokenize", "word2vec", "tokenize", "--in", raw.toString(), "--out", tokens.toString());
        assertEquals(out, again);
        assertFalse(Files.exists(tokens));
        assertTrue(log.toString().contains("done before"), log.toString());
    }

    @Test
    void failingStageNamesItselfAndLeavesNoRecord(@TempDir Path dir) {
        StageRunner runner = new StageRunner(dir, new PrintWriter(new StringWriter(), true), 1);
        UserInputException e = assertThrows(UserInputException.class, () -> runner.run("tokenize", "Tokenize",
                "word2vec", "tokenize", "--in", dir.resolve("missing.txt").toString(), "--out", dir.resolve("t.txt").toString()));
        assertTrue(e.getMessage().startsWith("stage 'tokenize' failed"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("stages/tokenize.json")));
    }

    @Test
    void libraryStageRecordsItsEquivalentCommandAndResult(@TempDir Path dir) {
        StageRunner runner = new StageRunner(dir, new PrintWriter(new StringWriter(), true), 2);
        JsonNode out = runner.call("api", "A library call", java.util.List.of("pretrain", "--objective", "simcse"),
                () -> java.util.Map.of("steps", 3));
        assertEquals(3, out.path("steps").asInt());
        assertEquals("pretrain", runner.results().get("api").path("command").get(0).asText());
        assertTrue(Files.isRegularFile(dir.resolve("stages/api.json")));
        UserInputException e = assertThrows(UserInputException.class, () -> runner.call("bad", "Bad", java.util.List.of("x"),
                () -> { throw new IllegalArgumentException("maxSpan: too large"); }));
        assertTrue(e.getMessage().startsWith("stage 'bad': maxSpan"), e.getMessage());
    }
}
