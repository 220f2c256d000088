package io.contrast4j.cli.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mine} with exact search and with a Lucene index (real MiniLM), then {@code pretrain --objective pairs} on its output. */
class MineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static Path pairs;

    static final String[][] PAIRS = {
        {"A man is playing a guitar on stage.", "A musician performs with his guitar in front of a crowd."},
        {"The stock market fell sharply on Monday.", "Share prices dropped steeply at the start of the week."},
        {"A child is riding a bicycle in the park.", "A young kid cycles through the park."},
        {"The company reported record profits this quarter.", "Quarterly earnings at the firm reached an all-time high."},
        {"Heavy rain caused flooding in the city.", "The town was flooded after a storm brought lots of rain."},
        {"The chef is cutting vegetables in the kitchen.", "A cook chops carrots and onions."},
        {"Scientists discovered a new species of frog.", "Researchers found a previously unknown frog species."},
        {"The team won the championship after a long season.", "After months of games the club took the title."},
    };

    @BeforeAll
    static void write() throws IOException {
        pairs = dir.resolve("pairs.tsv");
        StringBuilder sb = new StringBuilder();
        for (String[] p : PAIRS) sb.append(p[0]).append('\t').append(p[1]).append('\n');
        Files.writeString(pairs, sb.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void minesWithExactSearchAndTrainsOnTheResult() throws IOException {
        Path out = dir.resolve("mined.tsv");
        CliRun r = CliRun.of("mine", "--model", "minilm", "--pairs", pairs.toString(), "--out", out.toString(),
                "--negatives-per-anchor", "2", "--rank-min", "2", "--rank-max", "5", "--pool", "both");
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(8, summary.get("pairs").asInt());
        assertEquals(8, summary.get("pairs_with_all_negatives").asInt());
        List<String> lines = Files.readAllLines(out);
        assertEquals(8, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] cols = lines.get(i).split("\t");
            assertEquals(4, cols.length, lines.get(i));
            assertEquals(PAIRS[i][0], cols[0]);
            assertEquals(PAIRS[i][1], cols[1]);
            assertFalse(cols[2].equals(cols[0]) || cols[2].equals(cols[1]) || cols[2].equals(cols[3]));
        }
        assertTrue(Files.isRegularFile(dir.resolve("mined.provenance.json")));
        JsonNode prov = JSON.readTree(dir.resolve("mined.provenance.json").toFile());
        assertEquals(2, prov.get("config").get("rank_min").asInt(), prov.toString());

        // pretrain --objective pairs on the mined file, with MoCHi and the debiased loss.
        Path run = dir.resolve("run");
        CliRun t = CliRun.of("pretrain", "--objective", "pairs", "--model", "scratch:1x64", "--hard-negatives", out.toString(),
                "--negatives-per-anchor", "2", "--mochi", "3,2,1", "--debiased", "0.1", "--out", run.toString(),
                "--steps", "2", "--batch-size", "4", "--dev", "none", "--quiet");
        assertEquals(0, t.exit(), t.err());
        JsonNode s = JSON.readTree(t.out());
        assertEquals("pairs", s.get("objective").asText());
        assertEquals(2, s.get("data").get("hard_negatives_per_anchor").asInt());
        assertEquals(3, s.get("data").get("mochi").get("N").asInt());
        assertTrue(Double.isFinite(s.get("last_loss").asDouble()));
        JsonNode runProv = JSON.readTree(run.resolve("provenance.json").toFile());
        assertTrue(runProv.toString().contains("mined.tsv"), "the mined file is an input of the run");
        // And in-batch negatives only, from the plain pairs.
        CliRun plain = CliRun.of("pretrain", "--objective", "pairs", "--model", "scratch:1x64", "--pairs", pairs.toString(),
                "--out", dir.resolve("run-plain").toString(), "--steps", "1", "--batch-size", "4", "--dev", "none", "--quiet");
        assertEquals(0, plain.exit(), plain.err());
    }

    @Test
    void minesFromALuceneIndex() throws IOException {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, String.join("\n", List.of(
                "A woman plays the violin in an orchestra.", "A man is playing the piano at a bar.",
                "Bond yields rose as investors sold stocks.", "The bank raised interest rates again.",
                "Two boys are skateboarding down the street.", "The storm knocked out power to thousands of homes.",
                "A baker is kneading dough for bread.", "Fans cheered as the players entered the stadium.",
                "A man is playing a guitar on stage.")) + "\n", StandardCharsets.UTF_8);
        Path index = dir.resolve("idx");
        CliRun build = CliRun.of("index", "build", "--model", "minilm", "--corpus", corpus.toString(), "--index", index.toString(), "--quiet");
        assertEquals(0, build.exit(), build.err());
        Path out = dir.resolve("mined-index.tsv");
        CliRun r = CliRun.of("mine", "--pairs", pairs.toString(), "--index", index.toString(), "--out", out.toString(), "--rank-max", "3");
        assertEquals(0, r.exit(), r.err());
        List<String> corpusLines = Files.readAllLines(corpus);
        for (String line : Files.readAllLines(out)) {
            String[] cols = line.split("\t");
            assertEquals(3, cols.length, line);
            assertTrue(corpusLines.contains(cols[2]), "negatives come from the index: " + cols[2]);
            assertFalse(cols[2].equals(cols[0]), "the anchor itself (in the index) is never its negative");
        }
        // An index of another model is refused in one line.
        Path hashed = dir.resolve("idx-hash");
        assertEquals(0, CliRun.of("index", "build", "--model", "hashing:64", "--corpus", corpus.toString(), "--index", hashed.toString(), "--quiet").exit());
        CliRun other = CliRun.of("mine", "--pairs", pairs.toString(), "--index", hashed.toString(), "--out", dir.resolve("x.tsv").toString());
        assertEquals(2, other.exit(), other.err());
        assertTrue(other.err().strip().lines().count() == 1 && other.err().contains("hashing"), other.err());
    }

    @Test
    void badInputIsOneLineWithExitCode2() throws IOException {
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "a\tb\nc\td\nno tab\n", StandardCharsets.UTF_8);
        CliRun r = CliRun.of("mine", "--pairs", bad.toString(), "--out", dir.resolve("o.tsv").toString());
        assertEquals(2, r.exit());
        assertEquals("error: " + bad + ":3: expected anchor<TAB>positive[<TAB>negative...], found no tab", r.err().strip());
        r = CliRun.of("mine", "--pairs", pairs.toString(), "--out", dir.resolve("o.tsv").toString(), "--rank-min", "5", "--rank-max", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("rank range"), r.err());
        r = CliRun.of("mine", "--pairs", pairs.toString(), "--out", dir.resolve("o.tsv").toString(), "--index", dir.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--index: folder not found"), r.err());
        r = CliRun.of("pretrain", "--objective", "pairs", "--pairs", pairs.toString(), "--hard-negatives", pairs.toString(),
                "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not both"), r.err());
        r = CliRun.of("pretrain", "--objective", "pairs", "--pairs", pairs.toString(), "--mochi", "1,2,0", "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--mochi: MoCHi pair mixing needs N >= 2"), r.err());
        r = CliRun.of("pretrain", "--objective", "simcse", "--corpus", pairs.toString(), "--mochi", "4,2,1", "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--mochi works with --objective pairs, cert or infoxlm"), r.err());
        r = CliRun.of("pretrain", "--objective", "pairs", "--hard-negatives", pairs.toString(), "--negatives-per-anchor", "1",
                "--out", dir.resolve("p").toString(), "--dev", "none");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no example has 1 negatives"), r.err());
        r = CliRun.of("pretrain", "--objective", "pairs", "--pairs", pairs.toString(), "--debiased", "1.5", "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--debiased: tau+ must be in (0, 1)"), r.err());
    }
}
