package io.contrast4j.word2vec;

/** Receives progress while a model trains (about twice a second, from the calling thread). */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param wordsDone corpus tokens processed so far, over all epochs and threads
     * @param wordsTotal epochs x tokens per epoch
     * @param wordsPerSecond throughput since training started
     * @param loss mean negative-sampling loss per pair since the last call (NaN if none)
     * @param alpha the current learning rate
     */
    void progress(long wordsDone, long wordsTotal, double wordsPerSecond, double loss, double alpha);

    TrainingListener NONE = (a, b, c, d, e) -> {};
}
