package io.contrast4j.data.glue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's data as fine-tuning uses it: the training examples, the labelled splits that are
 * scored (GLUE's dev files; MRPC's and STS-B's labelled test files in the SentEval layout), and
 * the unlabelled splits that only get a submission file.
 *
 * @param source "glue" (the GLUE distribution's TSVs) or "senteval" (the SentEval layout)
 */
public record GlueSplits(GlueTask task, String source, List<GlueExample> train,
                         Map<String, List<GlueExample>> scored, Map<String, List<GlueExample>> unlabelled) {
    public GlueSplits {
        train = List.copyOf(train);
        scored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scored));
        unlabelled = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unlabelled));
    }
}
