package io.contrast4j.cli.pretrain;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.parallel.ParallelTsv;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.objective.XlcoObjective;
import io.contrast4j.sentence.train.TrainingArguments;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code pretrain --objective infoxlm}: XLCo (Chi et al. 2021, Sec. 3.2) on translation pairs from
 * {@code --pairs}, with a momentum key encoder and a queue of negatives (MoCo components of
 * io.contrast4j.sentence.loss), then the query encoder saved as a model folder.
 */
final class InfoXlmPretraining {
    private final PretrainCommand c;

    InfoXlmPretraining(PretrainCommand command) {
        this.c = command;
    }

    int run() throws IOException {
        if (c.pairs == null || c.pairs.isEmpty()) throw new UserInputException("--objective infoxlm needs --pairs FILE.tsv (source<TAB>target)");
        if (c.corpus != null) throw new UserInputException("--objective infoxlm reads --pairs, not --corpus");
        MomentumContrastRun.checkOptions(c, "infoxlm");
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
        TrainingArguments config = MomentumContrastRun.config(c);
        var device = c.device();
        io.contrast4j.sentence.train.TrainingResult result = MomentumContrastRun.train(c, device, objective, config);
        Map<String, Object> summary = MomentumContrastRun.summary(c, "infoxlm", result, device);
        summary.put("data", objective.describe());
        provenance.config(config.asMap()).config("objective", objective.describe()).config("moco", MomentumContrastRun.describe(c))
                .config("model", c.model).config("device", device.toString()).note("result", summary);
        MomentumContrastRun.finish(c, provenance, summary);
        return 0;
    }
}
