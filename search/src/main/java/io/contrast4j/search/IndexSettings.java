package io.contrast4j.search;

import io.contrast4j.core.UserInputException;

/**
 * How an index is built. Immutable; the graph and text settings are recorded in the index.
 *
 * @param maxConn        HNSW M: neighbours a node keeps per layer (Lucene's default 16)
 * @param beamWidth      HNSW candidate list size while building (efConstruction; Lucene's default 100)
 * @param quantization   float32 vectors or Lucene's scalar-quantized HNSW (int8 / int4)
 * @param analyzer       analyzer of the BM25 text field
 * @param passageTokens  0 indexes each document as one passage; otherwise documents are cut into
 *                       passages of whole sentences holding at most this many word tokens
 * @param commitEvery    commit after this many documents, so a crash loses at most that many
 * @param batchSize      texts per encoder batch; the writer hands the embedder {@link #embedWindow()}
 *                       texts at a time
 * @param mergeWorkers   threads that build HNSW graphs during merges (1 = the merging thread only)
 */
public record IndexSettings(int maxConn, int beamWidth, VectorQuantization quantization, TextAnalyzer analyzer,
                            int passageTokens, int commitEvery, int batchSize, int mergeWorkers) {

    public static final IndexSettings DEFAULT =
            new IndexSettings(16, 100, VectorQuantization.NONE, TextAnalyzer.ENGLISH, 0, 10_000, 64, 1);

    public IndexSettings {
        require(maxConn >= 2 && maxConn <= 512, "--hnsw-m must be in 2..512, got " + maxConn);
        require(beamWidth >= 1 && beamWidth <= 3200, "--hnsw-beam-width must be in 1..3200, got " + beamWidth);
        require(quantization != null, "quantization is required");
        require(analyzer != null, "analyzer is required");
        require(passageTokens >= 0, "--passage-tokens must be >= 0, got " + passageTokens);
        require(commitEvery >= 1, "--commit-every must be >= 1, got " + commitEvery);
        require(batchSize >= 1, "--batch-size must be >= 1, got " + batchSize);
        require(mergeWorkers >= 1, "--merge-workers must be >= 1, got " + mergeWorkers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new UserInputException(message);
        }
    }

    public IndexSettings withMaxConn(int m) {
        return new IndexSettings(m, beamWidth, quantization, analyzer, passageTokens, commitEvery, batchSize, mergeWorkers);
    }

    public IndexSettings withBeamWidth(int b) {
        return new IndexSettings(maxConn, b, quantization, analyzer, passageTokens, commitEvery, batchSize, mergeWorkers);
    }

    public IndexSettings withQuantization(VectorQuantization q) {
        return new IndexSettings(maxConn, beamWidth, q, analyzer, passageTokens, commitEvery, batchSize, mergeWorkers);
    }

    public IndexSettings withAnalyzer(TextAnalyzer a) {
        return new IndexSettings(maxConn, beamWidth, quantization, a, passageTokens, commitEvery, batchSize, mergeWorkers);
    }

    public IndexSettings withPassageTokens(int t) {
        return new IndexSettings(maxConn, beamWidth, quantization, analyzer, t, commitEvery, batchSize, mergeWorkers);
    }

    /** Encoder batches per {@code Embedder.embed} call of the index writer. */
    public static final int EMBED_WINDOW_BATCHES = 64;

    /**
     * Texts per {@code Embedder.embed} call of the index writer: {@link #EMBED_WINDOW_BATCHES}
     * batches (4,096 texts at batch 64, the chunk {@code encode} embeds at once), so that an encoder
     * that sorts its input by length (SentenceEncoder, the ONNX Runtime encoder) pads each batch as
     * little as {@code encode} does: one batch of 64 short sentences in corpus order holds ~1.35x
     * the tokens of a length-sorted one, and MiniLM embedded 16,384 corpus sentences at 433 sent/s
     * in windows of 1,024 against 473 in windows of 4,096.
     */
    public int embedWindow() {
        return batchSize * EMBED_WINDOW_BATCHES;
    }

    public IndexSettings withCommitEvery(int n) {
        return new IndexSettings(maxConn, beamWidth, quantization, analyzer, passageTokens, n, batchSize, mergeWorkers);
    }

    public IndexSettings withBatchSize(int n) {
        return new IndexSettings(maxConn, beamWidth, quantization, analyzer, passageTokens, commitEvery, n, mergeWorkers);
    }

    public IndexSettings withMergeWorkers(int n) {
        return new IndexSettings(maxConn, beamWidth, quantization, analyzer, passageTokens, commitEvery, batchSize, n);
    }
}
