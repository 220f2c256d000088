package io.contrast4j.search;

import java.util.List;

/** The answer to a {@link SearchRequest}: hits best first, and the time the search took. */
public record SearchResults(String query, SearchMode mode, int k, List<SearchHit> hits, double tookMillis) {}
