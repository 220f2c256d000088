package io.contrast4j.sentence.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Samples DeCLUTR anchor and positive spans from one document (Giorgi et al. 2021, "DeCLUTR: Deep
 * Contrastive Learning for Unsupervised Textual Representations", Section 2 and the reference
 * implementation's {@code sample_anchor_positive_pairs}).
 *
 * <ul>
 *   <li>Anchor length: {@code floor(Beta(4, 2) * (max - min) + min)} tokens, skewed towards long
 *       spans so that an anchor represents its document.
 *   <li>Positive length: {@code floor(Beta(2, 4) * (max - min) + min)}, skewed towards short spans.
 *   <li>Anchors start in disjoint windows of {@code max} tokens; once a window is used, it and its
 *       two neighbours are removed, so anchors of one document never overlap.
 *   <li>Positives ({@link Strategy#ANY}): start uniformly in {@code [anchorStart - len, anchorEnd]}
 *       (clipped to the document), so a positive overlaps, is adjacent to, or is subsumed by its
 *       anchor. {@link Strategy#SUBSUMING} and {@link Strategy#ADJACENT} are the reference code's
 *       restricted variants.
 *   <li>Documents shorter than {@code numAnchors * maxSpan * 2} tokens cannot be sampled and are
 *       skipped (the paper's filter); {@link #sample} returns empty for them.
 * </ul>
 *
 * Tokens are whitespace-separated words, as in the reference code; a span's text is its tokens
 * joined by single spaces. The sampler is stateless: randomness comes from the caller, so a
 * training run can derive it from its seed and data position and resume exactly.
 */
public final class DeclutrSpanSampler {

    /** Where positives may lie relative to their anchor. */
    public enum Strategy { ANY, SUBSUMING, ADJACENT }

    /** Half-open token range {@code [start, end)} of a document. */
    public record Span(int start, int end) {
        public int length() {
            return end - start;
        }
    }

    /** Spans of one document: anchors, and {@code numPositives} positives for each anchor in order. */
    public record DocumentSpans(String[] tokens, List<Span> anchors, List<List<Span>> positives) {
        public String text(Span span) {
            return String.join(" ", java.util.Arrays.asList(tokens).subList(span.start(), span.end()));
        }

        public List<String> anchorTexts() {
            return anchors.stream().map(this::text).toList();
        }

        /** Positive texts anchor by anchor: {@code numPositives} per anchor. */
        public List<String> positiveTexts() {
            return positives.stream().flatMap(List::stream).map(this::text).toList();
        }
    }

    private final int numAnchors;
    private final int numPositives;
    private final int minSpan;
    private final int maxSpan;
    private final Strategy strategy;

    public DeclutrSpanSampler(int numAnchors, int numPositives, int minSpan, int maxSpan, Strategy strategy) {
        if (numAnchors < 1 || numPositives < 1) {
            throw new IllegalArgumentException("numAnchors and numPositives must be >= 1");
        }
        if (minSpan < 1 || minSpan > maxSpan) {
            throw new IllegalArgumentException("need 1 <= minSpan <= maxSpan, got " + minSpan + ", " + maxSpan);
        }
        this.numAnchors = numAnchors;
        this.numPositives = numPositives;
        this.minSpan = minSpan;
        this.maxSpan = maxSpan;
        this.strategy = strategy;
    }

    public int numAnchors() {
        return numAnchors;
    }

    public int numPositives() {
        return numPositives;
    }

    public int minSpan() {
        return minSpan;
    }

    public int maxSpan() {
        return maxSpan;
    }

    public Strategy strategy() {
        return strategy;
    }

    /** Documents with fewer whitespace tokens than this are skipped (reference: A * max * 2). */
    public int minimumDocumentTokens() {
        return numAnchors * maxSpan * 2;
    }

    public static String[] tokenize(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    public Optional<DocumentSpans> sample(String text, RandomGenerator rng) {
        return sample(tokenize(text), rng);
    }

    public Optional<DocumentSpans> sample(String[] tokens, RandomGenerator rng) {
        int n = tokens.length;
        if (n < minimumDocumentTokens()) {
            return Optional.empty();
        }
        List<Integer> windowStarts = new ArrayList<>();
        for (int s = 0; s <= n - maxSpan; s += maxSpan) {
            windowStarts.add(s);
        }
        List<Span> anchors = new ArrayList<>(numAnchors);
        List<List<Span>> positives = new ArrayList<>(numAnchors);
        for (int i = 0; i < numAnchors; i++) {
            int anchorLen = scaledLength(4, 2, maxSpan, rng);
            int remaining = numAnchors - i;
            int windowIndex;
            if (windowStarts.size() / remaining < remaining) {
                // Reference code's guard against running out of windows: take the first or last one.
                windowIndex = rng.nextBoolean() ? 0 : windowStarts.size() - 1;
            } else {
                windowIndex = rng.nextInt(windowStarts.size());
            }
            int windowStart = windowStarts.get(windowIndex);
            int anchorStart = windowStart + rng.nextInt(maxSpan - anchorLen + 1);
            int from = Math.max(0, windowIndex - 1);
            int to = Math.min(windowStarts.size(), windowIndex + 2);
            windowStarts.subList(from, to).clear();
            Span anchor = new Span(anchorStart, anchorStart + anchorLen);
            anchors.add(anchor);
            List<Span> mine = new ArrayList<>(numPositives);
            for (int p = 0; p < numPositives; p++) {
                mine.add(positive(anchor, n, rng));
            }
            positives.add(List.copyOf(mine));
        }
        return Optional.of(new DocumentSpans(tokens, List.copyOf(anchors), List.copyOf(positives)));
    }

    private Span positive(Span anchor, int n, RandomGenerator rng) {
        switch (strategy) {
            case SUBSUMING -> {
                int len = (int) (BetaSampler.sample(2, 4, rng) * (anchor.length() - minSpan) + minSpan);
                int start = anchor.start() + rng.nextInt(anchor.length() - len + 1);
                return new Span(start, start + len);
            }
            case ADJACENT -> {
                int maxLen = Math.min(maxSpan, Math.max(anchor.start(), n - anchor.end()));
                int len = (int) (BetaSampler.sample(2, 4, rng) * (maxLen - minSpan) + minSpan);
                boolean before = anchor.start() - len >= 0;
                boolean after = anchor.end() + len <= n;
                int start = before && after
                        ? (rng.nextBoolean() ? anchor.start() - len : anchor.end())
                        : before ? anchor.start() - len : anchor.end();
                return new Span(start, start + len);
            }
            default -> {
                int len = scaledLength(2, 4, maxSpan, rng);
                int lo = Math.max(0, anchor.start() - len);
                int hi = Math.min(anchor.end(), n - len);
                int start = lo + rng.nextInt(hi - lo + 1);
                return new Span(start, start + len);
            }
        }
    }

    private int scaledLength(int a, int b, int max, RandomGenerator rng) {
        return (int) (BetaSampler.sample(a, b, rng) * (max - minSpan) + minSpan);
    }
}
