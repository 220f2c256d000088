package io.contrast4j.cli.pretrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.parallel.ParallelTsv;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.loss.MomentumContrastLoss;
import io.contrast4j.sentence.objective.XlcoObjective;
import io.contrast4j.sentence.train.MomentumContrastTrainer;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TrainerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pretrain --objective infoxlm}: XLCo (Chi et al. 2021, Sec. 3.2) on translation pairs from
 * {@code --pairs}, with a momentum key encoder and a queue of negatives (MoCo components of
 * io.contrast4j.sentence.loss), then the query encoder saved as a model folder.
 */
final class InfoXlmPretraining {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PretrainCommand c;

    InfoXlmPretraining(PretrainCommand command) {
        this.c = command;
    }

    int run() throws IOException {
        if (c.pairs == null || c.pairs.isEmpty()) throw new UserInputException("--objective infoxlm needs --pairs FILE.tsv (source<TAB>target)");
        if (c.corpus != null) throw new UserInputException("--objective infoxlm reads --pairs, not --corpus");
        if (c.resume) throw new UserInputException("--resume is not supported for --objective infoxlm yet (runs are not checkpointed)");
        CertOptions moco = c.cert; // the MoCo options (--momentum, --queue-size, --moco-temperature) are shared with cert
        if (moco.queueSize < 0) throw new UserInputException("--queue-size must be >= 0, got " + moco.queueSize);
        if (moco.queueSize == 0 && moco.noInBatchKeys) throw new UserInputException("--queue-size 0 with --no-in-batch-keys leaves no negatives");
        if (!(moco.momentum >= 0 && moco.momentum < 1)) throw new UserInputException("--momentum must be in [0, 1), got " + moco.momentum);
        if (c.model.startsWith("scratch:")) throw new UserInputException("--objective infoxlm starts from a pretrained --model (minilm or a folder)");
        if (Files.isRegularFile(c.out)) throw new UserInputException("--out is a file: " + c.out + " (give a folder)");
        PrintWriter err = c.spec.commandLine().getErr();
        Provenance provenance = Provenance.start("pretrain", c.spec.commandLine().getParseResult().originalArgs()).seed(c.seed);
        List<TranslationPair> all = new ArrayList<>();
        for (Path p : c.pairs) {
            all.addAll(ParallelTsv.read(p));
            provenance.input(p);
        }
        XlcoObjective objective = new XlcoObjective(all, c.seed);
        if (objective.pairs() < c.batchSize) {
            throw new UserInputException("--pairs: only " + objective.pairs() + " training pairs, fewer than --batch-size " + c.batchSize);
        }
        err.printf(Locale.ROOT, "infoxlm: %d training pairs (%d held-out pairs dropped)%n", objective.pairs(), objective.droppedHeldOut());
        float peak = c.lr != null ? c.lr : 3e-5f;
        int warm = c.warmup != null ? c.warmup : c.steps / 10;
        TrainerConfig config;
        try {
            config = new TrainerConfig(c.steps, c.batchSize, 1, peak, Math.min(warm, c.steps), c.weightDecay,
                    c.maxGradNorm, 0, c.seed, 0, 1, 0, -1, !c.quiet);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("invalid training option: " + e.getMessage());
        }
        var device = c.device();
        MomentumContrastLoss loss = new MomentumContrastLoss(moco.mocoTemperature, !moco.noInBatchKeys, c.tauPlus());
        try (SentenceModelTrainable query = new SentenceModelTrainable(Models.load(c.model, device), 64);
                SentenceModelTrainable key = new SentenceModelTrainable(Models.load(c.model, device), 64)) {
            MomentumContrastTrainer.Result result = new MomentumContrastTrainer(query, key, objective, config, loss,
                    moco.momentum, moco.queueSize, query.embedder().dimension(), c.out, null, c.mixer()).train();
            query.save(c.out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("objective", "infoxlm");
            summary.put("model", c.model);
            summary.put("out", c.out.toString());
            summary.put("steps", result.steps());
            summary.put("first_loss", result.firstLoss());
            summary.put("last_loss", result.lastLoss());
            summary.put("train_seconds", result.seconds());
            summary.put("device", device.toString());
            summary.put("data", objective.describe());
            Map<String, Object> mocoConfig = new LinkedHashMap<>();
            mocoConfig.put("momentum", moco.momentum);
            mocoConfig.put("queue_size", moco.queueSize);
            mocoConfig.put("temperature", moco.mocoTemperature);
            mocoConfig.put("in_batch_keys", !moco.noInBatchKeys);
            mocoConfig.put("debiased_tau_plus", c.tauPlus());
            mocoConfig.put("mochi", c.mixer() == null ? null : c.mixer().describe());
            provenance.config(config.asMap()).config("objective", objective.describe()).config("moco", mocoConfig)
                    .config("model", c.model).config("device", device.toString()).note("result", summary);
            provenance.output(c.out.resolve("model.safetensors"));
            provenance.writeTo(c.out);
            c.spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
        }
        return 0;
    }
}
