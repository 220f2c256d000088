package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.vector.DenseWordVectors;
import io.contrast4j.core.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEmbedderTest {
    @TempDir static Path dir;
    static TrainingResult result;
    static DenseWordVectors vectors;
    static List<String> sentences;

    @BeforeAll
    static void train() throws Exception {
        Path corpus = TestCorpora.sotuTokenized(dir);
        result = new Word2VecTrainer(Word2VecConfig.builder().dimension(40).minCount(3).epochs(2).threads(2).build(),
                null).train(corpus);
        vectors = result.wordVectors();
        sentences = new ArrayList<>();
        for (String s : TestCorpora.sotuRaw().split("(?<=[.;])\\s+")) {
            if (s.length() > 20) sentences.add(s);
            if (sentences.size() == 2000) break;
        }
    }

    @Test
    void meanIsTheAverageOfKnownWordVectors() {
        MeanEmbedder mean = new MeanEmbedder(vectors, "sotu-mean");
        float[][] e = mean.embed(List.of("The Congress, the NATION!", "zzzqqq", ""));
        float[] expected = new float[vectors.dimension()];
        for (String w : List.of("the", "congress", "the", "nation")) VectorMath.axpy(0.25f, vectors.vector(w), expected);
        assertArrayEquals(expected, e[0], 1e-6f);
        assertEquals(0f, VectorMath.norm(e[1]), "no known word: zero vector");
        assertEquals(0f, VectorMath.norm(e[2]));
    }

    @Test
    void sifRemovesTheCommonComponentAndSurvivesSaveAndLoad() {
        SifEmbedder sif = SifEmbedder.fit(vectors, WordFrequencies.of(result.vocabulary()), SifEmbedder.DEFAULT_A,
                sentences, "sotu-sif");
        float[] pc = sif.component();
        assertEquals(1f, VectorMath.norm(pc), 1e-4f);
        float[][] e = sif.embed(sentences.subList(0, 50));
        for (float[] row : e) assertEquals(0f, VectorMath.dot(row, pc), 1e-4f, "orthogonal to the component");
        // The component is the dominant direction of the weighted averages: it carries much of their energy.
        SifEmbedder.firstSingularVector(new float[][] {{3, 4}}, 2);
        assertArrayEquals(new float[] {0.6f, 0.8f}, SifEmbedder.firstSingularVector(new float[][] {{3, 4}, {-3, -4}}, 2), 1e-5f);
        // frequent words weigh less than rare ones
        MeanEmbedder mean = new MeanEmbedder(vectors, "m");
        assertNotEquals(VectorMath.cosine(mean.embed(List.of(sentences.get(0)))[0], e[0]), 1f);

        Path file = dir.resolve("sif.json");
        sif.save(file);
        SifEmbedder loaded = SifEmbedder.load(file, vectors);
        assertEquals(sif.a(), loaded.a());
        assertArrayEquals(e[7], loaded.embed(List.of(sentences.get(7)))[0], 1e-6f);
    }

    @Test
    void analogyExcludesQuestionWordsAndNeighborsAreSimilar() {
        List<Neighbor> n = WordAnalogy.solve(vectors, "senate", "house", "war", 5);
        assertEquals(5, n.size());
        for (Neighbor x : n) assertTrue(!List.of("senate", "house", "war").contains(x.key()), x.key());
        assertTrue(WordAnalogy.solve(vectors, "nosuchword", "house", "war", 5).isEmpty());
        List<Neighbor> near = vectors.mostSimilar("war", 10);
        assertEquals(10, near.size());
        assertTrue(near.get(0).score() >= near.get(9).score());
    }
}
