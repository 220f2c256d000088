package io.contrast4j.sentence.objective;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.model.Pooling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.contrast4j.sentence.model.GraphScalars;

/**
 * CONPONO (Iter et al. 2020, "Pretraining with Contrastive Sentence Objectives Improves Discourse
 * Performance of Language Models", Sec. 3), the isolated-encoding variant: anchor c and candidates t
 * are encoded separately; for each distance k in -K..-1, 1..K a bilinear head W_k scores
 * {@code c^T W_k t}, and the loss is the softmax cross-entropy of the true target s_{i+k} against
 * the candidate set of that anchor, averaged over k:
 *
 * <pre>L_k = -log exp(c^T W_k t_{i+k}) / sum_{t_j in T} exp(c^T W_k t_j)</pre>
 *
 * T holds the 2K targets (for each k the other distances' targets are same-document hard
 * negatives), H further same-document sentences outside the window and R sentences of other
 * documents ({@link ConponoSampler}). Scores are raw dot products as in the paper, or cosines over a
 * temperature (see the constructor: needed for encoders whose vectors have norm ~1).
 *
 * <p>The W_k start at the identity, so the first scores are the pretrained encoder's own dot
 * products; they are trained with the encoder and dropped afterwards (the saved model is the
 * encoder). The paper trains CONPONO jointly with BERT's masked-LM loss; that term is off here (not
 * implemented): the sentence-transformers folders we start from carry no MLM head, and a
 * vocabulary-sized softmax per masked token does not fit this CPU budget. Starting from a
 * pretrained encoder the MLM term mainly guards its token-level knowledge, which a short run
 * barely moves.
 *
 * <p>Position = anchors consumed; the document at global position p follows a per-epoch
 * permutation and its example comes from a generator seeded by (seed, p), so a resume reproduces it.
 */
public final class ConponoObjective extends OrderedObjective {

    private final ConponoSampler sampler;
    private final float headLearningRate;
    private final float temperature;
    private final Map<String, Parameter> heads = new LinkedHashMap<>();
    private NDManager headManager;

    /** The paper's scoring: raw dot products, heads at the encoder's learning rate. */
    public ConponoObjective(ConponoSampler sampler, long seed) {
        this(sampler, seed, Float.NaN, 0f);
    }

    /**
     * @param headLearningRate peak learning rate of the W_k (NaN: the encoder's). Starting from a
     *     pretrained encoder, the encoder's small rate (2e-5) leaves W_k near the identity for
     *     hundreds of steps, and an identity head scores s_{i-k} and s_{i+k} alike, so the loss sits
     *     at chance; the heads are new, so a larger rate suits them.
     * @param temperature 0: the paper's raw scores {@code c^T W_k t}; T > 0: {@code c^T W_k t / T}
     *     on L2-normalized c and t. BERT's [CLS] vectors (the paper's encoder) have norms in the
     *     tens, so raw dot products already give a sharp softmax; sentence-transformers models
     *     such as MiniLM pool to vectors of norm ~1 or below, whose raw dot products differ by
     *     hundredths between candidates: the softmax is flat and the loss starts, and stays, at
     *     chance (measured: 2.00 vs ln 8 = 2.08 over 150 steps). Normalizing and a temperature, as
     *     in the InfoNCE objectives here, make the scale independent of the encoder.
     */
    public ConponoObjective(ConponoSampler sampler, long seed, float headLearningRate, float temperature) {
        super(seed);
        if (!Float.isNaN(headLearningRate) && !(headLearningRate > 0)) {
            throw new IllegalArgumentException("head learning rate must be > 0, got " + headLearningRate);
        }
        if (!(temperature >= 0)) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        this.temperature = temperature;
        this.sampler = sampler;
        walk(sampler.usableDocuments());
        this.headLearningRate = headLearningRate;
    }

    @Override
    public float headLearningRate() {
        return headLearningRate;
    }

    @Override
    public String name() {
        return "conpono";
    }

    public ConponoSampler sampler() {
        return sampler;
    }

    @Override
    public ContrastiveBatch next(int batchSize) {
        List<String> anchors = new ArrayList<>(batchSize);
        List<String> targets = new ArrayList<>(batchSize * 2 * sampler.k());
        List<String> negatives = new ArrayList<>(batchSize * (sampler.hardNegatives() + sampler.randomNegatives()));
        for (int i = 0; i < batchSize; i++) {
            long at = position();
            ConponoSampler.Example e = sampler.sample(nextUnit(), randomAt(at, 0xC0DE5EEDL));
            anchors.add(sampler.anchorText(e));
            targets.addAll(sampler.targetTexts(e));
            negatives.addAll(sampler.negativeTexts(e));
        }
        return new ContrastiveBatch(anchors, targets, 2 * sampler.k(), negatives,
                sampler.hardNegatives() + sampler.randomNegatives());
    }

    /** CONPONO does not score with InfoNCE; see {@link #lossOf}. */
    @Override
    public InfoNceLoss loss() {
        throw new UnsupportedOperationException("conpono scores with its per-distance heads, not InfoNCE");
    }

    /** The name of the head for distance {@code k}. */
    public static String headName(int k) {
        return "conpono.W_k" + (k < 0 ? "m" + (-k) : "p" + k);
    }

    @Override
    public synchronized Map<String, Parameter> headParameters(int dimension, Device device) {
        if (heads.isEmpty()) {
            headManager = NDManager.newBaseManager(device);
            for (int k : sampler.offsets()) {
                Parameter p = Parameter.builder().setName(headName(k)).setType(Parameter.Type.WEIGHT)
                        .build();
                p.setArray(headManager.eye(dimension).toType(DataType.FLOAT32, false));
                heads.put(headName(k), p);
            }
        }
        return heads;
    }

    /**
     * @param embeddings anchors [B, d], targets [B * 2K, d] (anchor-major, k in offset order) and,
     *     when there are negatives, [B * (H + R), d]
     */
    @Override
    public NDArray lossOf(ContrastiveBatch batch, NDList embeddings) {
        if (heads.isEmpty()) throw new IllegalStateException("headParameters() was not called before training");
        NDArray anchors = scaled(embeddings.get(0));
        long b = batch.size();
        long d = anchors.getShape().get(1);
        int targetsPerAnchor = batch.positivesPerAnchor();
        NDArray candidates = unit(embeddings.get(1)).reshape(new Shape(b, targetsPerAnchor, d));
        if (batch.negativesPerAnchor() > 0) {
            candidates = NDArrays.concat(new NDList(candidates,
                    unit(embeddings.get(2)).reshape(new Shape(b, batch.negativesPerAnchor(), d))), 1);
        }
        long c = candidates.getShape().get(1);
        NDArray candidatesT = candidates.transpose(0, 2, 1); // [B, d, C]
        int[] offsets = sampler.offsets();
        NDArray total = null;
        for (int j = 0; j < offsets.length; j++) {
            NDArray w = heads.get(headName(offsets[j])).getArray();
            NDArray query = anchors.matMul(w).expandDims(1); // [B, 1, d] = c^T W_k
            NDArray logProb = query.batchMatMul(candidatesT).reshape(new Shape(b, c)).logSoftmax(1);
            NDArray lk = logProb.get(":, " + j).mean().neg(); // the true target of distance k is candidate j
            total = total == null ? lk : total.add(lk);
        }
        return GraphScalars.div(total, offsets.length);
    }

    /** Candidates as scored: unit vectors when a temperature is set, raw otherwise. */
    private NDArray unit(NDArray x) {
        return temperature > 0 ? Pooling.l2Normalize(x) : x;
    }

    /** Anchors as scored: unit vectors divided by the temperature, or raw. */
    private NDArray scaled(NDArray x) {
        return temperature > 0 ? GraphScalars.div(Pooling.l2Normalize(x), temperature) : x;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", name());
        m.put("documents_used", sampler.usableDocuments());
        m.put("documents_skipped_too_short", sampler.skippedDocuments());
        m.put("min_document_sentences", sampler.minimumSentences());
        m.put("k", sampler.k());
        m.put("hard_negatives", sampler.hardNegatives());
        m.put("random_negatives", sampler.randomNegatives());
        m.put("candidates_per_k", 2 * sampler.k() + sampler.hardNegatives() + sampler.randomNegatives());
        m.put("scoring", temperature > 0 ? "c^T W_k t / T on unit vectors, W_k per distance, identity init"
                : "c^T W_k t (raw, as the paper), W_k per distance, identity init");
        m.put("temperature", temperature);
        m.put("head_learning_rate", Float.isNaN(headLearningRate) ? "encoder's" : headLearningRate);
        m.put("mlm", false);
        m.put("seed", seed);
        return m;
    }
}
