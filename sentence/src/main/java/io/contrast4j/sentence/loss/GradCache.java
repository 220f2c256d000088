package io.contrast4j.sentence.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gradient caching for contrastive losses whose batch of negatives exceeds memory (Gao, Zhang, Han
 * and Callan 2021, "Scaling Deep Contrastive Learning Batch Size under Memory Limited Setup",
 * Sec. 3.2):
 *
 * <ol>
 *   <li>embed every mini-batch (chunk) without building a graph and cache the embeddings;
 *   <li>compute the loss on the cached embeddings and its gradient with respect to them only;
 *   <li>re-embed each chunk with a graph and back-propagate the cached gradient through it
 *       ({@code sum(embedding * cachedGradient)}), so parameter gradients accumulate chunk by chunk.
 * </ol>
 *
 * The parameter gradients equal those of the full-batch loss, provided the two forward passes of a
 * chunk are identical: a chunk embedder with dropout must reseed its random generator from the
 * chunk key it is given (the trainer derives the seed from step, view and chunk), just as the
 * reference code restores the RNG state with its {@code RandContext}. Peak activation memory is
 * that of one chunk, plus the {@code [N, d]} cache.
 */
public final class GradCache {

    /** Embeds one chunk of a view; the same (view, chunk) key must give the same forward pass. */
    @FunctionalInterface
    public interface ChunkEmbedder {
        NDArray embed(NDManager manager, List<String> texts, int view, int chunk);
    }

    private final int chunkSize;

    public GradCache(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Runs the three passes over {@code views} (e.g. anchors, positives, hard negatives) and leaves
     * the parameter gradients accumulated (added to what is already there). Returns the loss value.
     *
     * @param loss the loss over the full embeddings of every view, in view order
     */
    public float accumulate(NDManager manager, List<List<String>> views, ChunkEmbedder embedder,
            Function<NDList, NDArray> loss) {
        NDList cached = embedWithoutGraph(manager, views, embedder);
        // Pass 2: loss and its gradient with respect to the cached embeddings.
        // Its intermediates attach to the cached arrays' manager, which the caller closes per step.
        float value;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray l = loss.apply(cached);
            value = l.getFloat();
            collector.backward(l);
        }
        // Pass 3: re-embed chunk by chunk with a graph and push the cached gradient through.
        for (int v = 0; v < views.size(); v++) {
            List<List<String>> chunks = chunks(views.get(v));
            NDArray grad = cached.get(v).getGradient();
            int offset = 0;
            for (int c = 0; c < chunks.size(); c++) {
                int n = chunks.get(c).size();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray g = grad.get(offset + ":" + (offset + n));
                    g.attach(scope);
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray e = embedder.embed(scope, chunks.get(c), v, c);
                        collector.backward(e.mul(g).sum());
                    }
                }
                offset += n;
            }
            grad.close();
        }
        cached.close();
        return value;
    }

    /** Pass 1: every chunk without a graph; returns one fresh leaf array per view, requiring gradient. */
    private NDList embedWithoutGraph(NDManager manager, List<List<String>> views, ChunkEmbedder embedder) {
        // PyTorch's grad mode is per thread; DJL turns it off only on the thread that started the
        // engine, so turn it off here too (as model.NoGradient does for inference).
        boolean gradMode = "PyTorch".equals(manager.getEngine().getEngineName()) && JniUtils.isGradMode();
        if (gradMode) JniUtils.setGradMode(false);
        try {
            NDList cached = new NDList();
            for (int v = 0; v < views.size(); v++) {
                List<List<String>> chunks = chunks(views.get(v));
                NDList parts = new NDList();
                for (int c = 0; c < chunks.size(); c++) {
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray e = embedder.embed(scope, chunks.get(c), v, c).stopGradient();
                        e.attach(manager);
                        parts.add(e);
                    }
                }
                NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
                NDArray leaf = all.duplicate();
                leaf.setRequiresGradient(true);
                cached.add(leaf);
            }
            return cached;
        } finally {
            if (gradMode) JniUtils.setGradMode(true);
        }
    }

    private List<List<String>> chunks(List<String> texts) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i += chunkSize) {
            out.add(texts.subList(i, Math.min(texts.size(), i + chunkSize)));
        }
        return out;
    }
}
