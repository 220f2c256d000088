package io.contrast4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed line is reported with its file and line number, never skipped. */
class MalformedInputTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static void assertReported(Path file, int line, String cause, Runnable read) {
        UserInputException e = assertThrows(UserInputException.class, read::run);
        assertEquals(file + ":" + line + ": " + cause, e.getMessage());
    }

    @Test
    void stsGoldScoreThatIsNotANumber() throws IOException {
        Path year = dir.resolve("STS12-en-test");
        write("STS12-en-test/STS.input.MSRpar.txt", "a\tb\nc\td\ne\tf\n");
        Path gold = write("STS12-en-test/STS.gs.MSRpar.txt", "1.0\n\nabc\n");
        assertReported(gold, 3, "expected a number, got 'abc'", () -> StsReader.readYear(year));
    }

    @Test
    void stsEmptyGoldLinesAreSkippedAndCounted() throws IOException {
        Path year = dir.resolve("STS15-en-test");
        write("STS15-en-test/STS.input.x.txt", "a\tb\nc\td\ne\tf\n");
        write("STS15-en-test/STS.gs.x.txt", "1.0\n\n4.2\n");
        StsYear y = StsReader.readYear(year);
        assertEquals(1, y.skipped());
        assertEquals(java.util.List.of(new ScoredPair("a", "b", 1.0), new ScoredPair("e", "f", 4.2)), y.subsets().get("x"));
    }

    @Test
    void stsInputWithoutTabAndFilesOfDifferentLength() throws IOException {
        Path year = dir.resolve("y");
        Path input = write("y/STS.input.x.txt", "a\tb\nno tab here\n");
        write("y/STS.gs.x.txt", "1\n2\n");
        assertReported(input, 2, "expected two tab-separated sentences", () -> StsReader.readYear(year));
        Path gold = write("y/STS.gs.x.txt", "1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> StsReader.readYear(year));
        assertTrue(e.getMessage().startsWith(gold + ":2: file ends early"), e.getMessage());
    }

    @Test
    void stsBenchmarkShortLineAndBadScore() throws IOException {
        Path csv = write("sts-dev.csv", "g\tf\t2012\t1\t5.000\ta\tb\ng\tf\t2012\t2\tfive\ta\tb\n");
        assertReported(csv, 2, "expected a number, got 'five'", () -> StsReader.readStsBenchmark(csv));
        Path shortCsv = write("sts-test.csv", "g\tf\t2012\t1\t5.000\ta\n");
        assertReported(shortCsv, 1, "expected at least 7 tab-separated columns, got 6", () -> StsReader.readStsBenchmark(shortCsv));
    }

    @Test
    void sickBadRelatedness() throws IOException {
        Path f = write("SICK_x.txt", "pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n"
                + "1\ta\tb\t4.5\tNEUTRAL\n2\ta\tb\t?\tNEUTRAL\n");
        assertReported(f, 3, "expected a number, got '?'", () -> SickReader.read(f));
    }

    @Test
    void sstTrecMrpcLabels() throws IOException {
        Path sst = write("sentiment-dev", "good film \t1\nbad film \tx\n");
        assertReported(sst, 2, "expected an integer, got 'x'", () -> SentEvalReader.readSst(sst));
        Path sst5 = write("fine", "4 great\n7 what\n");
        assertReported(sst5, 2, "expected a label 0-4, got '7'", () -> SentEvalReader.readSst(sst5));
        Path trec = write("t.label", "DESC:manner How ?\nWHAT:x Why ?\n");
        UserInputException e = assertThrows(UserInputException.class, () -> SentEvalReader.readTrec(trec));
        assertTrue(e.getMessage().startsWith(trec + ":2: unknown question type 'WHAT'"), e.getMessage());
        Path mrpc = write("m.txt", "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\ta\tb\n1\t3\t4\tonly\n");
        assertReported(mrpc, 3, "expected 5 tab-separated columns, got 4", () -> SentEvalReader.readMrpc(mrpc));
    }

    @Test
    void wordSimHeaderCommentsSpacesAndErrors() throws IOException {
        Path ok = write("ws.txt", "# comment\nword1 word2 score\ncat  dog 7.5\ntiger\tcat\t8\n");
        assertEquals(java.util.List.of(new WordPair("cat", "dog", 7.5), new WordPair("tiger", "cat", 8)), WordSimReader.read(ok));
        Path simlex = write("SimLex-999.txt", "word1\tword2\tPOS\tSimLex999\tconc(w1)\nold\tnew\tA\t1.58\t2.72\n");
        assertEquals(java.util.List.of(new WordPair("old", "new", 1.58)), WordSimReader.read(simlex));
        Path bad = write("bad.tsv", "a\tb\t1\nc\td\tabc\n");
        assertReported(bad, 2, "expected a number, got 'abc'", () -> WordSimReader.read(bad));
        Path missing = write("m.tsv", "a\tb\t1\nc\td\n");
        assertReported(missing, 2, "expected 'word1 word2 score', got 'c\td'", () -> WordSimReader.read(missing));
    }

    @Test
    void analogyLines() throws IOException {
        Path noSection = write("q1.txt", "a b c d\n");
        assertReported(noSection, 1, "question before the first ': section' header", () -> AnalogyReader.read(noSection));
        Path three = write("q2.txt", ": s\na b c d\na b c\n");
        assertReported(three, 3, "expected 4 words, got 3: 'a b c'", () -> AnalogyReader.read(three));
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        Path f = dir.resolve("latin1.tsv");
        Files.write(f, new byte[] {'a', '\t', 'b', '\t', '1', '\n', 'c', (byte) 0xF0, '\t', 'd', '\t', '2', '\n'});
        assertReported(f, 2, "not valid UTF-8 text", () -> WordSimReader.read(f));
    }

    @Test
    void missingFilesNameTheExactPath() {
        UserInputException e = assertThrows(UserInputException.class, () -> SentEvalLayout.stsBenchmark(dir, "dev"));
        assertTrue(e.getMessage().contains("senteval"), e.getMessage());
        Path senteval = dir.resolve("senteval");
        senteval.toFile().mkdirs();
        e = assertThrows(UserInputException.class, () -> SentEvalLayout.mrpc(dir, "train"));
        assertEquals("file not found: " + senteval.resolve("MRPC/msr_paraphrase_train.txt").toAbsolutePath(), e.getMessage());
        e = assertThrows(UserInputException.class, () -> SentEvalLayout.sst(dir, true, "validation"));
        assertTrue(e.getMessage().contains("validation"));
    }

    @Test
    void dataDirectoryOptionMustExist() {
        assertEquals(dir, DataDirectory.resolve(dir));
        UserInputException e = assertThrows(UserInputException.class, () -> DataDirectory.resolve(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("--data-dir") && e.getMessage().contains("nope"), e.getMessage());
        if (System.getenv(DataDirectory.ENV) == null) {
            e = assertThrows(UserInputException.class, () -> DataDirectory.resolve(null));
            assertTrue(e.getMessage().contains("--data-dir") && e.getMessage().contains(DataDirectory.ENV), e.getMessage());
        } else {
            assertEquals(DataDirectory.fromEnvironment().orElseThrow(), DataDirectory.resolve(null));
        }
    }
}
