package io.contrast4j.cli.mine;

import io.contrast4j.sentence.negatives.CandidateSource;

import io.contrast4j.search.SearchHit;
import io.contrast4j.search.SemanticSearcher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Candidates from a Lucene index built by {@code contrast4j index build} (search module): HNSW kNN
 * with the query vector. The index must have been embedded with the mining model (the searcher
 * refuses another model's name or dimension). Hits are passages; their text is the candidate.
 */
public final class IndexCandidates implements CandidateSource {
    private final SemanticSearcher searcher;
    private final String model;
    private final int overFetch;

    /**
     * @param model the {@code Embedder.name()} of the model that embeds the queries
     * @param overFetch HNSW beam multiplier (search module's over-fetch); more = closer to exact
     */
    public IndexCandidates(Path index, String model, int overFetch) {
        this.searcher = SemanticSearcher.open(index, null);
        this.model = model;
        this.overFetch = overFetch;
        searcher.metadata().requireModel(model, searcher.metadata().dimension());
    }

    @Override
    public List<Candidate> nearest(float[] unitQuery, int k) {
        List<SearchHit> hits = searcher.searchVector(unitQuery, model, k, Map.of(), overFetch).hits();
        List<Candidate> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) out.add(new Candidate(h.text(), h.score()));
        return out;
    }

    @Override
    public long size() {
        return searcher.passages();
    }

    @Override
    public String describe() {
        return "Lucene index " + searcher.path() + " (" + searcher.passages() + " passages, model " + searcher.metadata().model() + ")";
    }

    @Override
    public void close() {
        searcher.close();
    }
}
