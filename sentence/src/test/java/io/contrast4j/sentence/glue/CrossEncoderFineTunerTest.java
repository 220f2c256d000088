package io.contrast4j.sentence.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real MiniLM fine-tuned end to end for a handful of steps on small hand-made tasks. */
class CrossEncoderFineTunerTest {
    private static final String[] SUBJECTS = {"The film", "This restaurant", "The new phone", "Our holiday", "The concert",
        "That book", "The hotel", "His performance", "The meal", "The game", "This course", "The service"};
    private static final String[] GOOD = {"was wonderful and I loved every minute of it.", "is excellent, a real delight.",
        "made me very happy."};
    private static final String[] BAD = {"was terrible and I hated every minute of it.", "is awful, a real disaster.",
        "made me very angry."};

    private static GlueRecipe recipe(float lr, int epochs, int batch) {
        return new GlueRecipe(32, batch, epochs, List.of(lr), 0.1, 0.01f, 0.1f, 1.0, List.of(7L), 0);
    }

    @Test
    void learnsASentimentTaskItHasNotSeenTheTestSentencesOf() {
        List<GlueExample> train = new ArrayList<>();
        List<GlueExample> test = new ArrayList<>();
        for (int s = 0; s < SUBJECTS.length; s++) {
            for (int t = 0; t < GOOD.length; t++) {
                // subjects 0-7 train, 8-11 test: the test sentences are new combinations
                List<GlueExample> into = s < 8 ? train : test;
                into.add(new GlueExample(s + "g" + t, SUBJECTS[s] + " " + GOOD[t], null, "1"));
                into.add(new GlueExample(s + "b" + t, SUBJECTS[s] + " " + BAD[t], null, "0"));
            }
        }
        CrossEncoderFineTuner tuner = new CrossEncoderFineTuner("minilm", Engine.getInstance().defaultDevice());
        GlueFineTuner.Run run = tuner.fineTune(GlueTask.SST2, train, List.of(test), recipe(3e-4f, 2, 8), 3e-4f, 7);
        assertEquals(12, run.steps(), "2 epochs x 48 examples / batch 8");
        List<String> predicted = run.predictions().get(0);
        int right = 0;
        for (int i = 0; i < test.size(); i++) if (test.get(i).label().equals(predicted.get(i))) right++;
        assertTrue(right >= 22, "held-out accuracy " + right + "/24, predictions " + predicted);
    }

    @Test
    void aRegressionRunIsReproducibleAndPredictsScores() {
        List<GlueExample> train = List.of(
                new GlueExample("0", "A man is playing a guitar.", "A person plays an instrument.", "3.8"),
                new GlueExample("1", "A woman is slicing an onion.", "A dog runs in the park.", "0.0"),
                new GlueExample("2", "Kids are playing football.", "Children play soccer.", "4.6"),
                new GlueExample("3", "The stock market fell.", "A cat sleeps on the sofa.", "0.2"));
        List<GlueExample> test = List.of(new GlueExample("9", "A man plays the guitar.", "A man is playing music.", null));
        CrossEncoderFineTuner tuner = new CrossEncoderFineTuner("minilm", Engine.getInstance().defaultDevice());
        GlueFineTuner.Run a = tuner.fineTune(GlueTask.STSB, train, List.of(test), recipe(5e-5f, 1, 2), 5e-5f, 3);
        GlueFineTuner.Run b = tuner.fineTune(GlueTask.STSB, train, List.of(test), recipe(5e-5f, 1, 2), 5e-5f, 3);
        assertEquals(2, a.steps());
        assertEquals(a.predictions(), b.predictions(), "same seed, same run");
        assertTrue(Double.isFinite(Double.parseDouble(a.predictions().get(0).get(0))));
        assertEquals(a.finalLoss(), b.finalLoss());
        assertThrows(IllegalArgumentException.class, () -> tuner.fineTune(GlueTask.STSB, List.of(test.get(0)), List.of(),
                recipe(5e-5f, 1, 2), 5e-5f, 3));
    }
}
