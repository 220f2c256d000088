package io.contrast4j.sentence.glue;

import ai.djl.Device;
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
import io.contrast4j.core.progress.Progress;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.data.glue.GlueFineTuner;
import io.contrast4j.data.glue.GlueRecipe;
import io.contrast4j.data.glue.GlueTask;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.model.NoGradient;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.train.AdamW;
import io.contrast4j.sentence.train.Gradients;
import io.contrast4j.sentence.train.LearningRateSchedule;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * GLUE fine-tuning the BERT way (Devlin et al. 2019, Sec. 3.2 and 4.1): the encoder reads the
 * sentence, or the pair as one sequence {@code [CLS] a [SEP] b [SEP]}, a linear head on top is
 * trained together with every encoder weight, with softmax cross-entropy for classification and
 * mean squared error on the raw score for STS-B (as HuggingFace's run_glue does with one output).
 *
 * <p>One difference from BERT, on purpose: the head reads the model's own pooling (mean pooling
 * for sentence-transformers models such as all-MiniLM-L6-v2, whose checkpoints carry no trained
 * pooler) instead of the [CLS] pooler. Every run reloads the pretrained weights; dropout draws are
 * seeded per step and the data order per seed, so a run is reproducible on the same hardware.
 */
public final class CrossEncoderFineTuner implements GlueFineTuner {
    private static final int PREDICT_BATCH = 64;

    private final String modelSpec;
    private final Device device;

    public CrossEncoderFineTuner(String modelSpec, Device device) {
        this.modelSpec = modelSpec;
        this.device = device;
    }

    @Override
    public Run fineTune(GlueTask task, List<GlueExample> train, List<List<GlueExample>> toPredict, GlueRecipe recipe,
                        float learningRate, long seed) {
        long start = System.nanoTime();
        List<GlueExample> used = recipe.maxTrainExamples() > 0 && train.size() > recipe.maxTrainExamples()
                ? train.subList(0, recipe.maxTrainExamples()) : train;
        if (used.isEmpty()) throw new IllegalArgumentException("train: no training examples for " + task.folderName());
        for (GlueExample e : used) {
            if (!e.isLabelled()) throw new IllegalArgumentException("train: example " + e.id() + " has no label");
        }
        try (SentenceModel model = Models.load(modelSpec, device);
                HfTokenizer tokenizer = HfTokenizer.load(new ByteArrayInputStream(model.tokenizerJson()),
                        recipe.maxLength(), model.name() + " tokenizer");
                NDManager headManager = model.manager().newSubManager()) {
            Engine.getInstance().setRandomSeed(engineSeed(seed, -1));
            int outputs = task.isRegression() ? 1 : task.labels().size();
            Head head = new Head(headManager, outputs, model.dimension());
            Map<String, Parameter> parameters = new LinkedHashMap<>(model.encoder().namedParameters());
            parameters.putAll(head.parameters());
            for (Parameter p : parameters.values()) p.getArray().setRequiresGradient(true);

            AdamW optimizer = new AdamW(0.9f, 0.999f, 1e-8f, recipe.weightDecay());
            int total = recipe.totalSteps(used.size());
            LearningRateSchedule schedule = new LearningRateSchedule(learningRate,
                    (int) Math.round(total * recipe.warmupFraction()), total);
            Random order = new Random(seed);
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < used.size(); i++) indices.add(i);
            int step = 0;
            double loss = Double.NaN;
            try (Progress progress = Progress.start("fine-tune " + task.folderName() + " lr " + learningRate + " seed " + seed,
                    total, "steps")) {
                for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
                    Collections.shuffle(indices, order);
                    for (int from = 0; from < indices.size(); from += recipe.batchSize()) {
                        List<GlueExample> batch = new ArrayList<>();
                        for (int i : indices.subList(from, Math.min(indices.size(), from + recipe.batchSize()))) batch.add(used.get(i));
                        try (NDManager scope = model.manager().newSubManager();
                                GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
                            Engine.getInstance().setRandomSeed(engineSeed(seed, step));
                            NDArray logits = logits(model, tokenizer, scope, batch, head, recipe.dropout(), true);
                            NDArray l = loss(scope, task, logits, batch);
                            loss = l.getFloat();
                            collector.backward(l);
                        }
                        Gradients.clipGlobalNorm(parameters, recipe.maxGradNorm());
                        optimizer.update(parameters, schedule.at(step));
                        Gradients.zero(parameters);
                        step++;
                        progress.step();
                    }
                }
            }
            List<List<String>> predictions = new ArrayList<>();
            for (List<GlueExample> split : toPredict) predictions.add(predict(model, tokenizer, task, head, split));
            return new Run(predictions, step, loss, (System.nanoTime() - start) / 1e9);
        }
    }

    private static List<String> predict(SentenceModel model, HfTokenizer tokenizer, GlueTask task, Head head,
                                        List<GlueExample> examples) {
        List<String> out = new ArrayList<>(examples.size());
        for (int from = 0; from < examples.size(); from += PREDICT_BATCH) {
            List<GlueExample> batch = examples.subList(from, Math.min(examples.size(), from + PREDICT_BATCH));
            try (NDManager scope = model.manager().newSubManager();
                    NoGradient ignored = new NoGradient(model.manager().getEngine())) {
                NDArray logits = logits(model, tokenizer, scope, batch, head, 0f, false);
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
    private static NDArray logits(SentenceModel model, HfTokenizer tokenizer, NDManager scope, List<GlueExample> batch,
                                  Head head, float dropout, boolean training) {
        List<String> first = new ArrayList<>(batch.size());
        List<String> second = new ArrayList<>(batch.size());
        for (GlueExample e : batch) {
            first.add(e.text1());
            if (e.isPair()) second.add(e.text2());
        }
        List<HfTokenizer.Encoded> encoded = second.isEmpty() ? tokenizer.encodeAll(first) : tokenizer.encodePairs(first, second);
        if (!second.isEmpty() && second.size() != first.size()) {
            throw new IllegalArgumentException("batch mixes single sentences and pairs");
        }
        NDList inputs = SentenceModel.toInputs(scope, tokenizer.pad(encoded));
        NDArray hidden = model.encoder().forward(new ParameterStore(scope, false), inputs, training).head();
        NDArray pooled = model.pooling().pool(hidden, inputs.get(1));
        if (training && dropout > 0) pooled = Dropout.dropout(pooled, dropout, true).head();
        return pooled.matMul(head.weight.getArray().transpose()).add(head.bias.getArray());
    }

    /** Mean cross-entropy of the gold classes, or mean squared error of the scores. */
    private static NDArray loss(NDManager scope, GlueTask task, NDArray logits, List<GlueExample> batch) {
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

    private static int engineSeed(long seed, long step) {
        return (int) ((seed * 1_000_003L + step) & 0x7fffffff);
    }

    @Override
    public String modelName() {
        return modelSpec;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", modelSpec);
        m.put("device", device.toString());
        m.put("head", "linear on the model's pooling, dropout before it");
        m.put("optimizer", "AdamW (0.9, 0.999, 1e-8), no decay on biases and LayerNorm");
        return m;
    }

    /** The task head: {@code classifier.weight [outputs, d]} ~ N(0, 0.02) as BERT initializes it, zero bias. */
    private static final class Head {
        final Parameter weight;
        final Parameter bias;

        Head(NDManager manager, int outputs, int dimension) {
            weight = Parameter.builder().setName("classifier.weight").setType(Parameter.Type.WEIGHT).build();
            weight.setArray(manager.randomNormal(0f, 0.02f, new Shape(outputs, dimension), DataType.FLOAT32));
            bias = Parameter.builder().setName("classifier.bias").setType(Parameter.Type.BIAS).build();
            bias.setArray(manager.zeros(new Shape(outputs), DataType.FLOAT32));
        }

        Map<String, Parameter> parameters() {
            Map<String, Parameter> m = new LinkedHashMap<>();
            m.put(weight.getName(), weight);
            m.put(bias.getName(), bias);
            return m;
        }
    }
}
