package io.contrast4j.search;

import io.contrast4j.core.UserInputException;
import java.util.Map;

/**
 * One query.
 *
 * @param filters    exact-match conditions, all required: {@code language} or user field name -> value
 * @param overFetch  kNN and BM25 each fetch {@code max(k, overFetch * k)} candidates before the cut
 *                   to k: a wider HNSW beam (Lucene's k is also its search beam, efSearch) keeps
 *                   top-k recall high, and fusion sees enough of both lists
 */
public record SearchRequest(String query, int k, SearchMode mode, Map<String, String> filters, int overFetch) {
    /** Chosen in bench/search (100k MiniLM vectors, M=16, beam 100): recall@10 >= 0.95 with margin. */
    public static final int DEFAULT_OVER_FETCH = 5;
    /** The most candidates one ranked list may fetch ({@code max(k, overFetch * k)}): bounds memory per query. */
    public static final int MAX_CANDIDATES = 100_000;

    public SearchRequest {
        if (query == null || query.isBlank()) {
            throw new UserInputException("the query is empty");
        }
        if (k < 1) {
            throw new UserInputException("k must be >= 1, got " + k);
        }
        if (overFetch < 1) {
            throw new UserInputException("over-fetch factor must be >= 1, got " + overFetch);
        }
        long candidates = Math.max(k, (long) overFetch * k);
        if (candidates > MAX_CANDIDATES) {
            throw new UserInputException("k x over-fetch factor = " + k + " x " + overFetch + " = " + candidates
                    + " candidates per list, more than the limit of " + MAX_CANDIDATES + "; lower k or the over-fetch factor");
        }
        mode = mode == null ? SearchMode.HYBRID : mode;
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        for (String name : filters.keySet()) {
            if (!IndexDocument.FIELD_NAME.matcher(name).matches()) {
                throw new UserInputException("invalid filter field '" + name + "'");
            }
        }
    }

    public SearchRequest(String query, int k, SearchMode mode) {
        this(query, k, mode, Map.of(), DEFAULT_OVER_FETCH);
    }

    /** Candidates fetched from each ranked list. */
    public int candidates() {
        return Math.max(k, overFetch * k); // checked against MAX_CANDIDATES in the constructor
    }
}
