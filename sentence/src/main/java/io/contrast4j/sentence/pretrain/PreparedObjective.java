package io.contrast4j.sentence.pretrain;

import io.contrast4j.sentence.objective.PretrainingObjective;
import io.contrast4j.sentence.train.MomentumContrast;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An objective ready to train, with what its data preparation found.
 *
 * @param objective the batches and the loss
 * @param momentumContrast MoCo settings for CERT / InfoXLM (train with a key encoder), else null
 * @param heldOut documents kept out of training (DeCLUTR), for a held-out retrieval measure
 * @param inputs the files read, for provenance (SHA-256)
 * @param notes data statistics for provenance and the summary (skipped documents, dropped pairs, ...)
 * @param summary one line for people, e.g. "declutr: 120 documents of 128+ words (108 train, 12 held out), ..."
 */
public record PreparedObjective(PretrainingObjective objective, MomentumContrast momentumContrast, List<String> heldOut,
        List<Path> inputs, Map<String, Object> notes, String summary) {

    public PreparedObjective {
        heldOut = List.copyOf(heldOut);
        inputs = List.copyOf(inputs);
        notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
    }
}
