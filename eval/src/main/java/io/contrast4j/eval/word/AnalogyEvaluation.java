package io.contrast4j.eval.word;

import io.contrast4j.core.WordVectors;
import io.contrast4j.core.vector.VectorMath;
import io.contrast4j.data.AnalogyQuestion;
import io.contrast4j.eval.TaskResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Word analogies "a : b :: c : ?" (Mikolov et al. 2013) answered over a frequency-restricted
 * vocabulary, the way gensim's {@code evaluate_word_analogies(restrict_vocab=30000)} does: only the
 * first {@code restrictVocab} words of the vector file are candidates, a question with any word
 * outside them is not asked (counted as {@code oov_questions}), the three question words are never
 * an answer, and case is folded (see {@link VocabularyLookup}).
 *
 * <p>Two objectives from Levy &amp; Goldberg (2014, Sec. 3-4), on unit vectors:
 * 3CosAdd {@code argmax cos(d,b) - cos(d,a) + cos(d,c)} (equal to gensim's most_similar) and
 * 3CosMul {@code argmax cos'(d,b) cos'(d,c) / (cos'(d,a) + 0.001)} with {@code cos' = (cos + 1) / 2}.
 * Accuracy (x100) is over the questions asked, per section and for semantic / syntactic / all;
 * sections whose name starts with "gram" are syntactic (in questions-words that is all but the first 5).
 *
 * <p>Speed: per section, the cosines of each distinct question word against the whole restricted
 * vocabulary are computed once ({@link VectorMath#dotAll}); each question is then a linear scan.
 */
public final class AnalogyEvaluation {
    public static final int DEFAULT_RESTRICT_VOCAB = 30_000;
    static final float COSMUL_EPSILON = 1e-3f;

    private final int restrictVocab;
    private final boolean caseInsensitive;

    public AnalogyEvaluation(int restrictVocab, boolean caseInsensitive) {
        this.restrictVocab = restrictVocab;
        this.caseInsensitive = caseInsensitive;
    }

    public TaskResult evaluate(String task, List<AnalogyQuestion> questions, WordVectors vectors, IntConsumer progress) {
        List<String> vocab = vectors.vocabulary();
        int n = Math.min(restrictVocab, vocab.size()), dim = vectors.dimension();
        // Candidate keys: folded spelling (or exact word); the most frequent variant of a key wins.
        Map<String, Integer> keyIndex = new HashMap<>();
        int[] keyOf = new int[n];
        List<Integer> rowOfKey = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String key = key(vocab.get(i));
            Integer id = keyIndex.get(key);
            if (id == null) {
                id = keyIndex.size();
                keyIndex.put(key, id);
                rowOfKey.add(i);
            }
            keyOf[i] = id;
        }
        float[] matrix = new float[n * dim];
        for (int i = 0; i < n; i++) System.arraycopy(vectors.vector(vocab.get(i)), 0, matrix, i * dim, dim);
        VectorMath.normalizeRows(matrix, n, dim);

        Map<String, int[]> perSection = new LinkedHashMap<>(); // asked, right3CosAdd, right3CosMul, oov
        for (AnalogyQuestion q : questions) perSection.computeIfAbsent(q.section(), s -> new int[4]);
        for (String section : perSection.keySet()) {
            int[] counts = perSection.get(section);
            List<int[]> asked = new ArrayList<>(); // key ids a, b, c, d
            Map<Integer, float[]> sims = new HashMap<>();
            for (AnalogyQuestion q : questions) {
                if (!q.section().equals(section)) continue;
                int[] ids = {id(keyIndex, q.a()), id(keyIndex, q.b()), id(keyIndex, q.c()), id(keyIndex, q.d())};
                if (ids[0] < 0 || ids[1] < 0 || ids[2] < 0 || ids[3] < 0) {
                    counts[3]++;
                    continue;
                }
                asked.add(ids);
                for (int k = 0; k < 3; k++) {
                    sims.computeIfAbsent(ids[k], id -> VectorMath.dotAll(row(matrix, rowOfKey.get(id), dim), matrix, n, dim, new float[n]));
                }
            }
            for (int[] ids : asked) {
                float[] sa = sims.get(ids[0]), sb = sims.get(ids[1]), sc = sims.get(ids[2]);
                int bestAdd = -1, bestMul = -1;
                float add = Float.NEGATIVE_INFINITY, mul = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    int kj = keyOf[j];
                    if (kj == ids[0] || kj == ids[1] || kj == ids[2]) continue;
                    float s = sb[j] - sa[j] + sc[j];
                    if (s > add) {
                        add = s;
                        bestAdd = j;
                    }
                    float m = ((sb[j] + 1) / 2) * ((sc[j] + 1) / 2) / ((sa[j] + 1) / 2 + COSMUL_EPSILON);
                    if (m > mul) {
                        mul = m;
                        bestMul = j;
                    }
                }
                counts[0]++;
                if (bestAdd >= 0 && keyOf[bestAdd] == ids[3]) counts[1]++;
                if (bestMul >= 0 && keyOf[bestMul] == ids[3]) counts[2]++;
            }
            progress.accept(counts[0] + counts[3]);
        }

        int[] sem = new int[4], syn = new int[4], all = new int[4];
        Map<String, Object> sections = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : perSection.entrySet()) {
            int[] c = e.getValue();
            int[] group = e.getKey().startsWith("gram") ? syn : sem;
            for (int k = 0; k < 4; k++) {
                group[k] += c[k];
                all[k] += c[k];
            }
            sections.put(e.getKey(), counts(c));
        }
        Map<String, Number> m = new LinkedHashMap<>(counts(all));
        m.put("acc_semantic_3cosadd", pct(sem[1], sem[0]));
        m.put("acc_syntactic_3cosadd", pct(syn[1], syn[0]));
        m.put("acc_semantic_3cosmul", pct(sem[2], sem[0]));
        m.put("acc_syntactic_3cosmul", pct(syn[2], syn[0]));
        m.put("n", questions.size());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restrict_vocab", n);
        details.put("case_insensitive", caseInsensitive);
        details.put("semantic", counts(sem));
        details.put("syntactic", counts(syn));
        details.put("sections", sections);
        return new TaskResult(task, m, details, null);
    }

    private static Map<String, Number> counts(int[] c) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("acc_3cosadd", pct(c[1], c[0]));
        m.put("acc_3cosmul", pct(c[2], c[0]));
        m.put("coverage", pct(c[0], c[0] + c[3]));
        m.put("asked", c[0]);
        m.put("oov_questions", c[3]);
        return m;
    }

    private int id(Map<String, Integer> keyIndex, String word) {
        Integer id = keyIndex.get(key(word));
        return id == null ? -1 : id;
    }

    private String key(String word) {
        return caseInsensitive ? VocabularyLookup.fold(word) : word;
    }

    private static float[] row(float[] matrix, int r, int dim) {
        float[] v = new float[dim];
        System.arraycopy(matrix, r * dim, v, 0, dim);
        return v;
    }

    private static double pct(int a, int b) {
        return b == 0 ? Double.NaN : 100.0 * a / b;
    }
}
