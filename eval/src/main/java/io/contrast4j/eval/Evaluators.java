package io.contrast4j.eval;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.eval.Evaluator;
import io.contrast4j.core.vector.DenseWordVectors;
import io.contrast4j.data.WordPair;
import io.contrast4j.data.parallel.TranslationPair;
import io.contrast4j.eval.bitext.BitextEvaluation;
import io.contrast4j.eval.discourse.DiscourseEvaluation;
import io.contrast4j.eval.discourse.DiscourseTasks;
import io.contrast4j.eval.sts.StsEvaluator;
import io.contrast4j.eval.transfer.PairFeatures;
import io.contrast4j.eval.transfer.SentEvalValidation;
import io.contrast4j.eval.transfer.TransferEvaluation;
import io.contrast4j.eval.transfer.TransferTask;
import io.contrast4j.eval.word.WordSimilarityEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The harness's tasks as {@link Evaluator}s, for dev evaluation during training or any caller
 * that wants one number map per model: thin adapters over the task code the {@code eval}
 * commands run, so a score here is the score of the corresponding command.
 */
public final class Evaluators {

    private Evaluators() {}

    /** STS-B dev (the usual dev task), primary metric its Spearman x100. */
    public static Evaluator stsBenchmarkDev(Path root) {
        return StsEvaluator.stsBenchmarkDev(root);
    }

    /** SentEval transfer tasks (MR, CR, SUBJ, MPQA, SST2, TREC, MRPC, ...) with SentEval's protocol. */
    public static Evaluator sentEval(Path root, List<String> tasks, int folds, int threads) {
        if (folds < 2) throw new IllegalArgumentException("folds: must be >= 2, got " + folds);
        if (threads < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + threads);
        List<TransferTask> chosen = tasks.stream().map(TransferTask::named).toList();
        List<TransferTask.Data> data = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (TransferTask t : chosen) {
            data.add(t.load(root));
            t.inputs(root).forEach(p -> inputs.add(p.toString()));
        }
        TransferEvaluation evaluation = new TransferEvaluation(folds, threads, PairFeatures.SENTEVAL);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("folds", folds);
        settings.put("seed", SentEvalValidation.SEED);
        settings.put("inputs", inputs);
        return new TaskEvaluator("senteval", chosen.stream().map(Enum::name).toList(), embedder -> {
            List<TaskResult> out = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) out.add(evaluation.evaluate(chosen.get(i), data.get(i), embedder, n -> {}));
            return out;
        }, settings);
    }

    /** Discourse probes (sentence position, order) on prepared splits. */
    public static Evaluator discourse(DiscourseTasks tasks, int threads) {
        return new TaskEvaluator("discourse", tasks.taskNames(), embedder -> DiscourseEvaluation.evaluate(embedder, tasks, threads),
                Map.of("threads", threads));
    }

    /** Bitext retrieval: each source must retrieve its own target among all targets (accuracy x100). */
    public static Evaluator bitext(String task, List<TranslationPair> pairs) {
        if (pairs.size() < 2) throw new IllegalArgumentException("pairs: bitext retrieval needs at least 2 pairs");
        return new TaskEvaluator("bitext_" + task, List.of(task), embedder -> List.of(BitextEvaluation.evaluate(task, pairs, embedder)),
                Map.of("pairs", pairs.size()));
    }

    /**
     * Word similarity with a sentence encoder: every word of the pairs is embedded on its own and
     * the pair's cosine is compared with the human score (Spearman x100).
     */
    public static Evaluator wordSimilarity(String task, List<WordPair> pairs) {
        if (pairs.size() < 2) throw new IllegalArgumentException("pairs: word similarity needs at least 2 pairs");
        List<String> words = new ArrayList<>(new LinkedHashSet<>(pairs.stream().flatMap(p -> java.util.stream.Stream.of(p.w1(), p.w2())).toList()));
        return new TaskEvaluator("wordsim_" + task, List.of(task), embedder -> {
            float[][] v = embedder.embed(words);
            int d = v[0].length;
            float[] matrix = new float[words.size() * d];
            for (int i = 0; i < v.length; i++) System.arraycopy(v[i], 0, matrix, i * d, d);
            return List.of(new WordSimilarityEvaluation(false).evaluate(task, pairs, new DenseWordVectors(words, matrix, d)));
        }, Map.of("pairs", pairs.size()));
    }
}
