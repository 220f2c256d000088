package io.contrast4j.search;

import java.util.Map;

/**
 * One passage in a result list.
 *
 * @param score      cosine similarity (vector mode), BM25 (text mode) or the reciprocal-rank-fusion
 *                   sum (hybrid mode)
 * @param snippet    the best-matching sentence(s) of the passage, HTML-escaped, query words wrapped
 *                   in {@code <mark>}; the passage start when no query word occurs in it
 * @param vectorRank 1-based rank in the kNN list, or 0 when the passage was not in it
 * @param textRank   1-based rank in the BM25 list, or 0 when the passage was not in it
 */
public record SearchHit(String id, int passage, float score, String text, String snippet, String language,
                        Map<String, String> fields, int vectorRank, int textRank) {}
