package io.contrast4j.sentence.glue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.sentence.model.GraphScalars;
import io.contrast4j.sentence.model.NoGradient;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.train.TrainingTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A GLUE task as the {@link io.contrast4j.sentence.train.Trainer} runs it: the encoder reads the
 * sentence, or the pair as one sequence {@code [CLS] a [SEP] b [SEP]} (Devlin et al. 2019, Sec.
 * 3.2), its pooled output goes through dropout and a linear head, and the loss is softmax
 * cross-entropy, or for regression (STS-B) the mean squared error on the raw score.
 *
 * <p>The head ({@code classifier.weight}, {@code classifier.bias}) is this task's {@link
 * #headParameters() head}, so the trainer updates and checkpoints it with the encoder. The data
 * order and dropout draws are those of the fine-tuning loop this replaced, so that results made
 * before the move repeat bit for bit: the training examples are shuffled once per epoch by one
 * {@code Random(seed)} (epoch e's order is the identity shuffled e + 1 times in a row), batches are
 * consecutive slices of it (the last one of an epoch may be short), and the engine's generator is
 * seeded with {@code (seed * 1000003 + step) mod 2^31} before each step's forward pass. The
 * position is the number of batches drawn, so a resumed run rebuilds the same order.
 */
public final class CrossEncoderTask implements TrainingTask, AutoCloseable {

    private final SentenceModel model;
    private final HfTokenizer tokenizer;
    private final GlueTask task;
    private final List<GlueExample> train;
    private final GlueRecipe recipe;
    private final long seed;
    private final int batchesPerEpoch;
    private final NDManager headManager;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<String, Parameter> head = new LinkedHashMap<>();

    private final List<Integer> order = new ArrayList<>();
    private Random shuffler;
    private int shuffledEpoch;
    private long position;

    /**
     * The head is initialized here, from the seed: weights N(0, 0.02) as BERT initializes its
     * classifier, zero bias; one output for regression, one per label otherwise.
     */
    public CrossEncoderTask(SentenceModel model, HfTokenizer tokenizer, GlueTask task, List<GlueExample> train,
                            GlueRecipe recipe, long seed) {
        if (train.isEmpty()) throw new IllegalArgumentException("train: no training examples for " + task.folderName());
        for (GlueExample e : train) {
            if (!e.isLabelled()) throw new IllegalArgumentException("train: example " + e.id() + " has no label");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.task = task;
        this.train = List.copyOf(train);
        this.recipe = recipe;
        this.seed = seed;
        this.batchesPerEpoch = (train.size() + recipe.batchSize() - 1) / recipe.batchSize();
        this.headManager = model.manager().newSubManager();
        Engine.getInstance().setRandomSeed(engineSeed(seed, -1));
        int outputs = task.isRegression() ? 1 : task.labels().size();
        weight = Parameter.builder().setName("classifier.weight").setType(Parameter.Type.WEIGHT).build();
        weight.setArray(headManager.randomNormal(0f, 0.02f, new Shape(outputs, model.dimension()), DataType.FLOAT32));
        bias = Parameter.builder().setName("classifier.bias").setType(Parameter.Type.BIAS).build();
        bias.setArray(headManager.zeros(new Shape(outputs), DataType.FLOAT32));
        head.put(weight.getName(), weight);
        head.put(bias.getName(), bias);
        seek(0);
    }

    /** Optimizer steps of the whole run: epochs x batches per epoch. */
    public int totalSteps() {
        return recipe.epochs() * batchesPerEpoch;
    }

    @Override
    public String name() {
        return "fine-tune " + task.folderName();
    }

    @Override
    public Map<String, Parameter> headParameters() {
        return head;
    }

    @Override
    public double microStep(NDManager manager, int batchSize, long step, int micro, float scale) {
        if (batchSize != recipe.batchSize()) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " differs from the recipe's " + recipe.batchSize());
        }
        List<GlueExample> batch = nextBatch();
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            // micro-batches after the first (gradient accumulation, unused by the GLUE recipe) get draws of their own
            Engine.getInstance().setRandomSeed(engineSeed(micro == 0 ? seed : seed * 31 + micro, step));
            NDArray logits = logits(scope, batch, recipe.dropout(), true);
            NDArray l = loss(scope, logits, batch);
            float value = l.getFloat();
            collector.backward(scale == 1f ? l : GraphScalars.mul(l, scale));
            return value;
        }
    }

    private List<GlueExample> nextBatch() {
        int epoch = (int) (position / batchesPerEpoch);
        while (shuffledEpoch < epoch) {
            Collections.shuffle(order, shuffler);
            shuffledEpoch++;
        }
        int from = (int) (position % batchesPerEpoch) * recipe.batchSize();
        List<GlueExample> batch = new ArrayList<>();
        for (int i : order.subList(from, Math.min(order.size(), from + recipe.batchSize()))) batch.add(train.get(i));
        position++;
        return batch;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long to) {
        order.clear();
        for (int i = 0; i < train.size(); i++) order.add(i);
        shuffler = new Random(seed);
        shuffledEpoch = -1;
        position = to;
    }

    /** Predictions for {@code examples} in eval mode: class names, or the regression score as text. */
    public List<String> predict(List<GlueExample> examples, int batchSize) {
        List<String> out = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += batchSize) {
            List<GlueExample> batch = examples.subList(from, Math.min(examples.size(), from + batchSize));
            try (NDManager scope = model.manager().newSubManager();
                    NoGradient ignored = new NoGradient(model.manager().getEngine())) {
                NDArray logits = logits(scope, batch, 0f, false);
                if (task.isRegression()) {
                    for (float v : logits.toType(DataType.FLOAT32, false).toFloatArray()) out.add(Float.toString(v));
                } else {
                    for (long c : logits.argMax(1).toLongArray()) out.add(task.labels().get((int) c));
                }
            }
        }
        return out;
    }

    /** [batch, outputs]: encoder, the model's pooling, dropout, linear head. */
    private NDArray logits(NDManager scope, List<GlueExample> batch, float dropout, boolean training) {
        List<String> first = new ArrayList<>(batch.size());
        List<String> second = new ArrayList<>(batch.size());
        for (GlueExample e : batch) {
            first.add(e.text1());
            if (e.isPair()) second.add(e.text2());
        }
        if (!second.isEmpty() && second.size() != first.size()) {
            throw new IllegalArgumentException("batch mixes single sentences and pairs");
        }
        List<HfTokenizer.Encoded> encoded = second.isEmpty() ? tokenizer.encodeAll(first) : tokenizer.encodePairs(first, second);
        NDList inputs = SentenceModel.toInputs(scope, tokenizer.pad(encoded));
        NDArray hidden = model.encoder().forward(new ParameterStore(scope, false), inputs, training).head();
        NDArray pooled = model.pooling().pool(hidden, inputs.get(1));
        if (training && dropout > 0) pooled = Dropout.dropout(pooled, dropout, true).head();
        return pooled.matMul(weight.getArray().transpose()).add(bias.getArray());
    }

    /** Mean cross-entropy of the gold classes, or mean squared error of the scores. */
    private NDArray loss(NDManager scope, NDArray logits, List<GlueExample> batch) {
        int b = batch.size();
        if (task.isRegression()) {
            float[] target = new float[b];
            for (int i = 0; i < b; i++) target[i] = Float.parseFloat(batch.get(i).label());
            return logits.reshape(b).sub(scope.create(target)).square().mean();
        }
        int c = task.labels().size();
        float[] oneHot = new float[b * c];
        for (int i = 0; i < b; i++) oneHot[i * c + task.labels().indexOf(batch.get(i).label())] = 1f;
        return logits.logSoftmax(1).mul(scope.create(oneHot, new Shape(b, c))).sum(new int[] {1}).mean().neg();
    }

    static int engineSeed(long seed, long step) {
        return (int) ((seed * 1_000_003L + step) & 0x7fffffff);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task.folderName());
        m.put("train_examples", train.size());
        m.put("batches_per_epoch", batchesPerEpoch);
        Map<String, Object> settings = new LinkedHashMap<>(recipe.toMap());
        settings.remove("learning_rates"); // this run's rate and seed are in the training arguments
        settings.remove("seeds");
        m.put("recipe", settings);
        m.put("head", "dropout " + recipe.dropout() + ", linear " + model.dimension() + " -> " + weight.getArray().getShape().get(0)
                + " on the model's pooling");
        m.put("loss", task.isRegression() ? "mean squared error" : "softmax cross-entropy");
        return m;
    }

    /** Frees the head. */
    @Override
    public void close() {
        headManager.close();
    }
}
