package io.contrast4j.sentence.pretrain;

import io.contrast4j.data.parallel.ParallelTsv;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.sentence.objective.XlcoObjective;
import io.contrast4j.sentence.train.MomentumContrast;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * InfoXLM's cross-lingual contrast XLCo (Chi et al. 2021, Sec. 3.2): a sentence and its translation
 * are query and key, with a momentum key encoder and a queue of negatives. The deterministic
 * held-out split of the pairs is dropped from training.
 *
 * @param pairs source<TAB>target files
 */
public record InfoXlmSpec(List<Path> pairs, MomentumContrast momentumContrast) implements ObjectiveSpec {

    public InfoXlmSpec {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        if (pairs.isEmpty()) throw new IllegalArgumentException("pairs: at least one source<TAB>target file is required");
        Objects.requireNonNull(momentumContrast, "momentumContrast");
    }

    @Override
    public String name() {
        return "infoxlm";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        List<TranslationPair> all = new ArrayList<>();
        for (Path p : pairs) all.addAll(ParallelTsv.read(p));
        XlcoObjective o = new XlcoObjective(all, seed);
        if (o.pairs() < batchSize) {
            throw new IllegalArgumentException("pairs: only " + o.pairs() + " training pairs, fewer than batchSize " + batchSize);
        }
        return new PreparedObjective(o, momentumContrast, List.of(), pairs, Map.of("dropped_heldout_pairs", o.droppedHeldOut()),
                "infoxlm: " + o.pairs() + " training pairs (" + o.droppedHeldOut() + " held-out pairs dropped)");
    }
}
