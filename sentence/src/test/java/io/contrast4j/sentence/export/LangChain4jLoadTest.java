package io.contrast4j.sentence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.model.SentenceModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's {@code OnnxEmbeddingModel} (a real external client: its own tokenizer call, its own
 * ONNX Runtime session, its own pooling over {@code last_hidden_state}) loads our export folder and
 * returns our vectors. It embeds one text at a time (no padding), pools the first output and always
 * L2-normalizes; texts over 510 tokens it splits and averages, so the texts here stay short.
 */
class LangChain4jLoadTest {

    static final List<String> TEXTS = List.of(
            "A man is playing a guitar.",
            "A person plays an instrument.",
            "The quick brown fox jumps over the lazy dog while the cat watches from the window sill.",
            "Semantic search finds passages by meaning rather than by shared words.");

    @TempDir Path tmp;

    @Test
    void onnxEmbeddingModelReturnsOurMiniLmVectors() throws Exception {
        try (SentenceModel minilm = MiniLm.load(Device.cpu())) {
            OnnxExporter.Export e = OnnxExporter.export(minilm, tmp.resolve("minilm-onnx"), "test");
            OnnxEmbeddingModel lc = new OnnxEmbeddingModel(e.model(), e.dir().resolve(OnnxExporter.TOKENIZER_FILE),
                    PoolingMode.MEAN);
            List<Embedding> theirs = lc.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content();
            assertEquals(TEXTS.size(), theirs.size());
            assertEquals(384, lc.dimension());
            double worst = 0;
            for (int i = 0; i < TEXTS.size(); i++) {
                // ours one text at a time too, so the comparison is not about padding
                float[] ours = minilm.embedBatch(minilm.tokenizer().encodeBatch(List.of(TEXTS.get(i))))[0];
                worst = Math.max(worst, maxAbsDiff(ours, theirs.get(i).vector()));
            }
            System.out.printf("LangChain4j OnnxEmbeddingModel vs DJL minilm: max diff %.2e%n", worst);
            assertTrue(worst < 1e-5, "LangChain4j's vectors differ from ours by " + worst);
        }
    }

    /**
     * A RoBERTa export (no token_type_ids input) of a model without a Normalize module: LangChain4j
     * still returns unit vectors, our un-normalized vectors scaled to length 1.
     */
    @Test
    void robertaExportWithoutNormalizationComesBackNormalized() throws Exception {
        Path dir = ArchitectureParityTest.TinyModels.write(tmp.resolve("roberta"),
                io.contrast4j.sentence.model.Architecture.ROBERTA, io.contrast4j.sentence.model.Pooling.MEAN, false, 3);
        try (SentenceModel m = io.contrast4j.sentence.Models.load(dir.toString(), Device.cpu())) {
            OnnxExporter.Export e = OnnxExporter.export(m, tmp.resolve("roberta-onnx"), "test");
            assertEquals(List.of("input_ids", "attention_mask"), e.inputs());
            OnnxEmbeddingModel lc = new OnnxEmbeddingModel(e.model(), e.dir().resolve(OnnxExporter.TOKENIZER_FILE),
                    PoolingMode.MEAN);
            double worst = 0;
            double norm = 0;
            for (String text : TEXTS) {
                float[] ours = m.embedBatch(m.tokenizer().encodeBatch(List.of(text)))[0];
                norm = Math.max(norm, Math.abs(length(ours) - 1));
                worst = Math.max(worst, maxAbsDiff(scaled(ours, 1 / length(ours)), lc.embed(text).content().vector()));
            }
            assertTrue(norm > 1e-2, "the model itself does not normalize");
            assertTrue(worst < 1e-5, "LangChain4j's vectors differ from ours normalized by " + worst);
        }
    }

    static double length(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static float[] scaled(float[] v, double f) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) (v[i] * f);
        }
        return o;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
