package io.contrast4j.sentence.negatives;

import java.util.List;
import java.util.Objects;

/**
 * One supervised contrastive example: an anchor, its positive, and zero or more (mined) hard
 * negatives, in the order they should be used (hardest first as mined).
 */
public record TrainingExample(String anchor, String positive, List<String> negatives) {
    public TrainingExample {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(positive, "positive");
        negatives = List.copyOf(negatives);
    }

    public static TrainingExample pair(String anchor, String positive) {
        return new TrainingExample(anchor, positive, List.of());
    }

    public TrainingExample withNegatives(List<String> mined) {
        return new TrainingExample(anchor, positive, mined);
    }
}
