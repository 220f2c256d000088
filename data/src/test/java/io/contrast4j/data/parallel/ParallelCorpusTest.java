package io.contrast4j.data.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import io.contrast4j.data.corpora.RegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real registry packages: npm fr-corpus / de-corpus with nlp-corpus, Debian SWORD modules via diatheke. */
class ParallelCorpusTest {

    @ParameterizedTest
    @ValueSource(strings = {"fr", "de"})
    void npmTranslationsJoinOnMd5AndSplitIsDisjoint(String lang, @TempDir Path dir) throws Exception {
        RegistryClient client = new RegistryClient();
        Assumptions.assumeTrue(client.hasNpm(), "npm not on PATH: the npm parallel corpora cannot be fetched");
        List<Path> inputs = new ArrayList<>();
        List<TranslationPair> raw = ParallelCorpus.source(lang).read(client, dir, inputs);
        assertEquals(93_554, raw.size(), "pairs joined on md5 of the English sentence");
        assertEquals(2, inputs.size());
        ParallelCorpus.Split split = ParallelCorpus.clean(raw);
        assertEquals(raw.size(), split.train().size() + split.heldOut().size() + split.empty() + split.untranslated()
                + split.tooLong() + split.duplicates());
        assertTrue(split.train().size() > 85_000, "train pairs: " + split.counts());
        assertTrue(split.heldOut().size() >= 1_000 && split.heldOut().size() <= 3_000, "held-out pairs: " + split.counts());
        assertDisjointByHash(split);
        Path out = dir.resolve(lang + ".tsv");
        ParallelCorpus.write(split, out);
        assertEquals(split.train(), ParallelTsv.read(out));
        assertEquals(split.heldOut(), ParallelTsv.read(ParallelCorpus.heldOutFile(out)));
        for (TranslationPair p : split.heldOut()) {
            assertNotEquals(p.source(), p.target());
            assertFalse(p.source().contains("\t") || p.target().contains("\n"));
        }
    }

    @Test
    void swordBibleVersesAlignByKeyWithoutMarkup(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(RegistryClient.findOnPath("diatheke").isPresent()
                        && Files.isDirectory(Path.of("/usr/share/sword/modules/texts/ztext/spaRV1909eb")),
                "diatheke and the SWORD modules are not installed: apt-get install diatheke sword-text-web sword-text-sparv");
        List<Path> inputs = new ArrayList<>();
        // Genesis 1-2 (56 verses in both versifications) keeps the test short; the command exports the whole Bible.
        List<TranslationPair> raw = new SwordBibleSource("Gen 1:1-Gen 2:25").read(new RegistryClient(), dir, inputs);
        assertEquals(56, raw.size());
        // WEB's markup writes <w>God</w><w>created</w>: the words must stay apart.
        assertEquals("In the beginning, God created the heavens and the earth.", raw.get(0).source());
        assertTrue(raw.get(0).target().startsWith("EN el principio crió Dios los cielos y la tierra"), raw.get(0).target());
        for (TranslationPair p : raw) {
            assertFalse(p.source().contains("<") || p.target().contains("<"), p.toString());
        }
        ParallelCorpus.Split split = ParallelCorpus.clean(raw);
        assertDisjointByHash(split);
    }

    @Test
    void heldOutRuleIsFixedByTheEnglishText() {
        assertEquals(HeldOutSplit.bucket("The cat sat on the mat."), HeldOutSplit.bucket("The cat sat on the mat."));
        int held = 0;
        for (int i = 0; i < 20_000; i++) if (HeldOutSplit.isHeldOut("sentence " + i)) held++;
        assertTrue(held > 300 && held < 500, "2% of 20,000 expected, got " + held);
    }

    @Test
    void userTsvErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "Hello\tBonjour\nno tab here\n");
        UserInputException e = assertThrows(UserInputException.class, () -> ParallelTsv.read(f));
        assertTrue(e.getMessage().contains("bad.tsv:2"), e.getMessage());
    }

    private static void assertDisjointByHash(ParallelCorpus.Split split) {
        Set<String> trainKeys = new HashSet<>();
        for (TranslationPair p : split.train()) {
            assertFalse(HeldOutSplit.isHeldOut(p.source()));
            trainKeys.add(HeldOutSplit.key(p.source()));
        }
        for (TranslationPair p : split.heldOut()) {
            assertTrue(HeldOutSplit.isHeldOut(p.source()));
            assertFalse(trainKeys.contains(HeldOutSplit.key(p.source())), "held-out pair also in training: " + p);
        }
    }
}
