package io.contrast4j.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.Neighbor;
import io.contrast4j.core.retrieval.Retriever;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search index as a {@link Retriever}, for retrieval evaluation: builds an index of a fixed
 * document collection with {@link SearchIndexWriter} (one passage per document, merged to one
 * segment, so one HNSW graph) and answers through {@link SemanticSearcher} in one mode (vector kNN,
 * BM25 text or hybrid fusion) with the given over-fetch, exactly as {@code contrast4j search} would.
 *
 * <p>Timing: {@link #prepare} embeds every query in batches; {@link #retrieve} then finds the
 * query's vector by text, so the time of a search is Lucene's (kNN and/or BM25, fusion, and the
 * stored fields and snippets {@link SemanticSearcher} returns with every hit), not the encoder's.
 * Thread-safe after {@link #prepare}, as {@link SemanticSearcher} is.
 */
public final class LuceneRetriever implements Retriever {
    private final SemanticSearcher searcher;
    private final PreparedQueries queries;
    private final SearchMode mode;
    private final int overFetch;

    private LuceneRetriever(SemanticSearcher searcher, PreparedQueries queries, SearchMode mode, int overFetch) {
        this.searcher = searcher;
        this.queries = queries;
        this.mode = mode;
        this.overFetch = overFetch;
    }

    /**
     * Indexes {@code documents} ({@code id -> text}) into the empty or absent folder {@code index} and
     * opens it for searching.
     *
     * @param embedder   the model (also needed for text mode: every index holds vectors)
     * @param settings   HNSW, quantization and analyzer settings; {@code passageTokens} must be 0
     * @param overFetch  kNN and BM25 each fetch {@code overFetch * k} candidates (see {@link SearchRequest})
     */
    public static LuceneRetriever build(Path index, Embedder embedder, Map<String, String> documents, IndexSettings settings,
                                        SearchMode mode, int overFetch) {
        if (settings.passageTokens() != 0) throw new IllegalArgumentException("passageTokens must be 0: one passage per document");
        if (overFetch < 1) throw new IllegalArgumentException("overFetch must be >= 1, got " + overFetch);
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, embedder, null, settings, null)) {
            for (Map.Entry<String, String> d : documents.entrySet()) {
                writer.add(new IndexDocument(d.getKey(), d.getValue(), "", Map.of()));
            }
            writer.forceMerge(1);
        }
        PreparedQueries prepared = new PreparedQueries(embedder);
        return new LuceneRetriever(SemanticSearcher.open(index, prepared), prepared, mode, overFetch);
    }

    @Override
    public String description() {
        IndexSettings s = searcher.metadata().settings();
        String q = s.quantization().name().toLowerCase(java.util.Locale.ROOT);
        return switch (mode) {
            case TEXT -> "lucene bm25 (" + s.analyzer().name().toLowerCase(java.util.Locale.ROOT) + " analyzer)";
            case VECTOR -> "lucene hnsw " + q + " (M " + s.maxConn() + ", beam " + s.beamWidth() + "), over-fetch " + overFetch;
            case HYBRID -> "lucene hybrid: hnsw " + q + " + bm25, reciprocal rank fusion (c " + ReciprocalRankFusion.DEFAULT_C
                    + "), over-fetch " + overFetch;
        };
    }

    @Override
    public void prepare(List<String> texts) {
        if (mode != SearchMode.TEXT) queries.embedAll(texts);
    }

    /** An empty or blank query (the search API refuses those) retrieves nothing. */
    @Override
    public List<Neighbor> retrieve(String query, int k) {
        if (query == null || query.isBlank()) return List.of();
        SearchResults r = searcher.search(new SearchRequest(query, k, mode, Map.of(), overFetch));
        List<Neighbor> out = new ArrayList<>(r.hits().size());
        Set<String> seen = new HashSet<>();
        for (SearchHit h : r.hits()) {
            if (seen.add(h.id())) out.add(new Neighbor(h.id(), h.score()));
        }
        return out;
    }

    @Override
    public void close() {
        searcher.close();
    }

    /** The model, with query vectors computed ahead in batches and looked up by text. */
    private static final class PreparedQueries implements Embedder {
        private final Embedder model;
        private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

        PreparedQueries(Embedder model) {
            this.model = model;
        }

        void embedAll(List<String> texts) {
            List<String> missing = texts.stream().distinct().filter(t -> !vectors.containsKey(t)).toList();
            float[][] v = model.embed(missing);
            for (int i = 0; i < v.length; i++) vectors.put(missing.get(i), v[i]);
        }

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public String name() {
            return model.name();
        }

        @Override
        public float[][] embed(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < out.length; i++) {
                float[] v = vectors.get(texts.get(i));
                out[i] = v != null ? v.clone() : model.embed(List.of(texts.get(i)))[0];
            }
            return out;
        }
    }
}
