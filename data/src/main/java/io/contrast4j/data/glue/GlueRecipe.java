package io.contrast4j.data.glue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fine-tuning recipe of BERT's GLUE experiments (Devlin et al. 2019, Sec. 4.1 and App. A.3):
 * sequences of at most 128 tokens, batch 32, 3 epochs, a peak learning rate chosen among
 * {2e-5, 3e-5, 5e-5} on dev, linear warmup over the first 10% of steps then linear decay, AdamW
 * with weight decay 0.01, dropout 0.1 before the task head, several seeds.
 *
 * @param maxTrainExamples use only the first N training examples (0 = all), for quick runs
 */
public record GlueRecipe(int maxLength, int batchSize, int epochs, List<Float> learningRates, double warmupFraction,
                         float weightDecay, float dropout, double maxGradNorm, List<Long> seeds, int maxTrainExamples) {

    public GlueRecipe {
        learningRates = List.copyOf(learningRates);
        seeds = List.copyOf(seeds);
        if (maxLength < 8) throw new IllegalArgumentException("maxLength must be >= 8, got " + maxLength);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (learningRates.isEmpty() || learningRates.stream().anyMatch(lr -> !(lr > 0))) {
            throw new IllegalArgumentException("learningRates must be one or more rates > 0, got " + learningRates);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1), got " + warmupFraction);
        }
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (!(maxGradNorm > 0)) throw new IllegalArgumentException("maxGradNorm must be > 0, got " + maxGradNorm);
        if (seeds.isEmpty()) throw new IllegalArgumentException("seeds must name at least one seed");
        if (maxTrainExamples < 0) throw new IllegalArgumentException("maxTrainExamples must be >= 0, got " + maxTrainExamples);
    }

    /** BERT's recipe with seeds 1, 2, 3. */
    public static GlueRecipe bert() {
        return new GlueRecipe(128, 32, 3, List.of(2e-5f, 3e-5f, 5e-5f), 0.1, 0.01f, 0.1f, 1.0, List.of(1L, 2L, 3L), 0);
    }

    /** Optimizer steps for {@code examples} training examples. */
    public int totalSteps(int examples) {
        int used = maxTrainExamples > 0 ? Math.min(examples, maxTrainExamples) : examples;
        return epochs * ((used + batchSize - 1) / batchSize);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_length", maxLength);
        m.put("batch_size", batchSize);
        m.put("epochs", epochs);
        m.put("learning_rates", learningRates);
        m.put("warmup_fraction", warmupFraction);
        m.put("weight_decay", weightDecay);
        m.put("dropout", dropout);
        m.put("max_grad_norm", maxGradNorm);
        m.put("seeds", seeds);
        m.put("max_train_examples", maxTrainExamples);
        return m;
    }
}
