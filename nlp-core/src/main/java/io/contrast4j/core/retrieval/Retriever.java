package io.contrast4j.core.retrieval;

import io.contrast4j.core.Neighbor;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks the documents of a fixed collection for a text query: the one view retrieval evaluation
 * (module eval) has of a search system, whether brute-force cosine over an embedder's vectors or a
 * Lucene index (module search). Each result is a {@link Neighbor} whose key is the document id
 * given when the collection was indexed and whose score orders the list (higher is better).
 *
 * <p>Implementations say in their Javadoc whether {@link #retrieve} may run on several threads.
 */
public interface Retriever extends AutoCloseable {

    /** The configuration in a few words, for reports (e.g. {@code lucene vector int8, over-fetch 5}). */
    String description();

    /**
     * Called once with every query before they are retrieved, outside any timing: a retriever that
     * embeds queries may encode them here in batches, so that queries per second measure the
     * search rather than the encoder. The default does nothing.
     */
    default void prepare(List<String> queries) {}

    /** At most {@code k} documents, best first, each at most once. */
    List<Neighbor> retrieve(String query, int k);

    /** {@link #retrieve} for each query in order. */
    default List<List<Neighbor>> retrieveAll(List<String> queries, int k) {
        List<List<Neighbor>> out = new ArrayList<>(queries.size());
        for (String q : queries) out.add(retrieve(q, k));
        return out;
    }

    /** Releases indexes or native memory; the default holds nothing. */
    @Override
    default void close() {}
}
