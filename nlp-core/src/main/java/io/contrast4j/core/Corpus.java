package io.contrast4j.core;

import java.util.stream.Stream;

/**
 * A re-iterable, streamed collection of documents: every call to {@link #documents()} starts a new
 * pass and the caller closes the stream. Large corpora are never loaded whole.
 */
public interface Corpus {

    /** A new pass over the documents, in a stable order. Close it (try-with-resources). */
    Stream<Document> documents();

    /** A short name for logs and provenance. */
    String name();
}
