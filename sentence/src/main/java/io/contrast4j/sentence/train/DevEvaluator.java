package io.contrast4j.sentence.train;

import io.contrast4j.core.Embedder;

/** A dev-set score computed during training; higher is better. The best checkpoint is kept by it. */
public interface DevEvaluator {

    /** Metric name for the log and CSV, e.g. {@code stsb_dev_spearman}. */
    String name();

    double evaluate(Embedder embedder);
}
