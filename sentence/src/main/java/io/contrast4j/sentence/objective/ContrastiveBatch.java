package io.contrast4j.sentence.objective;

import java.util.List;

/**
 * One batch of texts for an InfoNCE step: {@code anchors} (B), {@code positives} (B * P, the P
 * positives of anchor i at rows i*P .. i*P+P-1, averaged into one as in DeCLUTR), and optional
 * {@code hardNegatives} (B * H, the H negatives of anchor i in a row, empty when H = 0).
 */
public record ContrastiveBatch(List<String> anchors, List<String> positives, int positivesPerAnchor,
        List<String> hardNegatives, int negativesPerAnchor) {

    public ContrastiveBatch {
        anchors = List.copyOf(anchors);
        positives = List.copyOf(positives);
        hardNegatives = List.copyOf(hardNegatives);
        if (positives.size() != anchors.size() * positivesPerAnchor) {
            throw new IllegalArgumentException(positives.size() + " positives for " + anchors.size()
                    + " anchors x " + positivesPerAnchor);
        }
        if (hardNegatives.size() != anchors.size() * negativesPerAnchor) {
            throw new IllegalArgumentException(hardNegatives.size() + " hard negatives for "
                    + anchors.size() + " anchors x " + negativesPerAnchor);
        }
    }

    public static ContrastiveBatch pairs(List<String> anchors, List<String> positives) {
        return new ContrastiveBatch(anchors, positives, 1, List.of(), 0);
    }

    public int size() {
        return anchors.size();
    }

    /** The views to embed, in order: anchors, positives, then hard negatives if any. */
    public List<List<String>> views() {
        return negativesPerAnchor == 0 ? List.of(anchors, positives) : List.of(anchors, positives, hardNegatives);
    }
}
