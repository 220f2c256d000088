package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.objective.PretrainingObjective;
import io.contrast4j.sentence.train.MomentumContrastTrainer;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TrainerConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MoCo part that {@code pretrain --objective cert} and {@code --objective infoxlm} share: their
 * options (--momentum, --queue-size, --moco-temperature, --no-in-batch-keys), the training config,
 * a query and a momentum key encoder loaded from the same --model, and the query saved to --out.
 */
final class MomentumContrastRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MomentumContrastRun() {}

    /** One-line errors for MoCo options no run can use. */
    static void checkOptions(PretrainCommand c, String objective) {
        CertOptions o = c.cert;
        if (c.resume) {
            throw new UserInputException("--resume is not supported for --objective " + objective
                    + " yet (the queue and key encoder are not checkpointed)");
        }
        if (c.accumulation != 1 || c.gradCacheChunk != 0) {
            throw new UserInputException("--objective " + objective
                    + " trains one batch per step: leave --accumulation 1 and --gradcache-chunk 0");
        }
        if (!(o.momentum >= 0 && o.momentum < 1)) throw new UserInputException("--momentum must be in [0, 1), got " + o.momentum);
        if (o.queueSize < 0) throw new UserInputException("--queue-size must be >= 0, got " + o.queueSize);
        if (o.queueSize == 0 && o.noInBatchKeys) throw new UserInputException("--queue-size 0 with --no-in-batch-keys leaves no negatives");
    }

    /** The trainer config of the command line (lr 3e-5 and 10% warmup unless given). */
    static TrainerConfig config(PretrainCommand c) {
        float peak = c.lr != null ? c.lr : 3e-5f;
        int warm = c.warmup != null ? c.warmup : c.steps / 10;
        try {
            return new TrainerConfig(c.steps, c.batchSize, 1, peak, Math.min(warm, c.steps), c.weightDecay, c.maxGradNorm,
                    0, c.seed, 0, 1, 0, c.stopAfter, !c.quiet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training option: " + e.getMessage());
        }
    }

    /** Trains a query encoder from --model against its momentum copy, then saves the query to --out. */
    static MomentumContrastTrainer.Result train(PretrainCommand c, Device device, PretrainingObjective objective,
            TrainerConfig config) throws IOException {
        CertOptions o = c.cert;
        MomentumContrastLoss loss = new MomentumContrastLoss(o.mocoTemperature, !o.noInBatchKeys, c.tauPlus());
        try (SentenceModelTrainable query = new SentenceModelTrainable(Models.load(c.model, device), 64);
                SentenceModelTrainable key = new SentenceModelTrainable(Models.load(c.model, device), 64)) {
            MomentumContrastTrainer.Result r = new MomentumContrastTrainer(query, key, objective, config, loss,
                    o.momentum, o.queueSize, query.model().dimension(), c.out, null, c.mixer()).train();
            query.save(c.out);
            return r;
        }
    }

    /** The MoCo settings, for the summary and provenance. */
    static Map<String, Object> describe(PretrainCommand c) {
        CertOptions o = c.cert;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("momentum", o.momentum);
        m.put("queue_size", o.queueSize);
        m.put("temperature", o.mocoTemperature);
        m.put("in_batch_keys", !o.noInBatchKeys);
        m.put("debiased_tau_plus", c.tauPlus());
        m.put("mochi", c.mixer() == null ? null : c.mixer().describe());
        return m;
    }

    /** Writes provenance beside the saved model and prints the summary as JSON. */
    static void finish(PretrainCommand c, Provenance provenance, Map<String, Object> summary) throws IOException {
        provenance.output(c.out.resolve("model.safetensors"));
        provenance.writeTo(c.out);
        io.contrast4j.sentence.card.ModelCard.writeForRun(c.out); // README.md model card
        c.spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
        c.spec.commandLine().getOut().flush();
    }

    /** The summary fields every MoCo run prints. */
    static Map<String, Object> summary(PretrainCommand c, String objective, MomentumContrastTrainer.Result r, Device device) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("objective", objective);
        summary.put("model", c.model);
        summary.put("out", c.out.toString());
        summary.put("steps", r.steps());
        summary.put("first_loss", r.firstLoss());
        summary.put("last_loss", r.lastLoss());
        summary.put("train_seconds", r.seconds());
        summary.put("queue_filled", r.queueSize());
        summary.put("device", device.toString());
        return summary;
    }
}
