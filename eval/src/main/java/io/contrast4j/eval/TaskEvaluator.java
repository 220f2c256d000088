package io.contrast4j.eval;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.eval.Evaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link Evaluator} contract over any of the harness's task runners (SentEval transfer,
 * discourse probes, bitext retrieval, word similarity; see {@link Evaluators}): each
 * {@link TaskResult} gives {@code <Task>} = its {@link TaskResult#mainScore() main score} and
 * {@code <Task>.<metric>} for every metric; several tasks also give their {@code average}. The
 * primary metric is the one task's main score, or the average.
 */
public final class TaskEvaluator implements Evaluator {

    private final String name;
    private final List<String> tasks;
    private final Function<Embedder, List<TaskResult>> run;
    private final Map<String, Object> provenance;

    /**
     * @param tasks the task names {@code run} returns results for, in order
     * @param run evaluates an embedder on every task
     * @param settings what provenance should record besides the name and tasks (data, folds, seed)
     */
    public TaskEvaluator(String name, List<String> tasks, Function<Embedder, List<TaskResult>> run, Map<String, Object> settings) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("tasks: nothing to evaluate");
        this.name = name;
        this.tasks = List.copyOf(tasks);
        this.run = run;
        this.provenance = new LinkedHashMap<>();
        provenance.put("evaluator", "TaskEvaluator");
        provenance.put("name", name);
        provenance.put("tasks", this.tasks);
        provenance.putAll(settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String primaryMetric() {
        return tasks.size() == 1 ? tasks.get(0) : "average";
    }

    @Override
    public Map<String, Double> evaluate(Embedder embedder) {
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        int n = 0;
        for (TaskResult r : run.apply(embedder)) {
            out.put(r.task(), r.mainScore());
            sum += r.mainScore();
            n++;
            r.metrics().forEach((k, v) -> out.put(r.task() + "." + k, v.doubleValue()));
        }
        if (n > 1) out.put("average", sum / n);
        return out;
    }

    @Override
    public Map<String, Object> provenance() {
        return new LinkedHashMap<>(provenance);
    }
}
