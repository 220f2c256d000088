package io.contrast4j.sentence.objective;

import io.contrast4j.sentence.loss.InfoNceLoss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeCLUTR (Giorgi et al. 2021): each document gives A anchor spans and P positive spans per anchor
 * ({@link DeclutrSpanSampler}); an anchor's P positive embeddings are averaged into one; the loss is
 * NT-Xent over anchors and positives, so the other anchors and positives of the batch (including
 * the other anchors of the same document) are negatives. The paper adds a masked-language-model
 * loss to the contrastive one; that term is off here (not implemented): it needs an MLM head that
 * the sentence-transformers folders we start from do not carry, and a vocabulary-sized softmax per
 * masked token that this CPU budget cannot afford.
 *
 * <p>A batch of B anchors takes B / A documents. Documents too short to sample are dropped when
 * the objective is built and counted in {@link #skippedDocuments()}. The spans of the document at
 * global position i come from a generator seeded by (seed, i): resuming at a position reproduces
 * them.
 */
public final class DeclutrObjective extends OrderedObjective {

    private final List<String[]> documents;
    private final int skipped;
    private final DeclutrSpanSampler sampler;
    private final InfoNceLoss loss;

    /** @param documents raw documents; those shorter than the sampler's minimum are skipped */
    public DeclutrObjective(List<String> documents, DeclutrSpanSampler sampler, long seed, InfoNceLoss loss) {
        this(documents, 0, sampler, seed, loss);
    }

    /**
     * @param skippedBefore documents the caller already dropped as too short (counted in
     *     {@link #skippedDocuments()} so that the report covers the whole corpus)
     */
    public DeclutrObjective(List<String> documents, int skippedBefore, DeclutrSpanSampler sampler, long seed,
            InfoNceLoss loss) {
        super(seed);
        List<String[]> kept = new ArrayList<>();
        int tooShort = skippedBefore;
        for (String d : documents) {
            String[] tokens = DeclutrSpanSampler.tokenize(d);
            if (tokens.length >= sampler.minimumDocumentTokens()) {
                kept.add(tokens);
            } else {
                tooShort++;
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no document has the " + sampler.minimumDocumentTokens()
                    + " whitespace tokens DeCLUTR needs (anchors x max span x 2); all " + tooShort
                    + " were too short: lower --max-span or use longer documents");
        }
        this.documents = kept;
        this.skipped = tooShort;
        this.sampler = sampler;
        walk(kept.size());
        this.loss = loss;
    }

    @Override
    public String name() {
        return "declutr";
    }

    public int usableDocuments() {
        return documents.size();
    }

    public int skippedDocuments() {
        return skipped;
    }

    @Override
    public ContrastiveBatch next(int batchSize) {
        int a = sampler.numAnchors();
        if (batchSize % a != 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not a multiple of the "
                    + a + " anchors per document");
        }
        List<String> anchors = new ArrayList<>(batchSize);
        List<String> positives = new ArrayList<>(batchSize * sampler.numPositives());
        for (int d = 0; d < batchSize / a; d++) {
            long at = position();
            String[] doc = documents.get(nextUnit());
            var spans = sampler.sample(doc, randomAt(at, 0x5DEECE66DL)).orElseThrow();
            anchors.addAll(spans.anchorTexts());
            positives.addAll(spans.positiveTexts());
        }
        return new ContrastiveBatch(anchors, positives, sampler.numPositives(), List.of(), 0);
    }

    @Override
    public InfoNceLoss loss() {
        return loss;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("objective", name());
        d.put("documents_used", documents.size());
        d.put("documents_skipped_too_short", skipped);
        d.put("min_document_tokens", sampler.minimumDocumentTokens());
        d.put("anchors_per_document", sampler.numAnchors());
        d.put("positives_per_anchor", sampler.numPositives());
        d.put("min_span", sampler.minSpan());
        d.put("max_span", sampler.maxSpan());
        d.put("strategy", sampler.strategy().name());
        d.put("temperature", loss.temperature());
        d.put("symmetric", loss.symmetric());
        d.put("view_negatives", loss.viewNegatives());
        d.put("mlm", false);
        d.put("seed", seed);
        return d;
    }
}
