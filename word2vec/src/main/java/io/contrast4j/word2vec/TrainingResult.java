package io.contrast4j.word2vec;

import io.contrast4j.core.vector.DenseWordVectors;

/**
 * A trained model: the vocabulary and its input vectors (the C tool's {@code syn0}), row-major,
 * {@code dimension} floats per word, plus what the run measured.
 *
 * @param wordsTrained corpus tokens processed over all epochs
 * @param trainSeconds wall time of the training threads (vocabulary counting excluded)
 * @param totalSeconds wall time including vocabulary counting and set-up
 * @param finalLoss mean loss per pair over the last reporting interval
 */
public record TrainingResult(
        Vocabulary vocabulary,
        int dimension,
        float[] vectors,
        long wordsTrained,
        double trainSeconds,
        double totalSeconds,
        double finalLoss) {

    /** Words per second of the training phase. */
    public double wordsPerSecond() {
        return wordsTrained / Math.max(trainSeconds, 1e-9);
    }

    /** A copy of one word's vector. */
    public float[] vector(int index) {
        float[] v = new float[dimension];
        System.arraycopy(vectors, index * dimension, v, 0, dimension);
        return v;
    }

    /** The vectors as nlp-core word vectors (most-similar queries, file writers); shares no state. */
    public DenseWordVectors wordVectors() {
        return new DenseWordVectors(vocabulary.words(), vectors.clone(), dimension);
    }
}
