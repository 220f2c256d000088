package io.contrast4j.word2vec;

/** The two word2vec architectures of Mikolov et al. 2013 ("Efficient Estimation...", section 3). */
public enum Architecture {
    /** Predict each context word from the centre word. */
    SKIP_GRAM,
    /** Predict the centre word from the mean of its context words. */
    CBOW
}
