package io.contrast4j.core;

import java.util.List;

/** A fixed vocabulary of words with one dense vector each (word2vec, GloVe, fastText files). */
public interface WordVectors {

    int dimension();

    /** Words in file order, which for word2vec output is by descending frequency. */
    List<String> vocabulary();

    boolean contains(String word);

    /** The word's vector (a copy or a read-only view), or {@code null} when the word is unknown. */
    float[] vector(String word);

    /** The k words nearest by cosine to {@code word}, the word itself excluded. */
    List<Neighbor> mostSimilar(String word, int k);

    /** The k words nearest by cosine to an arbitrary vector. */
    List<Neighbor> mostSimilar(float[] vector, int k);
}
