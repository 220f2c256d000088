package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Word2VecTrainerTest {
    @TempDir static Path dir;
    static Path corpus;
    static Path prefix;

    @BeforeAll
    static void prepare() throws Exception {
        corpus = TestCorpora.sotuTokenized(dir);
        prefix = TestCorpora.sotuPrefix(dir, 40_000);
    }

    private static Word2VecConfig.Builder small() {
        return Word2VecConfig.builder().dimension(32).minCount(3).epochs(1).threads(1).seed(42);
    }

    @Test
    void singleThreadedRunsWithTheSameSeedAreIdentical() {
        for (Word2VecConfig c : List.of(
                small().build(),
                small().sharedNegatives(false).build(),
                small().architecture(Architecture.CBOW).alpha(0.05).build())) {
            TrainingResult a = new Word2VecTrainer(c, null).train(prefix);
            TrainingResult b = new Word2VecTrainer(c, null).train(prefix);
            assertArrayEquals(a.vectors(), b.vectors(), c.toString());
            TrainingResult other = new Word2VecTrainer(c.toBuilder().seed(43).build(), null).train(prefix);
            assertFalse(Arrays.equals(a.vectors(), other.vectors()), "another seed gives other vectors");
        }
    }

    @Test
    void everyEpochTrainsTheWholeCorpusAndProgressIsReported() {
        List<double[]> reports = new ArrayList<>();
        Word2VecConfig c = small().threads(2).epochs(3).build();
        TrainingResult r = new Word2VecTrainer(c, (done, total, wps, loss, alpha) ->
                reports.add(new double[] {done, total, loss, alpha})).train(prefix);
        long perEpoch = r.vocabulary().totalCount();
        // each thread stops after its share of the words or at the end of the file, as the C tool does,
        // so the two byte ranges may overlap or fall a little short
        assertTrue(r.wordsTrained() > 0.9 * 3 * perEpoch && r.wordsTrained() < 1.1 * 3 * perEpoch,
                r.wordsTrained() + " vs " + 3 * perEpoch);
        assertFalse(reports.isEmpty());
        double[] last = reports.get(reports.size() - 1);
        assertEquals(3 * perEpoch, (long) last[1]);
        assertTrue(last[2] > 0 && last[2] < 0.69, "loss below log(2) once trained: " + last[2]);
        assertTrue(last[3] < c.alpha() * 0.2, "learning rate decayed: " + last[3]);
    }

    /**
     * Words that often share a window must end up closer than random pairs of words of similar
     * frequency; with untrained (random) vectors the two means are equal.
     */
    @Test
    void learnsCoOccurrenceOnRealText() throws Exception {
        Word2VecConfig untrained = small().epochs(1).alpha(1e-9).build();
        double baseline = coOccurrenceGap(new Word2VecTrainer(untrained, null).train(corpus), corpus);
        assertTrue(Math.abs(baseline) < 0.03, "random vectors show no gap: " + baseline);
        for (boolean shared : new boolean[] {true, false}) {
            // this 150k-word sample needs about 5 epochs before the vectors leave their random start
            Word2VecConfig c = small().dimension(40).epochs(5).minCount(5).threads(2).sharedNegatives(shared).build();
            TrainingResult r = new Word2VecTrainer(c, null).train(corpus);
            double gap = coOccurrenceGap(r, corpus);
            assertTrue(gap > 0.04, "shared=" + shared + ": cosine gap co-occurring vs random pairs " + gap);
        }
    }

    static double coOccurrenceGap(TrainingResult r, Path corpus) throws Exception {
        Vocabulary v = r.vocabulary();
        int lo = 50;
        int hi = Math.min(v.size(), 1000); // skip function words, keep words seen often enough
        Map<Long, Integer> pairs = new HashMap<>();
        for (String line : Files.readAllLines(corpus)) {
            String[] w = line.split(" ");
            int[] id = new int[w.length];
            for (int i = 0; i < w.length; i++) id[i] = v.indexOf(w[i]);
            for (int i = 0; i < w.length; i++) {
                if (id[i] < lo || id[i] >= hi) continue;
                for (int j = i + 1; j < Math.min(w.length, i + 3); j++) {
                    if (id[j] < lo || id[j] >= hi || id[j] == id[i]) continue;
                    pairs.merge((long) Math.min(id[i], id[j]) << 32 | Math.max(id[i], id[j]), 1, Integer::sum);
                }
            }
        }
        List<long[]> frequent = new ArrayList<>();
        pairs.forEach((k, n) -> { if (n >= 8) frequent.add(new long[] {k >>> 32, k & 0xffffffffL}); });
        assertTrue(frequent.size() >= 50, "enough frequent pairs: " + frequent.size());
        Random rnd = new Random(1);
        double near = 0;
        double random = 0;
        for (long[] p : frequent) {
            near += cosine(r, (int) p[0], (int) p[1]);
            random += cosine(r, lo + rnd.nextInt(hi - lo), lo + rnd.nextInt(hi - lo));
        }
        return (near - random) / frequent.size();
    }

    static double cosine(TrainingResult r, int a, int b) {
        float[] x = r.vector(a);
        float[] y = r.vector(b);
        double d = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.length; i++) {
            d += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return d / Math.sqrt(nx * ny);
    }

    @Test
    void invalidParametersAreUserErrors() {
        assertThrows(UserInputException.class, () -> small().dimension(0).build());
        assertThrows(UserInputException.class, () -> small().window(0).build());
        assertThrows(UserInputException.class, () -> small().negative(0).build());
        assertThrows(UserInputException.class, () -> small().minCount(0).build());
        assertThrows(UserInputException.class, () -> small().sample(-1).build());
        assertThrows(UserInputException.class, () -> small().epochs(0).build());
        assertThrows(UserInputException.class, () -> small().threads(0).build());
        UserInputException e = assertThrows(UserInputException.class, () -> small().alpha(0).build());
        assertTrue(e.getMessage().contains("--alpha"), e.getMessage());
    }

    @Test
    void emptyCorpusAndMinCountWithoutVocabularyAreUserErrors() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertThrows(UserInputException.class, () -> new Word2VecTrainer(small().build(), null).train(empty));
        UserInputException e = assertThrows(UserInputException.class,
                () -> new Word2VecTrainer(small().minCount(1_000_000).build(), null).train(corpus));
        assertTrue(e.getMessage().contains("--min-count"), e.getMessage());
    }
}
