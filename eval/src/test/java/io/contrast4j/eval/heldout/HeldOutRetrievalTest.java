package io.contrast4j.eval.heldout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The held-out retrieval measure on real addresses, with a term-count embedder as the model. */
class HeldOutRetrievalTest {

    /** Hashed lower-cased word counts: a lexical baseline with no training. */
    private static final class WordCounts implements Embedder {
        final boolean constant;

        WordCounts(boolean constant) {
            this.constant = constant;
        }

        @Override
        public int dimension() {
            return 4096;
        }

        @Override
        public float[][] embed(List<String> texts) {
            float[][] out = new float[texts.size()][4096];
            for (int i = 0; i < texts.size(); i++) {
                if (constant) {
                    out[i][0] = 1;
                    continue;
                }
                for (String w : texts.get(i).toLowerCase(Locale.ROOT).split("\\W+")) {
                    if (w.length() > 3) out[i][Math.floorMod(w.hashCode(), 4096)]++;
                }
            }
            return out;
        }

        @Override
        public String name() {
            return "word-counts";
        }
    }

    @Test
    void topicalSpansFindTheirAddressAndAConstantModelDoesNot() throws IOException {
        List<String> docs;
        try (InputStream in = getClass().getResourceAsStream("sotu-sample.txt")) {
            docs = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        HeldOutRetrieval probe = new HeldOutRetrieval(docs, 128, 4, 32, 10, 1);
        HeldOutRetrieval.Result lexical = probe.run(new WordCounts(false));
        assertEquals(8, lexical.documents());
        assertEquals(80, lexical.queries());
        // Chance (a random ranking of 8): top-1 12.5%, MRR 34%. Raw word counts between different
        // parts of one address do a little better: the measure asks for topic, not overlap.
        assertTrue(lexical.top1() > 12.5, "top1 " + lexical.top1());
        assertTrue(lexical.mrr() > 34, "mrr " + lexical.mrr());
        // A model that cannot tell documents apart: every score ties, ties count against the query.
        HeldOutRetrieval.Result constant = probe.run(new WordCounts(true));
        assertEquals(0.0, constant.top1(), 1e-9);
        assertEquals(100.0 / 8, constant.mrr(), 1e-9);
        // Same inputs, same numbers.
        assertEquals(lexical, probe.run(new WordCounts(false)));
        // The Evaluator contract gives the same numbers, MRR as the primary metric.
        java.util.Map<String, Double> metrics = probe.evaluate(new WordCounts(false));
        assertEquals(lexical.mrr(), probe.primaryScore(metrics));
        assertEquals(lexical.top1(), metrics.get("top1"));
        assertEquals("heldout_retrieval_mrr", probe.name());
    }
}
