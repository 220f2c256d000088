package io.contrast4j.core;

import java.util.List;

/**
 * Turns texts into fixed-size vectors. The one view that evaluation and search have of a model.
 *
 * <p>Implementations are deterministic (same input, same output) and say in their own Javadoc
 * whether {@link #embed} may be called from several threads at once.
 */
public interface Embedder extends AutoCloseable {

    /** Length of every vector {@link #embed} returns. */
    int dimension();

    /** Embeds texts in input order; one row per text, each of length {@link #dimension()}. */
    float[][] embed(List<String> texts);

    /** A stable name for reports and index metadata (e.g. {@code all-MiniLM-L6-v2}). */
    String name();

    /** Releases native memory or files; the default holds nothing. */
    @Override
    default void close() {}
}
