package io.contrast4j.cli.pretrain;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.train.MomentumContrast;
import io.contrast4j.sentence.objective.PretrainingObjective;
import io.contrast4j.sentence.train.Trainer;
import io.contrast4j.sentence.train.TrainingResult;
import java.nio.file.Files;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MoCo part that {@code pretrain --objective cert} and {@code --objective infoxlm} share: their
 * options (--momentum, --queue-size, --moco-temperature, --no-in-batch-keys), the training config,
 * a query and a momentum key encoder loaded from the same --model, trained by the one Trainer with
 * its momentum-contrast step (accumulation, GradCache, checkpoints and --resume included), and the
 * query saved to --out.
 */
final class MomentumContrastRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MomentumContrastRun() {}

    /** One-line errors for MoCo options no run can use. */
    static void checkOptions(PretrainCommand c, String objective) {
        CertOptions o = c.cert;
        if (Files.isRegularFile(c.out)) throw new UserInputException("--out is a file: " + c.out + " (give a folder)");
        if (!c.resume && Files.isDirectory(c.out.resolve("checkpoints"))) {
            throw new UserInputException("--out " + c.out + " already holds a run (checkpoints/): pass --resume to continue it, or a new --out");
        }
        if (c.resume && !Files.isDirectory(c.out.resolve("checkpoints"))) {
            throw new UserInputException("--resume: no checkpoints/ in " + c.out);
        }
        if (!(o.momentum >= 0 && o.momentum < 1)) throw new UserInputException("--momentum must be in [0, 1), got " + o.momentum);
        if (o.queueSize < 0) throw new UserInputException("--queue-size must be >= 0, got " + o.queueSize);
        if (o.queueSize == 0 && o.noInBatchKeys) throw new UserInputException("--queue-size 0 with --no-in-batch-keys leaves no negatives");
    }

    /** The trainer config of the command line (lr 3e-5 and 10% warmup unless given). */
    static TrainingArguments config(PretrainCommand c) {
        float peak = c.lr != null ? c.lr : 3e-5f;
        int warm = c.warmup != null ? c.warmup : c.steps / 10;
        try {
            return new TrainingArguments(c.steps, c.batchSize, c.accumulation, peak, Math.min(warm, c.steps), c.weightDecay,
                    c.maxGradNorm, c.gradCacheChunk, c.seed, c.checkpointEvery, 2, c.evalEvery, c.stopAfter, !c.quiet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training option: " + e.getMessage());
        }
    }

    /** Trains a query encoder from --model against its momentum copy, then saves the query to --out. */
    static TrainingResult train(PretrainCommand c, Device device, PretrainingObjective objective,
            TrainingArguments config) throws IOException {
        try (SentenceModelTrainable query = new SentenceModelTrainable(Models.load(c.model, device), 64);
                SentenceModelTrainable key = new SentenceModelTrainable(Models.load(c.model, device), 64)) {
            TrainingResult r = Trainer.builder().model(query).objective(objective).args(config).outputDir(c.out)
                    .momentumContrast(settings(c), key).build().train();
            if (!r.interrupted()) query.save(c.out);
            return r;
        }
    }

    static MomentumContrast settings(PretrainCommand c) {
        CertOptions o = c.cert;
        try {
            return new MomentumContrast(o.momentum, o.queueSize, o.mocoTemperature, !o.noInBatchKeys, c.tauPlus(), c.mixer());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage().replaceFirst("^momentum:", "--momentum").replaceFirst("^queueSize:", "--queue-size")
                    .replaceFirst("^temperature:", "--moco-temperature").replaceFirst("^tauPlus:", "--debiased"));
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
        c.spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
        c.spec.commandLine().getOut().flush();
    }

    /** The summary fields every MoCo run prints. */
    static Map<String, Object> summary(PretrainCommand c, String objective, TrainingResult r, Device device) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("objective", objective);
        summary.put("model", c.model);
        summary.put("out", c.out.toString());
        summary.put("steps", r.steps());
        summary.put("resumed_from", r.resumedFrom());
        summary.put("interrupted", r.interrupted());
        summary.put("first_loss", r.firstLoss());
        summary.put("last_loss", r.lastLoss());
        summary.put("train_seconds", r.seconds());
        summary.put("queue_filled", r.queueSize());
        summary.put("device", device.toString());
        return summary;
    }
}
