package io.contrast4j.sentence.objective;

import io.contrast4j.sentence.loss.InfoNceLoss;
import java.util.Map;

/**
 * A source of contrastive batches and the loss that scores them. Batches are a pure function of
 * the seed and the data {@link #position()}, so a resumed run that {@link #seek}s to the saved
 * position sees exactly the batches the interrupted run would have seen.
 */
public interface PretrainingObjective {

    String name();

    /** The next batch of {@code batchSize} anchors; advances the position. */
    ContrastiveBatch next(int batchSize);

    /** Units consumed so far (sentences or documents, counted across epochs). */
    long position();

    void seek(long position);

    InfoNceLoss loss();

    /** Settings and data statistics for provenance and the log. */
    Map<String, Object> describe();
}
