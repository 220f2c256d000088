package io.contrast4j.eval.heldout;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.eval.Evaluator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * In-domain retrieval on held-out documents: spans of each document must retrieve their own
 * document among all held-out documents. A document is represented by the mean of the (unit)
 * embeddings of its first {@code maxChunks} consecutive {@code chunkWords}-word chunks; queries are
 * {@code queriesPerDocument} spans of {@code spanWords} words drawn uniformly from the rest of the
 * document (the words after the represented part), so a query shares no text with the
 * representation and must match it by topic, not by overlap. (A document too short to leave room
 * draws its queries from anywhere.) Reports top-1 accuracy and mean reciprocal rank, x100.
 * Deterministic for a seed.
 */
public final class HeldOutRetrieval implements Evaluator {

    public record Result(double top1, double mrr, int documents, int queries) {}

    private final List<String[]> documents;
    private final int chunkWords;
    private final int maxChunks;
    private final int spanWords;
    private final int queriesPerDocument;
    private final long seed;

    public HeldOutRetrieval(List<String> documents, int chunkWords, int maxChunks, int spanWords,
            int queriesPerDocument, long seed) {
        this.documents = documents.stream().map(HeldOutRetrieval::words)
                .filter(t -> t.length >= Math.max(chunkWords, spanWords)).toList();
        if (this.documents.size() < 2) {
            throw new IllegalArgumentException("held-out retrieval needs at least 2 documents of "
                    + Math.max(chunkWords, spanWords) + "+ words");
        }
        this.chunkWords = chunkWords;
        this.maxChunks = maxChunks;
        this.spanWords = spanWords;
        this.queriesPerDocument = queriesPerDocument;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "heldout_retrieval_mrr";
    }

    @Override
    public String primaryMetric() {
        return "mrr";
    }

    /** {@code top1}, {@code mrr} (x100), {@code documents}, {@code queries}. */
    @Override
    public Map<String, Double> evaluate(Embedder embedder) {
        Result r = run(embedder);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("top1", r.top1());
        m.put("mrr", r.mrr());
        m.put("documents", (double) r.documents());
        m.put("queries", (double) r.queries());
        return m;
    }

    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluator", "HeldOutRetrieval");
        m.put("name", name());
        m.put("documents", documents.size());
        m.put("chunk_words", chunkWords);
        m.put("max_chunks", maxChunks);
        m.put("span_words", spanWords);
        m.put("queries_per_document", queriesPerDocument);
        m.put("seed", seed);
        return m;
    }

    /** Whitespace words, as DeCLUTR's span sampler counts them (so "N+ words" means the same). */
    static String[] words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    public Result run(Embedder embedder) {
        int n = documents.size();
        List<String> chunks = new ArrayList<>();
        int[] chunkOwner;
        List<Integer> owners = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        List<Integer> queryOwner = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int d = 0; d < n; d++) {
            String[] t = documents.get(d);
            int covered = Math.min(t.length, chunkWords * maxChunks);
            for (int s = 0; s + chunkWords <= covered || (s == 0 && covered < chunkWords); s += chunkWords) {
                chunks.add(join(t, s, Math.min(covered, s + chunkWords)));
                owners.add(d);
            }
            int from = t.length - covered >= spanWords ? covered : 0;
            for (int q = 0; q < queriesPerDocument; q++) {
                int start = from + rng.nextInt(t.length - from - spanWords + 1);
                queries.add(join(t, start, start + spanWords));
                queryOwner.add(d);
            }
        }
        chunkOwner = owners.stream().mapToInt(Integer::intValue).toArray();
        float[][] chunkVectors = embedder.embed(chunks);
        int dim = chunkVectors[0].length;
        double[][] docs = new double[n][dim];
        for (int c = 0; c < chunkVectors.length; c++) {
            double[] unit = unit(chunkVectors[c]);
            for (int j = 0; j < dim; j++) docs[chunkOwner[c]][j] += unit[j];
        }
        for (int d = 0; d < n; d++) docs[d] = unit(docs[d]);
        float[][] queryVectors = embedder.embed(queries);
        double top1 = 0, rr = 0;
        for (int q = 0; q < queryVectors.length; q++) {
            double[] v = unit(queryVectors[q]);
            int own = queryOwner.get(q);
            double ownScore = dot(v, docs[own]);
            int rank = 1;
            for (int d = 0; d < n; d++) {
                if (d != own && dot(v, docs[d]) >= ownScore) rank++; // ties count against the query
            }
            if (rank == 1) top1++;
            rr += 1.0 / rank;
        }
        return new Result(100 * top1 / queries.size(), 100 * rr / queries.size(), n, queries.size());
    }

    private static String join(String[] t, int from, int to) {
        return String.join(" ", java.util.Arrays.asList(t).subList(from, to));
    }

    private static double[] unit(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return unit(d);
    }

    private static double[] unit(double[] v) {
        double norm = 0;
        for (double x : v) norm += x * x;
        norm = Math.sqrt(Math.max(norm, 1e-24));
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / norm;
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
