package io.contrast4j.sentence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.weights.Safetensors;
import io.contrast4j.sentence.weights.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX export of all-MiniLM-L6-v2 and of a model folder written here, run by ONNX Runtime, against
 * our DJL encoder on the same token ids: token states and sentence vectors within 1e-5.
 */
class OnnxExporterTest {
    static final double TOLERANCE = 1e-5;
    /**
     * States at padding positions are computed (the graph is dense) but read by no pooling; there the
     * two engines' rounding drifts further apart (1.1e-4 measured on minilm), so they get a looser bound.
     */
    static final double PADDING_TOLERANCE = 1e-3;

    static final List<String> TEXTS = List.of(
            "A man is playing a guitar.",
            "A person plays an instrument.",
            "",
            "The quick brown fox jumps over the lazy dog while the cat watches from the window sill.",
            "Ünïcödé, emojis 🙂 and CJK 漢字 are tokenized too!",
            "Contrastive learning pulls positives together and pushes negatives apart. ".repeat(40));

    @TempDir static Path tmp;
    static SentenceModel minilm;
    static OnnxExporter.Export export;
    static OrtEncoder ort;

    @BeforeAll
    static void exportMiniLm() throws Exception {
        minilm = MiniLm.load(Device.cpu());
        export = OnnxExporter.export(minilm, tmp.resolve("minilm-onnx"), "test");
        ort = new OrtEncoder(export.model());
    }

    @AfterAll
    static void close() throws Exception {
        ort.close();
        minilm.close();
    }

    @Test
    void minilmExportMatchesTheDjlEncoder() throws Exception {
        HfTokenizer.PaddedBatch batch = minilm.tokenizer().encodeBatch(TEXTS);
        assertEquals(256, batch.seqLength(), "the long text is truncated at 256, so the batch is padded to 256");
        OrtEncoder.Outputs o = ort.run(batch);
        float[][][] djl = minilm.tokenStates(batch);
        double tokens = OrtEncoder.maxAbsDiffAtTokens(djl, o.tokenStates(), batch.attentionMask());
        double all = OrtEncoder.maxAbsDiff(djl, o.tokenStates());
        double vectors = OrtEncoder.maxAbsDiff(minilm.embedBatch(batch), o.sentenceEmbeddings());
        System.out.printf("minilm export: max |DJL - ORT| token states %.2e (padding positions included %.2e),"
                + " sentence vectors %.2e%n", tokens, all, vectors);
        assertTrue(tokens < TOLERANCE, "token states differ by " + tokens);
        assertTrue(all < PADDING_TOLERANCE, "token states at padding positions differ by " + all);
        assertTrue(vectors < TOLERANCE, "sentence vectors differ by " + vectors);
    }

    @Test
    void batchAndSequenceAxesAreDynamic() throws Exception {
        Map<String, NodeInfo> inputs = ort.session().getInputInfo();
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), new ArrayList<>(inputs.keySet()));
        for (NodeInfo in : inputs.values()) {
            TensorInfo t = (TensorInfo) in.getInfo();
            assertEquals(ai.onnxruntime.OnnxJavaType.INT64, t.type);
            assertTrue(Arrays.equals(new long[] {-1, -1}, t.getShape()), in.getName() + " " + Arrays.toString(t.getShape()));
        }
        assertEquals(List.of("last_hidden_state", "sentence_embedding"), new ArrayList<>(ort.session().getOutputNames()));
        // one session, three batch shapes
        for (List<String> texts : List.of(List.of("one"), List.of("two texts", "of different lengths here"),
                TEXTS.subList(0, 4))) {
            HfTokenizer.PaddedBatch b = minilm.tokenizer().encodeBatch(texts);
            OrtEncoder.Outputs o = ort.run(b);
            assertEquals(b.batchSize(), o.sentenceEmbeddings().length);
            assertEquals(b.seqLength(), o.tokenStates()[0].length);
            assertTrue(OrtEncoder.maxAbsDiff(minilm.embedBatch(b), o.sentenceEmbeddings()) < TOLERANCE);
        }
    }

    @Test
    void folderHasTheTokenizerAndPoolingConfig() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode tok = json.readTree(export.dir().resolve("tokenizer.json").toFile());
        assertTrue(tok.get("padding").isNull());
        assertEquals(256, tok.path("truncation").path("max_length").asInt());
        JsonNode pool = json.readTree(export.dir().resolve("1_Pooling/config.json").toFile());
        assertTrue(pool.path("pooling_mode_mean_tokens").asBoolean());
        assertFalse(pool.path("pooling_mode_cls_token").asBoolean());
        assertEquals("bert", json.readTree(export.dir().resolve("config.json").toFile()).path("model_type").asText());
        // the bytes written are the bytes ORT reads, and the weights are the same floats
        assertEquals(Files.size(export.model()), export.modelBytes());
        Map<String, Tensor> reread = io.contrast4j.sentence.weights.OnnxGraph.parse(Files.readAllBytes(export.model()))
                .initializers();
        Tensor q = reread.get("encoder.layer.3.attention.self.query.weight");
        assertTrue(Arrays.equals(MiniLm.weights().get("encoder.layer.3.attention.self.query.weight").data(), q.data()));
    }

    /**
     * A model folder written by this project (minilm saved, weights perturbed with seeded noise as a
     * stand-in for training, max pooling without normalization) exports and runs the same in ORT.
     */
    @Test
    void perturbedFolderWithMaxPoolingExportsExactly() throws Exception {
        Path dir = tmp.resolve("perturbed");
        HfModelFolder.save(minilm, dir);
        Map<String, Tensor> weights = Safetensors.read(dir.resolve("model.safetensors")).tensors();
        Random rnd = new Random(7);
        List<Tensor> perturbed = new ArrayList<>();
        for (Tensor t : weights.values()) {
            float[] d = t.data().clone();
            for (int i = 0; i < d.length; i++) {
                d[i] += (float) (0.02 * rnd.nextGaussian());
            }
            perturbed.add(new Tensor(t.name(), t.shape(), d));
        }
        Safetensors.write(dir.resolve("model.safetensors"), perturbed, Map.of("format", "pt"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode pool = (ObjectNode) json.readTree(dir.resolve("1_Pooling/config.json").toFile());
        pool.put("pooling_mode_mean_tokens", false);
        pool.put("pooling_mode_max_tokens", true);
        json.writeValue(dir.resolve("1_Pooling/config.json").toFile(), pool);
        Files.writeString(dir.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]""");
        try (SentenceModel m = Models.load(dir.toString(), Device.cpu())) {
            assertEquals(Pooling.MAX, m.pooling());
            assertFalse(m.normalize());
            OnnxExporter.Export e = OnnxExporter.export(m, tmp.resolve("perturbed-onnx"), "test");
            try (OrtEncoder o = new OrtEncoder(e.model())) {
                HfTokenizer.PaddedBatch batch = m.tokenizer().encodeBatch(TEXTS);
                OrtEncoder.Outputs out = o.run(batch);
                float[][] djl = m.embedBatch(batch);
                double tokens = OrtEncoder.maxAbsDiffAtTokens(m.tokenStates(batch), out.tokenStates(),
                        batch.attentionMask());
                double vectors = OrtEncoder.maxAbsDiff(djl, out.sentenceEmbeddings());
                System.out.printf("perturbed minilm (max pooling): token states %.2e, sentence vectors %.2e%n",
                        tokens, vectors);
                assertTrue(tokens < TOLERANCE, "token states differ by " + tokens);
                assertTrue(vectors < TOLERANCE, "sentence vectors differ by " + vectors);
                // the perturbation changed the model: its token states are not minilm's
                double moved = OrtEncoder.maxAbsDiff(m.tokenStates(batch), minilm.tokenStates(batch));
                assertTrue(moved > 1e-2, "perturbed model should differ from minilm, max diff " + moved);
            }
        }
    }
}
