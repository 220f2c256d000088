package io.contrast4j.opensearch;

import io.contrast4j.core.Embedder;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.ReciprocalRankFusion;
import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SearchMode;
import io.contrast4j.search.SearchRequest;
import io.contrast4j.search.SearchResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Queries an index exported by {@link OpenSearchExporter} and answers with the same {@link
 * SearchResults} as the local searcher: vector (k-NN), text (BM25 {@code match}) or hybrid
 * (reciprocal rank fusion of both lists, c = 60, computed here as the local searcher does).
 * Vector scores are turned back into cosines.
 */
public final class OpenSearchSearcher {
    private final OpenSearchClient client;
    private final String index;
    private final IndexMetadata metadata;
    private final Embedder embedder;
    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_C);

    private OpenSearchSearcher(OpenSearchClient client, String index, IndexMetadata metadata, Embedder embedder) {
        this.client = client;
        this.index = index;
        this.metadata = metadata;
        this.embedder = embedder;
    }

    /**
     * @param embedder the index's model (refused when its name or dimension differs from the
     *                 mapping's _meta), or null for text queries only
     */
    public static OpenSearchSearcher open(OpenSearchClient client, String index, Embedder embedder) {
        IndexMetadata metadata = OpenSearchLayout.read(client, index);
        if (metadata == null) {
            throw new IllegalArgumentException("OpenSearch index " + index + " does not exist");
        }
        if (embedder != null) {
            metadata.requireModel(embedder.name(), embedder.dimension());
        }
        return new OpenSearchSearcher(client, index, metadata, embedder);
    }

    /** The model the OpenSearch index records (name, dimension, how to load it). */
    public static IndexMetadata metadata(OpenSearchClient client, String index) {
        IndexMetadata m = OpenSearchLayout.read(client, index);
        if (m == null) {
            throw new IllegalArgumentException("OpenSearch index " + index + " does not exist");
        }
        return m;
    }

    public IndexMetadata metadata() {
        return metadata;
    }

    public SearchResults search(SearchRequest request) {
        if (!request.filters().isEmpty()) {
            throw new IllegalArgumentException("filters are not supported on OpenSearch indexes yet");
        }
        long start = System.nanoTime();
        List<Hit<Map>> vectorTop = request.mode() == SearchMode.TEXT ? List.of() : vectorHits(request);
        List<Hit<Map>> textTop = request.mode() == SearchMode.VECTOR ? List.of() : textHits(request);
        List<SearchHit> hits = new ArrayList<>();
        switch (request.mode()) {
            case VECTOR -> {
                for (int i = 0; i < Math.min(request.k(), vectorTop.size()); i++) {
                    hits.add(hit(vectorTop.get(i), cosine(vectorTop.get(i).score()), i + 1, 0));
                }
            }
            case TEXT -> {
                for (int i = 0; i < Math.min(request.k(), textTop.size()); i++) {
                    hits.add(hit(textTop.get(i), textTop.get(i).score().floatValue(), 0, i + 1));
                }
            }
            case HYBRID -> {
                Map<String, Hit<Map>> byId = new HashMap<>();
                vectorTop.forEach(h -> byId.putIfAbsent(h.id(), h));
                textTop.forEach(h -> byId.putIfAbsent(h.id(), h));
                List<ReciprocalRankFusion.Fused<String>> fused = fusion.fuse(List.of(
                        vectorTop.stream().map(Hit::id).toList(), textTop.stream().map(Hit::id).toList()));
                for (ReciprocalRankFusion.Fused<String> f : fused.subList(0, Math.min(request.k(), fused.size()))) {
                    hits.add(hit(byId.get(f.key()), (float) f.score(), f.ranks()[0], f.ranks()[1]));
                }
            }
        }
        return new SearchResults(request.query(), request.mode(), request.k(), hits, (System.nanoTime() - start) / 1e6);
    }

    private List<Hit<Map>> vectorHits(SearchRequest request) {
        if (embedder == null) {
            throw new IllegalArgumentException("vector and hybrid queries need the index's model");
        }
        float[] q = embedder.embed(List.of(request.query()))[0];
        io.contrast4j.core.vector.VectorMath.normalize(q);
        List<Float> vector = new ArrayList<>(q.length);
        for (float x : q) {
            vector.add(x);
        }
        int n = request.mode() == SearchMode.VECTOR ? request.k() : request.candidates();
        Query knn = Query.of(qb -> qb.knn(k -> k.field(OpenSearchLayout.EMBEDDING).vector(vector).k(n)));
        return run(knn, n, request);
    }

    private List<Hit<Map>> textHits(SearchRequest request) {
        int n = request.mode() == SearchMode.TEXT ? request.k() : request.candidates();
        Query match = Query.of(qb -> qb.match(m -> m.field(OpenSearchLayout.TEXT).query(v -> v.stringValue(request.query()))));
        return run(match, n, request);
    }

    @SuppressWarnings("rawtypes")
    private List<Hit<Map>> run(Query query, int size, SearchRequest request) {
        try {
            SearchResponse<Map> response = client.search(s -> s.index(index).size(size).query(query)
                    .source(src -> src.filter(f -> f.excludes(OpenSearchLayout.EMBEDDING)))
                    .highlight(h -> h.preTags("<mark>").postTags("</mark>")
                            .fields(OpenSearchLayout.TEXT, f -> f.numberOfFragments(1).fragmentSize(200))), Map.class);
            return response.hits().hits();
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch query on " + index + " failed: " + e.getMessage(), e);
        }
    }

    /** OpenSearch's inner-product score: 1 + dot for dot >= 0, 1 / (1 - dot) below. */
    static float cosine(Double score) {
        double s = score == null ? 0 : score;
        return (float) (s >= 1 ? s - 1 : 1 - 1 / s);
    }

    @SuppressWarnings("unchecked")
    private static SearchHit hit(Hit<Map> h, float score, int vectorRank, int textRank) {
        Map<String, Object> src = h.source();
        String text = (String) src.get(OpenSearchLayout.TEXT);
        List<String> marked = h.highlight().get(OpenSearchLayout.TEXT);
        String snippet = marked != null && !marked.isEmpty() ? marked.get(0)
                : escape(text.length() <= 200 ? text : text.substring(0, 200));
        Map<String, String> fields = new LinkedHashMap<>();
        Object f = src.get(OpenSearchLayout.FIELDS);
        if (f instanceof Map<?, ?> m) {
            m.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
        }
        Object passage = src.get(OpenSearchLayout.PASSAGE);
        return new SearchHit((String) src.get(OpenSearchLayout.ID), passage instanceof Number n ? n.intValue() : 0, score, text,
                snippet, (String) src.get(OpenSearchLayout.LANGUAGE), fields, vectorRank, textRank);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
