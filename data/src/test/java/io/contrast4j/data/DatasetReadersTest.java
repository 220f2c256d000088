package io.contrast4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every reader on the real files under CONTRAST4J_DATA, with the published sizes. */
class DatasetReadersTest {

    @Test
    void stsYearsHaveThePublishedPairCounts() {
        Path root = TestData.root();
        Map<String, Integer> expected = Map.of("STS12", 3108, "STS13", 1500, "STS14", 3750, "STS15", 3000, "STS16", 1186);
        List<String> years = SentEvalLayout.stsYears(root);
        assertTrue(years.containsAll(List.of("STS12", "STS13", "STS14", "STS15")), years.toString());
        for (String year : years) {
            StsYear y = StsReader.readYear(SentEvalLayout.stsYear(root, year));
            assertEquals(expected.get(year), y.size(), year);
            assertEquals(y.size(), y.all().size());
            for (ScoredPair p : y.all()) {
                assertTrue(p.score() >= 0 && p.score() <= 5, year + " score " + p.score());
                assertTrue(!p.s1().isEmpty() && !p.s2().isEmpty(), year + " empty sentence");
            }
        }
    }

    @Test
    void sts12SubsetsAreSortedAndStartWithTheFirstFileLine() {
        StsYear y = StsReader.readYear(SentEvalLayout.stsYear(TestData.root(), "STS12"));
        assertEquals(List.of("MSRpar", "MSRvid", "SMTeuroparl", "surprise.OnWN", "surprise.SMTnews"),
                List.copyOf(y.subsets().keySet()));
        assertEquals(0, y.skipped());
        ScoredPair first = y.subsets().get("MSRpar").get(0);
        assertEquals(4.4, first.score(), 1e-12);
        assertTrue(first.s1().startsWith("the problem likely will mean corrective changes"), first.s1());
        assertTrue(first.s2().startsWith("he said the problem needs to be corrected"), first.s2());
    }

    @Test
    void sts15SkipsUnscoredPairs() {
        StsYear y = StsReader.readYear(SentEvalLayout.stsYear(TestData.root(), "STS15"));
        assertEquals(3000, y.size());
        assertEquals(5500, y.skipped()); // 8,500 input lines, 3,000 gold scores
    }

    @Test
    void stsBenchmarkSplits() {
        Path root = TestData.root();
        assertEquals(5749, StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "train")).size());
        assertEquals(1500, StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "dev")).size());
        List<ScoredPair> test = StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "test"));
        assertEquals(1379, test.size());
        // Bare quotes survive: the file is tab separated, not CSV quoted.
        long withQuotes = StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "train")).stream()
                .filter(p -> p.s1().contains("\"")).count();
        assertTrue(withQuotes > 0);
        ScoredPair first = StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "train")).get(0);
        assertEquals(new ScoredPair("a plane is taking off .", "an air plane is taking off .", 5.0), first);
    }

    @Test
    void sickSplits() {
        Path root = TestData.root();
        List<SickExample> train = SickReader.read(SentEvalLayout.sick(root, "train"));
        assertEquals(4500, train.size());
        assertEquals(500, SickReader.read(SentEvalLayout.sick(root, "trial")).size());
        List<SickExample> test = SickReader.read(SentEvalLayout.sick(root, "test"));
        assertEquals(4927, test.size());
        assertEquals(4.5, train.get(0).relatedness(), 1e-12);
        assertEquals("NEUTRAL", train.get(0).entailment());
        Map<String, Long> labels = test.stream().collect(Collectors.groupingBy(SickExample::entailment, Collectors.counting()));
        assertEquals(java.util.Set.of("ENTAILMENT", "NEUTRAL", "CONTRADICTION"), labels.keySet());
        for (SickExample e : test) assertTrue(e.relatedness() >= 1 && e.relatedness() <= 5);
    }

    @Test
    void mrpcSplits() {
        Path root = TestData.root();
        List<LabeledPair> train = SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "train"));
        assertEquals(4076, train.size());
        assertEquals(1725, SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "test")).size());
        assertEquals("1", train.get(0).label());
        assertTrue(train.get(0).s1().startsWith("Amrozi accused his brother"));
        assertEquals("0", train.get(1).label());
    }

    @Test
    void trecSplitsWithCoarseLabels() {
        Path root = TestData.root();
        List<LabeledText> train = SentEvalReader.readTrec(SentEvalLayout.trec(root, "train"));
        assertEquals(5452, train.size());
        assertEquals(500, SentEvalReader.readTrec(SentEvalLayout.trec(root, "test")).size());
        assertEquals(new LabeledText("How did serfdom develop in and then leave Russia ?", "DESC"), train.get(0));
        assertEquals(1250, train.stream().filter(t -> t.label().equals("ENTY")).count());
        // The one Latin-1 byte of train_5500.label decodes as in SentEval.
        assertTrue(train.stream().anyMatch(t -> t.text().contains("sister\u00f0city")));
    }

    @Test
    void sstBinaryAndFine() {
        Path root = TestData.root();
        List<LabeledText> train = SentEvalReader.readSst(SentEvalLayout.sst(root, false, "train"));
        assertEquals(67349, train.size());
        assertEquals(872, SentEvalReader.readSst(SentEvalLayout.sst(root, false, "dev")).size());
        assertEquals(1821, SentEvalReader.readSst(SentEvalLayout.sst(root, false, "test")).size());
        assertEquals(new LabeledText("hide new secretions from the parental units", "0"), train.get(0));
        assertEquals(8544, SentEvalReader.readSst(SentEvalLayout.sst(root, true, "train")).size());
        List<LabeledText> dev5 = SentEvalReader.readSst(SentEvalLayout.sst(root, true, "dev"));
        assertEquals(1101, dev5.size());
        assertEquals(2210, SentEvalReader.readSst(SentEvalLayout.sst(root, true, "test")).size());
        assertEquals("2", dev5.get(0).label());
        assertTrue(dev5.get(0).text().startsWith("in his first stab at the form"));
        assertEquals(5, dev5.stream().map(LabeledText::label).distinct().count());
    }

    @Test
    void binaryTasksHaveSentEvalSizesAndLabels() {
        Path root = TestData.root();
        Map<String, int[]> expected = Map.of(
                "MR", new int[] {10662, 5331}, "CR", new int[] {3775, 2407},
                "SUBJ", new int[] {10000, 5000}, "MPQA", new int[] {10606, 3312});
        expected.forEach((task, counts) -> {
            List<LabeledText> data = SentEvalReader.readBinary(root, task);
            assertEquals(counts[0], data.size(), task);
            assertEquals(counts[1], data.stream().filter(t -> t.label().equals("1")).count(), task);
            assertEquals("1", data.get(0).label());
            assertEquals("0", data.get(data.size() - 1).label());
        });
        assertTrue(SentEvalReader.readBinary(root, "SUBJ").get(0).text().startsWith("the movie begins in the past"));
    }

    @Test
    void wordSimilarityAndAnalogies() {
        Path root = TestData.root();
        List<WordPair> ws = WordSimReader.read(SentEvalLayout.wordSim353(root));
        assertEquals(353, ws.size());
        assertEquals(new WordPair("love", "sex", 6.77), ws.get(0));
        List<WordPair> simlex = WordSimReader.read(SentEvalLayout.simLex999(root));
        assertEquals(999, simlex.size());
        assertEquals(new WordPair("old", "new", 1.58), simlex.get(0));
        List<AnalogyQuestion> qs = AnalogyReader.read(SentEvalLayout.analogies(root));
        assertEquals(19544, qs.size());
        List<String> sections = AnalogyReader.sections(qs);
        assertEquals(14, sections.size());
        assertEquals("capital-common-countries", sections.get(0));
        assertEquals(new AnalogyQuestion("capital-common-countries", "Athens", "Greece", "Baghdad", "Iraq"), qs.get(0));
    }
}
