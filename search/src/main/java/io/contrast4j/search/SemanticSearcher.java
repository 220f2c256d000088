package io.contrast4j.search;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.vector.VectorMath;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * Queries a search index by vector (HNSW kNN), by text (BM25) or both (reciprocal rank fusion),
 * with exact-match filters, and returns hits with scores and highlighted snippets.
 *
 * <p>The embedder (may be null for text-only use) must be the model the index was built with:
 * {@link #open} refuses another one. Thread-safe: queries may run concurrently; calls to the
 * embedder are serialised, since an {@link Embedder} need not be thread-safe.
 */
public final class SemanticSearcher implements Closeable {
    private static final int SNIPPET_FALLBACK_CHARS = 240;

    private final Path path;
    private final Directory directory;
    private final SearcherManager manager;
    private final IndexMetadata metadata;
    private final Analyzer analyzer;
    private final Embedder embedder;
    private final ReciprocalRankFusion fusion = new ReciprocalRankFusion(ReciprocalRankFusion.DEFAULT_C);

    private SemanticSearcher(Path path, Directory directory, IndexMetadata metadata, Embedder embedder) throws IOException {
        this.path = path;
        this.directory = directory;
        this.metadata = metadata;
        this.embedder = embedder;
        this.analyzer = metadata.settings().analyzer().create();
        this.manager = new SearcherManager(directory, null);
    }

    /**
     * Opens the last commit of the index at {@code path}.
     *
     * @param embedder the index's model, or null when only text search is wanted
     * @throws ModelMismatchException when the embedder is not the model the index was built with
     */
    public static SemanticSearcher open(Path path, Embedder embedder) {
        if (!Files.isDirectory(path)) {
            throw new UserInputException("index folder " + path + " does not exist");
        }
        Directory dir = null;
        try {
            dir = FSDirectory.open(path);
            if (!DirectoryReader.indexExists(dir)) {
                throw new UserInputException(path + " holds no Lucene index (build one with 'contrast4j index build')");
            }
            IndexMetadata metadata = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData(), path.toString());
            if (embedder != null) {
                metadata.requireModel(embedder.name(), embedder.dimension());
            }
            return new SemanticSearcher(path, dir, metadata, embedder);
        } catch (IOException e) {
            closeQuietly(dir);
            throw new UncheckedIOException("cannot open index " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(dir);
            throw e;
        }
    }

    private static void closeQuietly(Directory dir) {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    public IndexMetadata metadata() {
        return metadata;
    }

    public Path path() {
        return path;
    }

    /** Whether vector and hybrid search are available (a model was given). */
    public boolean hasEmbedder() {
        return embedder != null;
    }

    /** Passages (Lucene documents) visible to searches now. */
    public int passages() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /**
     * Picks up commits made since the searcher was opened or last refreshed (e.g. deletes by
     * {@code index delete} in another process). Safe to call from a timer while searches run:
     * searches in flight keep the view they acquired; {@code SearchServer} calls it every
     * {@code refreshInterval}.
     */
    public void refresh() {
        try {
            manager.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh index " + path, e);
        }
    }

    public SearchResults search(SearchRequest request) {
        long start = System.nanoTime();
        float[] vector = request.mode() == SearchMode.TEXT ? null : embedQuery(request.query());
        List<SearchHit> hits = withSearcher(s -> run(s, request, vector));
        return new SearchResults(request.query(), request.mode(), request.k(), hits, (System.nanoTime() - start) / 1e6);
    }

    /**
     * kNN search with a vector embedded elsewhere. {@code model} names the model that embedded it
     * and must be the index's model.
     */
    public SearchResults searchVector(float[] queryVector, String model, int k, Map<String, String> filters, int overFetch) {
        metadata.requireModel(model, queryVector.length);
        long start = System.nanoTime();
        float[] v = queryVector.clone();
        VectorMath.normalize(v);
        SearchRequest request = new SearchRequest("(vector)", k, SearchMode.VECTOR, filters, overFetch);
        List<SearchHit> hits = withSearcher(s -> {
            TopDocs top = knn(s, v, request);
            List<Integer> docs = docs(top);
            return hits(s, request, docs, scores(top, true), top, null);
        });
        return new SearchResults(request.query(), SearchMode.VECTOR, k, hits, (System.nanoTime() - start) / 1e6);
    }

    private float[] embedQuery(String query) {
        if (embedder == null) {
            throw new UserInputException("vector and hybrid search need the index's model (" + metadata.model() + "); only text search is available");
        }
        float[] v;
        synchronized (embedder) {
            v = embedder.embed(List.of(query))[0];
        }
        VectorMath.normalize(v);
        return v;
    }

    private List<SearchHit> run(IndexSearcher searcher, SearchRequest request, float[] vector) throws IOException {
        TopDocs vectorTop = vector == null ? null : knn(searcher, vector, request);
        TopDocs textTop = request.mode() == SearchMode.VECTOR ? null : bm25(searcher, request);
        return switch (request.mode()) {
            case VECTOR -> hits(searcher, request, docs(vectorTop), scores(vectorTop, true), vectorTop, null);
            case TEXT -> hits(searcher, request, docs(textTop), scores(textTop, false), null, textTop);
            case HYBRID -> {
                List<ReciprocalRankFusion.Fused<Integer>> fused = fusion.fuse(List.of(docs(vectorTop), docs(textTop)));
                List<Integer> docs = new ArrayList<>();
                Map<Integer, Float> scores = new LinkedHashMap<>();
                for (ReciprocalRankFusion.Fused<Integer> f : fused) {
                    docs.add(f.key());
                    scores.put(f.key(), (float) f.score());
                }
                yield hits(searcher, request, docs, scores, vectorTop, textTop);
            }
        };
    }

    private TopDocs knn(IndexSearcher searcher, float[] vector, SearchRequest request) throws IOException {
        int candidates = request.candidates();
        Query knn = new KnnFloatVectorQuery(SearchFields.VECTOR, vector, candidates, filter(request));
        return searcher.search(knn, candidates);
    }

    private TopDocs bm25(IndexSearcher searcher, SearchRequest request) throws IOException {
        Query words = textQuery(request.query());
        if (words == null) {
            return new TopDocs(new org.apache.lucene.search.TotalHits(0, org.apache.lucene.search.TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
        Query filter = filter(request);
        if (filter != null) {
            q.add(filter, BooleanClause.Occur.FILTER);
        }
        return searcher.search(q.build(), request.candidates());
    }

    /** Any of the query's analyzed words (no query syntax, so user input cannot fail to parse). */
    private Query textQuery(String query) {
        return new QueryBuilder(analyzer).createBooleanQuery(SearchFields.TEXT, query);
    }

    private static Query filter(SearchRequest request) {
        if (request.filters().isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        request.filters().forEach((name, value) ->
                b.add(new TermQuery(new Term(SearchFields.filterField(name), value)), BooleanClause.Occur.FILTER));
        return b.build();
    }

    private static List<Integer> docs(TopDocs top) {
        List<Integer> docs = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            docs.add(sd.doc);
        }
        return docs;
    }

    /** Scores by doc; Lucene's DOT_PRODUCT score is (1 + cos) / 2, so vector scores become the cosine. */
    private static Map<Integer, Float> scores(TopDocs top, boolean cosine) {
        Map<Integer, Float> scores = new LinkedHashMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            scores.put(sd.doc, cosine ? 2 * sd.score - 1 : sd.score);
        }
        return scores;
    }

    private List<SearchHit> hits(IndexSearcher searcher, SearchRequest request, List<Integer> docs, Map<Integer, Float> scores,
                                 TopDocs vectorTop, TopDocs textTop) throws IOException {
        Map<Integer, Integer> vectorRanks = ranks(vectorTop);
        Map<Integer, Integer> textRanks = ranks(textTop);
        Query highlightQuery = textQuery(request.query());
        UnifiedHighlighter highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxNoHighlightPassages(0)
                .build();
        StoredFields stored = searcher.storedFields();
        List<SearchHit> out = new ArrayList<>(Math.min(request.k(), docs.size()));
        for (int i = 0; i < docs.size() && out.size() < request.k(); i++) {
            int doc = docs.get(i);
            org.apache.lucene.document.Document d = stored.document(doc);
            String text = d.get(SearchFields.TEXT);
            Map<String, String> fields = new LinkedHashMap<>();
            for (IndexableField f : d.getFields()) {
                if (f.name().startsWith(SearchFields.USER_PREFIX)) {
                    fields.put(f.name().substring(SearchFields.USER_PREFIX.length()), f.stringValue());
                }
            }
            out.add(new SearchHit(d.get(SearchFields.ID), d.getField(SearchFields.PASSAGE).numericValue().intValue(),
                    scores.get(doc), text, snippet(highlighter, highlightQuery, text), d.get(SearchFields.LANGUAGE),
                    fields, vectorRanks.getOrDefault(doc, 0), textRanks.getOrDefault(doc, 0)));
        }
        return out;
    }

    private static Map<Integer, Integer> ranks(TopDocs top) {
        Map<Integer, Integer> ranks = new java.util.HashMap<>();
        if (top != null) {
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ranks.putIfAbsent(top.scoreDocs[i].doc, i + 1);
            }
        }
        return ranks;
    }

    private static String snippet(UnifiedHighlighter highlighter, Query query, String text) throws IOException {
        Object highlighted = query == null ? null : highlighter.highlightWithoutSearcher(SearchFields.TEXT, query, text, 1);
        if (highlighted != null && !highlighted.toString().isEmpty()) {
            return highlighted.toString();
        }
        String start = text.length() <= SNIPPET_FALLBACK_CHARS ? text : text.substring(0, SNIPPET_FALLBACK_CHARS) + " …";
        return escapeHtml(start);
    }

    static String escapeHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#x27;");
                case '/' -> b.append("&#x2F;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        IndexSearcher searcher;
        try {
            searcher = manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + path, e);
        }
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search index " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                manager.release(searcher);
            } catch (IOException ignored) {
                // releasing a reader only decrements a count
            }
        }
    }

    @Override
    public void close() {
        try {
            manager.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close index " + path, e);
        }
    }
}
