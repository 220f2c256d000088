package io.contrast4j.sentence.train;

import ai.djl.Device;
import io.contrast4j.sentence.model.BertConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Small real encoders and real sentences for trainer and loss tests. */
public final class TestEncoders {

    private static List<String> sentences;

    private TestEncoders() {}

    /** The BERT encoder at toy size (2 layers, hidden 32, 2 heads, MiniLM's vocabulary), dropout 0.1, seeded init. */
    public static TrainableEncoder tiny(long seed) {
        return SentenceModelTrainable.fromScratch(
                new BertConfig(30522, 32, 2, 2, 64, 64, 2, 1e-12, 0.1, 0.1, 0), 64, seed, Device.cpu());
    }

    /** Sentences of the State of the Union sample (public domain), {@code count} from {@code from}. */
    public static synchronized List<String> sentences(int from, int count) {
        if (sentences == null) {
            try (InputStream in = TestEncoders.class.getResourceAsStream("/io/contrast4j/sentence/objective/sotu-sample.txt")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                sentences = Arrays.stream(text.split("(?<=[.!?])\\s+"))
                        .map(String::strip).filter(s -> s.split("\\s+").length >= 5).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sentences.subList(from, from + count);
    }

    public static List<String> allSentences() {
        sentences(0, 1);
        return sentences;
    }
}
