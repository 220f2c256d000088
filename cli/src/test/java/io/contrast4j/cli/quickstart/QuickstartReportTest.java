package io.contrast4j.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.provenance.Provenance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report a person reads, from real stages: commands with their arguments, a neighbour table, and what data would add. */
class QuickstartReportTest {

    @Test
    void showsTheCommandsThatRanTheNeighboursAsATableAndWhatTheDatasetsWouldAdd(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("raw.txt");
        Files.writeString(raw, "the king and the queen rule the land .\n".repeat(40) + "the cat and the dog play in the garden .\n".repeat(40));
        StageRunner stages = new StageRunner(dir, new PrintWriter(new StringWriter(), true), 4);
        stages.run("tokenize", "Tokenize", "word2vec", "tokenize", "--in", raw.toString(), "--out", dir.resolve("tokens.txt").toString());
        stages.run("word2vec", "Train", "word2vec", "train", "--corpus", dir.resolve("tokens.txt").toString(), "--out",
                dir.resolve("vectors.bin").toString(), "--dim", "8", "--min-count", "1", "--epochs", "1", "--quiet");
        stages.run("neighbors", "Neighbours", "word2vec", "neighbors", "--vectors", dir.resolve("vectors.bin").toString(), "king", "zebra", "cat");
        stages.skip("sts", "STS", "no datasets: set CONTRAST4J_DATA");
        Path html = new QuickstartReport(dir, stages.results(), stages.skipped(), List.of())
                .write(Provenance.start("quickstart", List.of()));
        String page = Files.readString(html);
        assertTrue(page.contains("<code>contrast4j word2vec tokenize --in " + raw), "the command with its arguments");
        assertTrue(page.contains("<th>nearest neighbours (cosine)</th>"), "neighbours as a table");
        assertTrue(page.matches("(?s).*<tr><td>king</td><td style=\"text-align:left\">[a-z</&;]+ <span class=\"score\">-?0\\.\\d\\d</span>, .*"), page);
        assertTrue(page.contains("<tr><td>cat</td>"), "every word's row, not only the first JSON line's");
        assertFalse(page.contains("&quot;neighbors&quot;"), "no raw JSON dump of the neighbours");
        assertTrue(page.contains("No evaluation datasets, so no scores below.") && page.contains("CONTRAST4J_DATA"), "says what data adds");
    }
}
