package io.contrast4j.sentence.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.data.augment.Translation;
import io.contrast4j.data.augment.Translator;
import io.contrast4j.sentence.objective.DeclutrSpanSampler;
import io.contrast4j.sentence.train.MomentumContrast;
import io.contrast4j.sentence.train.TestEncoders;
import io.contrast4j.sentence.train.TrainableEncoder;
import io.contrast4j.sentence.train.TrainingArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed objective specs: field-named validation, data preparation, and CERT through {@link Pretraining} with resume. */
class ObjectiveSpecTest {

    @TempDir Path tmp;


    private static IllegalArgumentException fails(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run);
    }

    @Test
    void invalidSettingsNameTheField() {
        Path corpus = Path.of("corpus.txt");
        assertTrue(fails(() -> new SimCseSpec(corpus, 10, 4, 0f, 0f)).getMessage().startsWith("temperature: "));
        assertTrue(fails(() -> new SimCseSpec(corpus, 10, 4, 0.05f, 1f)).getMessage().startsWith("tauPlus: "));
        assertTrue(fails(() -> new DeclutrSpec(corpus, 2, 2, 64, 16, DeclutrSpanSampler.Strategy.ANY, 10, 0.05f, 0f))
                .getMessage().startsWith("anchors/positives/minSpan/maxSpan: "));
        assertTrue(fails(() -> new ConponoSpec(corpus, 0, 2, 2, 0.1f, Float.NaN)).getMessage().startsWith("k must be >= 1"));
        assertTrue(fails(() -> new PairsSpec(List.of(corpus), corpus, 1, 0.05f, 0f, null)).getMessage().startsWith("pairs: "));
        assertTrue(fails(() -> new InfoXlmSpec(List.of(), MomentumContrast.defaults())).getMessage().startsWith("pairs: "));
        assertTrue(fails(() -> SimCseSpec.of(tmp.resolve("missing.txt")).prepare(1, 4)).getMessage().startsWith("corpus: file not found"));
    }

    @Test
    void simcseAndPairsReadTheirData() throws Exception {
        Path sentences = tmp.resolve("s.txt");
        Files.write(sentences, TestEncoders.sentences(0, 30));
        PreparedObjective s = SimCseSpec.of(sentences).prepare(7, 8);
        assertEquals(30, ((Number) s.objective().describe().get("sentences")).intValue());
        assertEquals(List.of(sentences), s.inputs());
        IllegalArgumentException few = fails(() -> SimCseSpec.of(sentences).prepare(7, 64));
        assertTrue(few.getMessage().contains("fewer than batchSize 64"), few.getMessage());

        Path pairs = tmp.resolve("p.tsv");
        List<String> lines = new ArrayList<>();
        for (String t : TestEncoders.sentences(30, 10)) lines.add(t + "\t" + t.toLowerCase());
        Files.write(pairs, lines);
        PreparedObjective p = PairsSpec.of(pairs).prepare(7, 4);
        assertEquals("pairs", p.objective().name());
        assertEquals(0, p.notes().get("pairs_dropped_fewer_negatives"));
    }

    /** Reverses each sentence's words: a fixed, deterministic stand-in for Apertium's back-translation. */
    private static final class ReversingTranslator implements Translator {
        @Override
        public String name() {
            return "test:reverse-words";
        }

        @Override
        public List<Translation> translate(List<String> sources, IntConsumer progress) {
            List<Translation> out = new ArrayList<>();
            for (String s : sources) {
                if (s.contains("Congress")) out.add(Translation.failed(s, "no route"));
                else out.add(Translation.ok(s, String.join(" ", java.util.Arrays.asList(s.split(" ")).reversed())));
            }
            progress.accept(sources.size());
            return out;
        }
    }

    private Map<String, float[]> certRun(Path corpus, Path out, TrainingArguments args, long init) throws Exception {
        CertSpec spec = new CertSpec(corpus, 1000, 4, new ReversingTranslator(), new MomentumContrast(0.99f, 16, 0.07f, true, 0f, null), false);
        Map<String, float[]> params = new LinkedHashMap<>();
        TrainableEncoder[] trained = new TrainableEncoder[1];
        Pretraining.PretrainingResult r = Pretraining.builder().objective(spec)
                .model(() -> {
                    TrainableEncoder e = TestEncoders.tiny(init);
                    if (trained[0] == null) trained[0] = e; // the first instance is the query encoder
                    return e;
                })
                .args(args).outputDir(out)
                .callbacks(new io.contrast4j.sentence.train.TrainerCallback() {
                    @Override
                    public void onTrainEnd(io.contrast4j.sentence.train.TrainingResult result) {
                        trained[0].parameters().forEach((k, v) -> params.put(k, v.getArray().toFloatArray()));
                    }
                }).build().run();
        assertEquals("cert", r.summary().get("objective"));
        return params;
    }

    @Test
    void certIdentityControlKeepsEverySentenceAsItsOwnKeyWhileBackTranslationDropsUnchangedOnes() throws Exception {
        Path corpus = tmp.resolve("identity.txt");
        List<String> lines = new ArrayList<>(TestEncoders.sentences(12, 41));
        lines.add("level level level level"); // reads the same reversed: an unchanged "translation"
        Files.write(corpus, lines);
        MomentumContrast moco = new MomentumContrast(0.99f, 16, 0.07f, true, 0f, null);
        PreparedObjective identity = new CertSpec(corpus, 1000, 4, new io.contrast4j.data.augment.IdentityTranslator(), moco, false)
                .prepare(1, 4);
        int usable = CorpusText.sentences(corpus, 4, 1000).size(); // lines of 4+ words, as the corpus reader sees them
        assertTrue(usable > 30 && CorpusText.sentences(corpus, 4, 1000).contains("level level level level"));
        assertEquals(usable, ((Number) identity.notes().get("pairs")).intValue());
        assertEquals("identity", identity.notes().get("translator"));
        PreparedObjective reversed = new CertSpec(corpus, 1000, 4, new ReversingTranslator(), moco, false).prepare(1, 4);
        int failed = ((Number) reversed.notes().get("backtranslation_failed")).intValue(); // the "Congress" lines
        assertEquals(usable - 1 - failed, ((Number) reversed.notes().get("pairs")).intValue());
        assertEquals(1, ((Number) reversed.notes().get("backtranslation_unchanged")).intValue());
    }

    @Test
    void certSpecTrainsThroughPretrainingAndResumesExactly() throws Exception {
        Path corpus = tmp.resolve("cert.txt");
        List<String> lines = new ArrayList<>(TestEncoders.sentences(60, 40));
        lines.add("The Congress met early in the morning to debate the new bill.");
        Files.write(corpus, lines);
        TrainingArguments args = TrainingArguments.builder().steps(4).batchSize(4).accumulation(2).learningRate(1e-3f)
                .warmupSteps(1).seed(3).checkpointEvery(2).progress(false).build();
        Map<String, float[]> straight = certRun(corpus, tmp.resolve("a"), args, 1);
        certRun(corpus, tmp.resolve("b"), args.withStopAfter(2), 1);
        assertFalse(Files.exists(tmp.resolve("b/model.safetensors")), "an interrupted run saves no model");
        // A fresh process: another random init, to prove the checkpoint decides every weight.
        Map<String, float[]> resumed = certRun(corpus, tmp.resolve("b"), args, 99);
        for (String name : straight.keySet()) assertArrayEquals(straight.get(name), resumed.get(name), name);
        JsonNode prov = new ObjectMapper().readTree(tmp.resolve("b/provenance.json").toFile());
        JsonNode result = prov.path("notes").path("result");
        assertEquals(2, result.path("resumed_from").asInt(), prov.toString());
        assertEquals(16, prov.path("config").path("moco").path("queue_size").asInt(), prov.toString());
        assertTrue(result.path("backtranslation_failed").asInt() >= 1, "sentences naming Congress fail in the test translator");
        assertTrue(prov.path("inputs").toString().contains("cert.txt"), prov.toString());
    }
}
