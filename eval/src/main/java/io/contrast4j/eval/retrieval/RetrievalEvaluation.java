package io.contrast4j.eval.retrieval;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.retrieval.Retriever;
import io.contrast4j.data.beir.BeirDataset;
import io.contrast4j.eval.TaskResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Evaluates any {@link Retriever} on a BEIR-format set: every judged query retrieves
 * {@link TrecMetrics#DEPTH} documents, the trec_eval measures are taken per query and averaged over
 * all judged queries (x100 in the report), and queries per second are measured.
 *
 * <p>Timing: {@link Retriever#prepare} (e.g. batch-encoding the queries) is timed apart
 * ({@code details.prepare_seconds}); {@code qps} is queries / wall seconds of the {@code retrieve}
 * calls alone, one query at a time on one thread, so it measures the search, not the encoder. The
 * first {@link #WARMUP} queries are run once, untimed and unscored, before the timed pass, so that
 * the JIT has compiled the search path.
 *
 * <p>A result whose document id equals the query id is dropped before measuring, as BEIR's
 * evaluation does by default ({@code ignore_identical_ids=True}): a set whose queries are also
 * corpus documents (each sentence querying its paraphrase among all sentences) must not count the
 * query finding itself. One extra result is retrieved for such queries so that 100 remain.
 *
 * <p>The report keeps every query's measures ({@code details.query_ids} and
 * {@code details.per_query.<measure>}, x100, in the same order), so that two runs on the same set
 * can be compared query by query ({@code eval compare}).
 */
public final class RetrievalEvaluation {
    /** Queries run once before the timed pass (JIT warm-up). */
    public static final int WARMUP = 200;

    private RetrievalEvaluation() {}

    /** The task name of a set: its folder name, with {@code -<split>} unless the split is test. */
    public static String taskName(BeirDataset data) {
        return "test".equals(data.split()) ? data.name() : data.name() + "-" + data.split();
    }

    /**
     * @param progress called with 1 after each query (may be null)
     */
    public static TaskResult evaluate(BeirDataset data, Retriever retriever, IntConsumer progress) {
        List<String> ids = new ArrayList<>(data.queries().keySet());
        List<String> texts = ids.stream().map(data.queries()::get).toList();
        long t0 = System.nanoTime();
        retriever.prepare(texts);
        double prepareSeconds = (System.nanoTime() - t0) / 1e9;

        int warmup = Math.min(WARMUP, texts.size());
        for (int i = 0; i < warmup; i++) retriever.retrieve(texts.get(i), TrecMetrics.DEPTH + 1);

        List<List<Neighbor>> results = new ArrayList<>(ids.size());
        long searchNanos = 0;
        int selfMatches = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean inCorpus = data.corpus().containsKey(id);
            long s = System.nanoTime();
            List<Neighbor> r = retriever.retrieve(texts.get(i), TrecMetrics.DEPTH + (inCorpus ? 1 : 0));
            searchNanos += System.nanoTime() - s;
            if (inCorpus) {
                List<Neighbor> kept = new ArrayList<>(r.size());
                for (Neighbor n : r) {
                    if (!n.key().equals(id)) kept.add(n);
                }
                if (kept.size() < r.size()) selfMatches++;
                r = kept.size() > TrecMetrics.DEPTH ? kept.subList(0, TrecMetrics.DEPTH) : kept;
            }
            results.add(r);
            if (progress != null) progress.accept(1);
        }
        double searchSeconds = searchNanos / 1e9;

        Map<String, double[]> perQuery = new LinkedHashMap<>();
        for (String m : TrecMetrics.NAMES) perQuery.put(m, new double[ids.size()]);
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Double> m = TrecMetrics.evaluate(results.get(i), data.qrels().get(ids.get(i)));
            for (String name : TrecMetrics.NAMES) perQuery.get(name)[i] = 100 * m.get(name);
        }
        Map<String, Number> metrics = new LinkedHashMap<>();
        for (String name : TrecMetrics.NAMES) metrics.put(name, mean(perQuery.get(name)));
        metrics.put("qps", searchSeconds > 0 ? ids.size() / searchSeconds : Double.NaN);
        metrics.put("n", ids.size());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retriever", retriever.description());
        details.put("split", data.split());
        details.put("corpus_documents", data.corpus().size());
        details.put("judged_queries", ids.size());
        details.put("relevant_judgments", data.qrels().values().stream().mapToLong(q -> q.values().stream().filter(r -> r >= 1).count()).sum());
        if (data.unknownJudgedDocuments() > 0) details.put("judged_documents_not_in_corpus", data.unknownJudgedDocuments());
        details.put("depth", TrecMetrics.DEPTH);
        details.put("identical_ids_ignored", selfMatches);
        details.put("prepare_seconds", prepareSeconds);
        details.put("warmup_queries", warmup);
        details.put("search_seconds", searchSeconds);
        details.put("query_ids", ids);
        Map<String, Object> pq = new LinkedHashMap<>();
        perQuery.forEach(pq::put);
        details.put("per_query", pq);
        return new TaskResult(taskName(data), metrics, details, null);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
