package io.contrast4j.sentence.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.model.Architecture;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.BertEncoder;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.weights.Safetensors;
import io.contrast4j.sentence.weights.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each architecture as a tiny random model folder (2 layers, hidden 32, 4 heads; HF weight names,
 * written with our safetensors writer, MiniLM's tokenizer), loaded by {@link Models}, run by our DJL
 * encoder and by ONNX Runtime on our own ONNX export of the same weights: token states and sentence
 * vectors within 1e-5.
 *
 * <p>What this checks and what it does not: the two are independent executions (libtorch kernels vs
 * ORT's, and our export writes every op anew), so a wrong reshape, a missing bias, a mis-mapped weight
 * name or a wrong graph op shows up; but both follow our reading of HF's modeling files, so a
 * misreading shared by both (e.g. the position offset itself) is not caught here. That is what the
 * reference outputs from transformers ({@code ReferenceOutputsTest}) are for.
 */
class ArchitectureParityTest {
    static final double TOLERANCE = 1e-5;

    static final List<String> TEXTS = List.of(
            "A man is playing a guitar.",
            "",
            "Relative positions matter: this sentence is long enough for MPNet's logarithmic buckets, which start"
                    + " at a distance of eight tokens and reach out to one hundred and twenty-eight, to be used.",
            "short one");

    @TempDir Path tmp;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void djlAndOnnxRuntimeAgreeOnATinyRandomModel(Architecture arch) throws Exception {
        Pooling pooling = switch (arch) {
            case DISTILBERT -> Pooling.CLS;
            case MPNET -> Pooling.MAX;
            default -> Pooling.MEAN;
        };
        Path dir = TinyModels.write(tmp.resolve(arch.modelType()), arch, pooling, arch != Architecture.MPNET, 11);
        try (SentenceModel m = Models.load(dir.toString(), Device.cpu())) {
            assertEquals(arch, m.config().architecture());
            assertEquals(pooling, m.pooling());
            OnnxExporter.Export e = OnnxExporter.export(m, tmp.resolve(arch.modelType() + "-onnx"), "test");
            String keep = System.getProperty("contrast4j.keepExports"); // for bench/models/check-onnx.py
            if (keep != null) {
                Files.createDirectories(Path.of(keep));
                Files.copy(e.model(), Path.of(keep, arch.modelType() + ".onnx"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (OrtEncoder ort = new OrtEncoder(e.model())) {
                assertEquals(OnnxExporter.inputNames(m), new ArrayList<>(ort.session().getInputNames()));
                HfTokenizer.PaddedBatch batch = m.tokenizer().encodeBatch(TEXTS);
                assertTrue(batch.seqLength() > 30, "long enough for far relative buckets: " + batch.seqLength());
                compare(arch + " tokenizer batch", m, ort, batch);
                if (arch.positionsFromPadding()) {
                    // padding with the model's own pad id, on the left: positions must skip it
                    compare(arch + " left-padded batch", m, ort, leftPadded(m, (int) m.config().positionPaddingIndex()));
                }
            }
        }
    }

    /**
     * HF's RoBERTa/MPNet positions count real tokens only, so left padding with the pad id leaves a
     * text's token states unchanged; BERT's arange positions do not (the control that shows the check
     * can fail).
     */
    @ParameterizedTest
    @EnumSource(value = Architecture.class, names = {"BERT", "ROBERTA", "MPNET"})
    void leftPaddingChangesNothingOnlyWherePositionsSkipPadding(Architecture arch) throws Exception {
        Path dir = TinyModels.write(tmp.resolve(arch.modelType()), arch, Pooling.MEAN, true, 5);
        try (SentenceModel m = Models.load(dir.toString(), Device.cpu())) {
            int pad = arch.positionsFromPadding() ? m.config().positionPaddingIndex() : m.config().padTokenId();
            HfTokenizer.PaddedBatch padded = leftPadded(m, pad);
            float[][][] states = m.tokenStates(padded);
            HfTokenizer.Encoded alone = m.tokenizer().encode(TEXTS.get(0));
            float[][][] single = m.tokenStates(new HfTokenizer.PaddedBatch(1, alone.length(), alone.ids(),
                    ones(alone.length()), new long[alone.length()]));
            int offset = padded.seqLength() - alone.length(); // row 0 holds TEXTS[0], left-padded
            double diff = 0;
            for (int t = 0; t < alone.length(); t++) {
                diff = Math.max(diff, OrtEncoder.maxAbsDiff(new float[][] {single[0][t]},
                        new float[][] {states[0][offset + t]}));
            }
            if (arch.positionsFromPadding()) {
                assertTrue(diff < TOLERANCE, arch + ": left padding changed token states by " + diff);
            } else {
                assertTrue(diff > 1e-3, arch + ": arange positions should shift under left padding, diff " + diff);
            }
        }
    }

    /** HfModelFolder.save writes each architecture back under its own names and config; reloading gives the same vectors. */
    @ParameterizedTest
    @EnumSource(Architecture.class)
    void savedFolderReloadsBitIdentically(Architecture arch) throws Exception {
        Path dir = TinyModels.write(tmp.resolve(arch.modelType()), arch, Pooling.MEAN, true, 3);
        try (SentenceModel m = Models.load(dir.toString(), Device.cpu())) {
            Path saved = tmp.resolve(arch.modelType() + "-saved");
            io.contrast4j.sentence.HfModelFolder.save(m, saved);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(arch.modelType(), json.readTree(saved.resolve("config.json").toFile()).path("model_type").asText());
            String tokenizerClass = json.readTree(saved.resolve("tokenizer_config.json").toFile()).path("tokenizer_class").asText();
            assertEquals(switch (arch) {
                case BERT -> "BertTokenizer";
                case ROBERTA -> "RobertaTokenizer";
                case XLM_ROBERTA -> "XLMRobertaTokenizer";
                case DISTILBERT -> "DistilBertTokenizer";
                case MPNET -> "MPNetTokenizer";
            }, tokenizerClass, arch + ": AutoTokenizer picks the tokenizer by this class");
            Map<String, Tensor> names = Safetensors.read(saved.resolve("model.safetensors")).tensors();
            String probe = switch (arch) {
                case DISTILBERT -> "transformer.layer.1.ffn.lin2.weight";
                case MPNET -> "encoder.relative_attention_bias.weight";
                default -> "encoder.layer.1.attention.self.query.weight";
            };
            assertTrue(names.containsKey(probe), arch + " saved without " + probe + ": " + names.keySet());
            try (SentenceModel back = Models.load(saved.toString(), Device.cpu())) {
                HfTokenizer.PaddedBatch b = m.tokenizer().encodeBatch(TEXTS);
                assertEquals(0.0, OrtEncoder.maxAbsDiff(m.embedBatch(b), back.embedBatch(b)));
            }
        }
    }

    private static void compare(String what, SentenceModel m, OrtEncoder ort, HfTokenizer.PaddedBatch batch)
            throws Exception {
        OrtEncoder.Outputs o = ort.run(batch);
        double tokens = OrtEncoder.maxAbsDiffAtTokens(m.tokenStates(batch), o.tokenStates(), batch.attentionMask());
        double vectors = OrtEncoder.maxAbsDiff(m.embedBatch(batch), o.sentenceEmbeddings());
        System.out.printf("%s: max |DJL - ORT| token states %.2e, sentence vectors %.2e%n", what, tokens, vectors);
        assertTrue(tokens < TOLERANCE, what + ": token states differ by " + tokens);
        assertTrue(vectors < TOLERANCE, what + ": sentence vectors differ by " + vectors);
    }

    /** The texts, each left-padded with {@code pad} to the longest (mask 0 there). */
    static HfTokenizer.PaddedBatch leftPadded(SentenceModel m, int pad) {
        List<HfTokenizer.Encoded> enc = m.tokenizer().encodeAll(TEXTS);
        int seq = enc.stream().mapToInt(HfTokenizer.Encoded::length).max().orElseThrow();
        long[] ids = new long[enc.size() * seq];
        long[] mask = new long[ids.length];
        Arrays.fill(ids, pad);
        for (int r = 0; r < enc.size(); r++) {
            long[] e = enc.get(r).ids();
            int start = r * seq + seq - e.length;
            System.arraycopy(e, 0, ids, start, e.length);
            Arrays.fill(mask, start, start + e.length, 1);
        }
        return new HfTokenizer.PaddedBatch(enc.size(), seq, ids, mask, new long[ids.length]);
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** Tiny random HF model folders of each architecture. */
    static final class TinyModels {
        private TinyModels() {}

        static Path write(Path dir, Architecture arch, Pooling pooling, boolean normalize, long seed) throws Exception {
            Files.createDirectories(dir.resolve("1_Pooling"));
            BertConfig config = new BertConfig(30522, 32, 2, 4, 64, 66, 2, 1e-12, 0.1, 0.1, 0).withArchitecture(arch);
            if (arch.positionsFromPadding() && arch != Architecture.MPNET) {
                // RoBERTa's own pad id (1), so positions start at 2 as in roberta-base
                config = new BertConfig(config.vocabSize(), config.hiddenSize(), config.numHiddenLayers(),
                        config.numAttentionHeads(), config.intermediateSize(), config.maxPositionEmbeddings(), 1,
                        1e-5, 0.1, 0.1, 1, arch, 0);
            }
            Files.writeString(dir.resolve("config.json"), config.toJson().toString());
            Random rnd = new Random(seed);
            List<Tensor> tensors = new ArrayList<>();
            BertEncoder shapes = new BertEncoder(config);
            shapes.namedParameters().forEach((name, p) -> {
                long[] shape = p.getShape().getShape();
                int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                float[] d = new float[n];
                boolean norm = name.contains("LayerNorm") || name.contains("layer_norm");
                for (int i = 0; i < n; i++) {
                    double g = rnd.nextGaussian();
                    d[i] = (float) (norm && name.endsWith(".weight") ? 1 + 0.1 * g
                            : name.endsWith(".bias") ? 0.1 * g
                            : name.contains("relative_attention_bias") ? 0.5 * g : 0.2 * g);
                }
                // task-head checkpoints carry a prefix ("distilbert.", "roberta."); the loader strips it
                String stored = arch == Architecture.DISTILBERT || arch == Architecture.ROBERTA
                        ? arch.checkpointPrefix() + name : name;
                tensors.add(new Tensor(stored, shape, d));
            });
            Safetensors.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
            try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(MiniLm.TOKENIZER_RESOURCE)) {
                Files.write(dir.resolve("tokenizer.json"), in.readAllBytes());
            }
            StringBuilder pool = new StringBuilder("{\"word_embedding_dimension\": 32");
            for (Pooling p : Pooling.values()) {
                pool.append(", \"").append(p.configKey()).append("\": ").append(p == pooling);
            }
            Files.writeString(dir.resolve("1_Pooling/config.json"), pool.append("}").toString());
            Files.writeString(dir.resolve("modules.json"), """
                    [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                     {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}"""
                    + (normalize ? ",\n {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Normalize\", \"type\":"
                            + " \"sentence_transformers.models.Normalize\"}" : "") + "]");
            return dir;
        }
    }
}
