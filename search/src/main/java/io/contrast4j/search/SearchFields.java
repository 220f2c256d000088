package io.contrast4j.search;

/** Names of the Lucene fields of a search index. One Lucene document is one passage. */
public final class SearchFields {
    /** The source document's id (keyword, stored): update and delete act on all its passages. */
    public static final String ID = "id";
    /** Passage number within its document, 0-based (stored). */
    public static final String PASSAGE = "passage";
    /** Passage text: BM25-indexed with offsets for snippets, and stored. */
    public static final String TEXT = "text";
    /** The passage embedding (HNSW, dot product on unit vectors). */
    public static final String VECTOR = "vector";
    /** The document's language (keyword, stored, filterable as {@code language}). */
    public static final String LANGUAGE = "language";
    /** Prefix of user fields: {@code field.genre} holds the value of the user field {@code genre}. */
    public static final String USER_PREFIX = "field.";

    private SearchFields() {}

    /** The Lucene field behind a filterable name: {@code language} or a user field. */
    public static String filterField(String name) {
        return LANGUAGE.equals(name) ? LANGUAGE : USER_PREFIX + name;
    }
}
