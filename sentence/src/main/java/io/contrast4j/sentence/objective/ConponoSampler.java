package io.contrast4j.sentence.objective;

import io.contrast4j.core.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CONPONO's examples (Iter et al. 2020, Sec. 3): an anchor sentence s_i of a document, the targets
 * s_{i+k} for every k in -K..-1, 1..K, H hard negatives (other sentences of the same document, outside
 * the anchor's window, so at no distance in -K..K) and R random negatives (sentences of other
 * documents). In the loss the targets at the other distances are hard negatives for each k too.
 *
 * <p>Anchors need K sentences of context on each side, and a document needs H sentences outside the
 * window: documents with fewer than 2K + 1 + H sentences are skipped and counted
 * ({@link #skippedDocuments()}).
 */
public final class ConponoSampler {

    /** One anchor with its targets (in {@link #offsets()} order) and negatives, as document/sentence indices. */
    public record Example(int document, int anchor, int[] targets, int[] hardNegatives, int[] randomDocuments,
            int[] randomSentences) {}

    private final List<String[]> documents;
    private final int skipped;
    private final int k;
    private final int hard;
    private final int random;
    private final int[] offsets;

    /**
     * @param sentencesPerDocument each document as its sentences, in order
     * @param k the largest distance K (targets at -K..-1, 1..K)
     * @param hard same-document negatives outside the window, per anchor
     * @param random other-document negatives, per anchor
     */
    public ConponoSampler(List<List<String>> sentencesPerDocument, int k, int hard, int random) {
        if (k < 1) throw new IllegalArgumentException("K must be >= 1, got " + k);
        if (hard < 0 || random < 0) throw new IllegalArgumentException("negative counts must be >= 0");
        this.k = k;
        this.hard = hard;
        this.random = random;
        this.offsets = new int[2 * k];
        for (int j = 0; j < k; j++) {
            offsets[j] = j - k; // -K .. -1
            offsets[k + j] = j + 1; // 1 .. K
        }
        List<String[]> kept = new ArrayList<>();
        int tooShort = 0;
        for (List<String> d : sentencesPerDocument) {
            if (d.size() >= minimumSentences()) {
                kept.add(d.toArray(String[]::new));
            } else {
                tooShort++;
            }
        }
        this.documents = kept;
        this.skipped = tooShort;
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no document has the " + minimumSentences() + " sentences CONPONO needs"
                    + " (2K + 1 + hard negatives); all " + tooShort + " were too short");
        }
        if (random > 0 && kept.size() < 2) {
            throw new IllegalArgumentException("random negatives need at least 2 usable documents, got 1");
        }
    }

    /** Splits raw documents into sentences with {@code splitter}, then as the main constructor. */
    public static ConponoSampler fromTexts(List<String> documents, SentenceSplitter splitter, int k, int hard, int random) {
        List<List<String>> split = new ArrayList<>(documents.size());
        for (String d : documents) split.add(splitter.split(d));
        return new ConponoSampler(split, k, hard, random);
    }

    public int minimumSentences() {
        return 2 * k + 1 + hard;
    }

    /** The distances, in target order: -K..-1, 1..K. */
    public int[] offsets() {
        return offsets.clone();
    }

    public int k() {
        return k;
    }

    public int hardNegatives() {
        return hard;
    }

    public int randomNegatives() {
        return random;
    }

    public int usableDocuments() {
        return documents.size();
    }

    public int skippedDocuments() {
        return skipped;
    }

    public String[] sentences(int document) {
        return documents.get(document);
    }

    /** An anchor of {@code document} with its targets and negatives, drawn from {@code rng}. */
    public Example sample(int document, SplittableRandom rng) {
        String[] doc = documents.get(document);
        int n = doc.length;
        int anchor = k + rng.nextInt(n - 2 * k);
        int[] targets = new int[offsets.length];
        for (int j = 0; j < offsets.length; j++) targets[j] = anchor + offsets[j];
        // Hard negatives: distinct sentences outside [anchor - K, anchor + K], partial Fisher-Yates over them.
        int outside = n - (2 * k + 1);
        int[] pool = new int[outside];
        for (int i = 0, j = 0; i < n; i++) if (Math.abs(i - anchor) > k) pool[j++] = i;
        for (int i = 0; i < hard; i++) {
            int j = i + rng.nextInt(outside - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] hardNegatives = Arrays.copyOf(pool, hard);
        int[] randomDocuments = new int[random];
        int[] randomSentences = new int[random];
        for (int i = 0; i < random; i++) {
            int other = rng.nextInt(documents.size() - 1);
            if (other >= document) other++; // any document but this one
            randomDocuments[i] = other;
            randomSentences[i] = rng.nextInt(documents.get(other).length);
        }
        return new Example(document, anchor, targets, hardNegatives, randomDocuments, randomSentences);
    }

    public String anchorText(Example e) {
        return documents.get(e.document())[e.anchor()];
    }

    public List<String> targetTexts(Example e) {
        String[] doc = documents.get(e.document());
        List<String> out = new ArrayList<>(e.targets().length);
        for (int t : e.targets()) out.add(doc[t]);
        return out;
    }

    /** Hard negatives, then random negatives. */
    public List<String> negativeTexts(Example e) {
        String[] doc = documents.get(e.document());
        List<String> out = new ArrayList<>(hard + random);
        for (int h : e.hardNegatives()) out.add(doc[h]);
        for (int i = 0; i < random; i++) out.add(documents.get(e.randomDocuments()[i])[e.randomSentences()[i]]);
        return out;
    }
}
