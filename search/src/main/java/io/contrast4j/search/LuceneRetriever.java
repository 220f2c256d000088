package io.contrast4j.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.Neighbor;
import io.contrast4j.core.retrieval.Retriever;
import io.contrast4j.core.vector.VectorMath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The search index as a {@link Retriever}, for retrieval evaluation: builds an index of a fixed
 * document collection with {@link SearchIndexWriter} (one passage per document, merged to one
 * segment, so one HNSW graph) and ranks by the same Lucene queries {@link SemanticSearcher} runs in
 * the chosen mode: kNN over the vectors ({@link KnnFloatVectorQuery}, {@code overFetch * k}
 * candidates, score = cosine), BM25 over the text field (the index's analyzer, any query word), or
 * both fused by {@link ReciprocalRankFusion}. It returns ids and scores only: no stored text and no
 * snippets, which {@link SemanticSearcher} builds for every hit and which would otherwise dominate
 * the time of a 100-hit search. {@code LuceneRetrieverTest} checks that the rankings and scores are
 * {@link SemanticSearcher}'s.
 *
 * <p>Timing: {@link #prepare} embeds every query in batches; {@link #retrieve} then finds the
 * query's vector by text, so the time of a search is Lucene's, not the encoder's.
 * Thread-safe after {@link #prepare}.
 */
public final class LuceneRetriever implements Retriever {
    private static final Set<String> ID_ONLY = Set.of(SearchFields.ID);

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final IndexMetadata metadata;
    private final Analyzer analyzer;
    private final PreparedQueries queries;
    private final SearchMode mode;
    private final int overFetch;
    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_C);

    private LuceneRetriever(Path index, PreparedQueries queries, SearchMode mode, int overFetch) throws IOException {
        this.directory = FSDirectory.open(index);
        this.metadata = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(directory).getUserData(), index.toString());
        metadata.requireModel(queries.name(), queries.dimension());
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
        this.analyzer = metadata.settings().analyzer().create();
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
        try {
            return new LuceneRetriever(index, new PreparedQueries(embedder), mode, overFetch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        IndexSettings s = metadata.settings();
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
        int candidates = Math.max(k, Math.multiplyExact(overFetch, k));
        try {
            TopDocs vectorTop = mode == SearchMode.TEXT ? null : knn(query, candidates);
            TopDocs textTop = mode == SearchMode.VECTOR ? null : bm25(query, candidates);
            Map<Integer, Float> ranked = new LinkedHashMap<>();
            switch (mode) {
                case VECTOR -> {
                    // Lucene's DOT_PRODUCT score is (1 + cos) / 2: report the cosine, as SemanticSearcher does
                    for (ScoreDoc sd : vectorTop.scoreDocs) ranked.put(sd.doc, 2 * sd.score - 1);
                }
                case TEXT -> {
                    for (ScoreDoc sd : textTop.scoreDocs) ranked.put(sd.doc, sd.score);
                }
                case HYBRID -> {
                    for (ReciprocalRankFusion.Fused<Integer> f : fusion.fuse(List.of(docs(vectorTop), docs(textTop)))) {
                        ranked.put(f.key(), (float) f.score());
                    }
                }
            }
            StoredFields stored = searcher.storedFields();
            List<Neighbor> out = new ArrayList<>(Math.min(k, ranked.size()));
            for (Map.Entry<Integer, Float> e : ranked.entrySet()) {
                if (out.size() == k) break;
                out.add(new Neighbor(stored.document(e.getKey(), ID_ONLY).get(SearchFields.ID), e.getValue()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search index " + metadata.model() + ": " + e.getMessage(), e);
        }
    }

    private TopDocs knn(String query, int candidates) throws IOException {
        float[] v = queries.embed(List.of(query))[0];
        VectorMath.normalize(v);
        return searcher.search(new KnnFloatVectorQuery(SearchFields.VECTOR, v, candidates), candidates);
    }

    /** Any of the query's analyzed words, as SemanticSearcher's text query (no query syntax). */
    private TopDocs bm25(String query, int candidates) throws IOException {
        Query words = new QueryBuilder(analyzer).createBooleanQuery(SearchFields.TEXT, query);
        if (words == null) return new TopDocs(new org.apache.lucene.search.TotalHits(0, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);
        return searcher.search(words, candidates);
    }

    private static List<Integer> docs(TopDocs top) {
        List<Integer> docs = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) docs.add(sd.doc);
        return docs;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close index", e);
        }
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
