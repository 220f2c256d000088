package io.contrast4j.sentence.negatives;

import java.util.List;

/**
 * Where hard-negative candidates come from: the texts nearest to a query vector, best first, with
 * their cosine to it. {@link ExactCandidates} searches an in-memory set by brute force;
 * the CLI's {@code IndexCandidates} asks a Lucene HNSW index (search module; sentence does not depend on it).
 */
public interface CandidateSource extends AutoCloseable {

    record Candidate(String text, float score) {}

    /** Up to {@code k} candidates nearest to {@code unitQuery} (L2-normalized), best first. */
    List<Candidate> nearest(float[] unitQuery, int k);

    /** Candidates in the pool (for reports). */
    long size();

    /** What the candidates are, for provenance. */
    String describe();

    @Override
    default void close() {}
}
