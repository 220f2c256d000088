package io.contrast4j.data.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.contrast4j.core.UserInputException;
import io.contrast4j.data.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GLUE distribution's TSV layouts (written here as the distribution has them) and the SentEval layout (real files). */
class GlueReaderTest {
    @Test
    void colaTrainHasNoHeaderAndItsTestHasOne(@TempDir Path dir) throws Exception {
        Path train = Files.writeString(dir.resolve("train.tsv"),
                "gj04\t1\t\tOur friends won't buy this analysis, let alone the next one we propose.\n"
                        + "gj04\t0\t*\tThey drank the pub.\n");
        Path test = Files.writeString(dir.resolve("test.tsv"), "index\tsentence\n0\tBill whistled past the house.\n");
        List<GlueExample> t = GlueReader.read(train, GlueTask.COLA);
        assertEquals(2, t.size());
        assertEquals("They drank the pub.", t.get(1).text1());
        assertEquals("0", t.get(1).label());
        assertNull(t.get(1).text2());
        GlueExample u = GlueReader.read(test, GlueTask.COLA).get(0);
        assertEquals("0", u.id());
        assertEquals("Bill whistled past the house.", u.text1());
        assertNull(u.label());
    }

    @Test
    void mnliFindsItsColumnsByHeaderAmongTwelve(@TempDir Path dir) throws Exception {
        String header = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse"
                + "\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n";
        Path dev = Files.writeString(dir.resolve("dev_matched.tsv"), header
                + "7\t1\t1e\tgov\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tThe new rights are nice \"enough\".\tEveryone likes them.\t"
                + "neutral\tentailment\tneutral\tneutral\tneutral\tneutral\n");
        GlueExample e = GlueReader.read(dev, GlueTask.MNLI).get(0);
        assertEquals("7", e.id());
        assertEquals("The new rights are nice \"enough\".", e.text1());
        assertEquals("Everyone likes them.", e.text2());
        assertEquals("neutral", e.label());
    }

    @Test
    void mrpcWithByteOrderMarkAndQqpSkipsItsShortRows(@TempDir Path dir) throws Exception {
        Path mrpc = Files.writeString(dir.resolve("mrpc.tsv"), "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                + "1\t702876\t702977\tAmrozi accused his brother.\tReferring to him, Amrozi accused his brother.\n");
        assertEquals("1", GlueReader.read(mrpc, GlueTask.MRPC).get(0).label());
        Path qqp = Files.writeString(dir.resolve("qqp.tsv"), "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
                + "1\t1\t2\tHow do I learn Java?\tWhat is the best way to learn Java?\t1\n"
                + "2\t3\t4\tA question with its pair missing\n"
                + "3\t5\t6\tWhy is the sky blue?\tHow tall is Everest?\t0\n");
        List<GlueExample> q = GlueReader.read(qqp, GlueTask.QQP);
        assertEquals(List.of("1", "3"), q.stream().map(GlueExample::id).toList());
    }

    @Test
    void aLabelOutsideTheTasksSetIsAOneLineErrorNamingTheLine(@TempDir Path dir) throws Exception {
        Path rte = Files.writeString(dir.resolve("dev.tsv"), "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tentailment\n1\tc\td\tmaybe\n");
        UserInputException e = assertThrows(UserInputException.class, () -> GlueReader.read(rte, GlueTask.RTE));
        assertEquals(rte + ":3: expected a label in [entailment, not_entailment], got 'maybe'", e.getMessage());
        Path noColumn = Files.writeString(dir.resolve("bad.tsv"), "index\tfirst\tsecond\tlabel\n");
        e = assertThrows(UserInputException.class, () -> GlueReader.read(noColumn, GlueTask.RTE));
        assertTrue(e.getMessage().startsWith(noColumn + ":1: no 'sentence1' column"), e.getMessage());
    }

    @Test
    void readsAGlueFolderWithAndWithoutTestFiles(@TempDir Path dir) throws Exception {
        Path sst = Files.createDirectories(dir.resolve("SST-2"));
        Files.writeString(sst.resolve("train.tsv"), "sentence\tlabel\nhide new secretions \t0\n");
        Files.writeString(sst.resolve("dev.tsv"), "sentence\tlabel\nit 's a charming journey . \t1\n");
        GlueSplits s = GlueReader.readGlue(dir, GlueTask.SST2);
        assertEquals(1, s.train().size());
        assertEquals(List.of("dev"), List.copyOf(s.scored().keySet()));
        assertTrue(s.unlabelled().isEmpty());
        Files.writeString(sst.resolve("test.tsv"), "index\tsentence\n0\tuneasy mishmash .\n");
        assertEquals(1, GlueReader.readGlue(sst, GlueTask.SST2).unlabelled().get("test").size());
        assertEquals(GlueTask.STSB, GlueTask.parse("sts-b"));
        assertEquals(GlueTask.SST2, GlueTask.parse("sst2"));
        assertThrows(IllegalArgumentException.class, () -> GlueTask.parse("wnli2"));
    }

    @Test
    void sentEvalLayoutGivesTheDistributedSizes() {
        Optional<Path> root = DataDirectory.fromEnvironment();
        assumeTrue(root.isPresent(), "set " + DataDirectory.ENV + " to the datasets folder to run this test");
        GlueSplits mrpc = GlueReader.readSentEval(root.get(), GlueTask.MRPC);
        assertEquals(4076, mrpc.train().size());
        assertEquals(1725, mrpc.scored().get("test").size());
        GlueSplits sts = GlueReader.readSentEval(root.get(), GlueTask.STSB);
        assertEquals(List.of(5749, 1500, 1379), List.of(sts.train().size(), sts.scored().get("dev").size(), sts.scored().get("test").size()));
        GlueSplits sst = GlueReader.readSentEval(root.get(), GlueTask.SST2);
        assertEquals(List.of(67349, 872, 1821), List.of(sst.train().size(), sst.scored().get("dev").size(), sst.scored().get("test").size()));
        assertThrows(IllegalArgumentException.class, () -> GlueReader.readSentEval(root.get(), GlueTask.COLA));
    }
}
