package io.contrast4j.sentence.pretrain;

import io.contrast4j.sentence.loss.HardNegativeMixer;
import io.contrast4j.sentence.loss.InfoNceLoss;
import io.contrast4j.sentence.negatives.PairsTsv;
import io.contrast4j.sentence.negatives.TrainingExample;
import io.contrast4j.sentence.objective.PairObjective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Supervised pairs (sentence-transformers' MultipleNegativesRankingLoss): anchor<TAB>positive files
 * with in-batch negatives, or a file of mined hard negatives (anchor<TAB>positive<TAB>negative...,
 * from {@code contrast4j mine}) with {@code negativesPerAnchor} of them per anchor; MoCHi can add
 * synthetic negatives.
 *
 * @param pairs anchor<TAB>positive files (empty when {@code hardNegativesFile} is given)
 * @param hardNegativesFile mined file, or null
 * @param negativesPerAnchor mined negatives per anchor (pairs with fewer are dropped); ignored without a mined file
 * @param mixer MoCHi, or null
 */
public record PairsSpec(List<Path> pairs, Path hardNegativesFile, int negativesPerAnchor, float temperature, float tauPlus,
        HardNegativeMixer mixer) implements ObjectiveSpec {

    public PairsSpec {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        if (pairs.isEmpty() == (hardNegativesFile == null)) {
            throw new IllegalArgumentException("pairs: give either pairs files (in-batch negatives) or a hardNegativesFile, not both");
        }
        if (hardNegativesFile != null && negativesPerAnchor < 1) {
            throw new IllegalArgumentException("negativesPerAnchor: must be >= 1, got " + negativesPerAnchor);
        }
        Specs.temperature(temperature);
        Specs.tauPlus(tauPlus);
    }

    /** In-batch negatives only, tau 0.05 (sentence-transformers' MNRL scale 20). */
    public static PairsSpec of(Path... pairFiles) {
        return new PairsSpec(List.of(pairFiles), null, 0, 0.05f, 0f, null);
    }

    @Override
    public String name() {
        return "pairs";
    }

    @Override
    public PreparedObjective prepare(long seed, int batchSize) {
        List<TrainingExample> examples = new ArrayList<>();
        List<Path> files = hardNegativesFile != null ? List.of(hardNegativesFile) : pairs;
        for (Path f : files) examples.addAll(PairsTsv.read(f));
        int h = hardNegativesFile != null ? negativesPerAnchor : 0;
        PairObjective o;
        try {
            o = new PairObjective(examples, h, seed, new InfoNceLoss(temperature, false, false, tauPlus), mixer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((hardNegativesFile != null ? "hardNegativesFile " + hardNegativesFile : "pairs") + ": "
                    + e.getMessage() + " (lower negativesPerAnchor or mine more)");
        }
        if (o.examples() < batchSize) {
            throw new IllegalArgumentException("pairs: only " + o.examples() + " usable pairs, fewer than batchSize " + batchSize);
        }
        String summary = "pairs: " + o.examples() + " training pairs, " + h + " hard negatives each"
                + (o.droppedShort() > 0 ? ", " + o.droppedShort() + " pairs with fewer negatives dropped" : "")
                + (mixer != null ? ", MoCHi " + mixer.hardest() + "," + mixer.pairMixes() + "," + mixer.queryMixes() : "");
        return new PreparedObjective(o, null, List.of(), files, Map.of("pairs_dropped_fewer_negatives", o.droppedShort()), summary);
    }
}
