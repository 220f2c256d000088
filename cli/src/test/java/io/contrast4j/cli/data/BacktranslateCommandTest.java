package io.contrast4j.cli.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.Contrast4j;
import io.contrast4j.data.augment.ApertiumTranslator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contrast4j data backtranslate} end to end with real Apertium. */
class BacktranslateCommandTest {

    @Test
    void writesOneRowPerInputLineInOrderAndReusesTheCache(@TempDir Path dir) throws Exception {
        List<String> modes = ApertiumTranslator.installedModes();
        assumeTrue(modes.contains("eng-spa") && modes.contains("spa-eng"),
                "Apertium with eng-spa and spa-eng is not installed (Debian apertium, apertium-eng-spa): skipping");
        Path in = dir.resolve("in.txt");
        List<String> lines = List.of("The weather was cold and the streets were empty.",
                "He bought a new car last week.", "The middle-earth of tolkien is a vast world.",
                "Children love to play in the park.");
        Files.write(in, lines, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.tsv");
        for (int run = 0; run < 2; run++) {
            StringWriter stdout = new StringWriter();
            int code = Contrast4j.execute(new PrintWriter(stdout), new PrintWriter(new StringWriter()),
                    "data", "backtranslate", "--in", in.toString(), "--out", out.toString(),
                    "--cache", dir.resolve("cache").toString(), "--workers", "2", "--batch-size", "2");
            assertEquals(0, code);
            JsonNode summary = new ObjectMapper().readTree(stdout.toString());
            assertEquals(4, summary.get("translated").asInt());
            assertEquals(run == 0 ? 0 : 4, summary.get("from_cache").asInt());
            List<String> rows = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(4, rows.size());
            for (int i = 0; i < 4; i++) {
                String[] cols = rows.get(i).split("\t", -1);
                assertEquals(2, cols.length, rows.get(i));
                assertEquals(lines.get(i), cols[0]);
                assertFalse(cols[1].isBlank());
            }
            assertTrue(rows.get(1).split("\t")[1].toLowerCase().contains("car"), rows.get(1));
        }
        assertTrue(Files.exists(dir.resolve("out.tsv.provenance.json")));
        assertFalse(Files.exists(dir.resolve("out.tsv.failed")));
    }

    @Test
    void aMissingInputIsAUserError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = Contrast4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "data", "backtranslate", "--in", dir.resolve("nope.txt").toString(), "--out", dir.resolve("o.tsv").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("nope.txt"), err.toString());
    }
}
