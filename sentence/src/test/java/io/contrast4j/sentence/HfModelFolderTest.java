package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving minilm as a HuggingFace / sentence-transformers folder and loading it back. */
class HfModelFolderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TEXTS = List.of("A man is playing a guitar.", "", "Rain is expected tomorrow.",
            "word ".repeat(400));

    @TempDir static Path shared;
    static Path saved;

    @BeforeAll
    static void saveMiniLm() throws IOException {
        saved = shared.resolve("minilm");
        HfModelFolder.save(TestModels.minilm(), saved);
    }

    @Test
    void writesTheFilesSentenceTransformersReads() throws IOException {
        for (String f : new String[] {"config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors",
                "modules.json", "sentence_bert_config.json", "1_Pooling/config.json"}) {
            assertTrue(Files.isRegularFile(saved.resolve(f)), f);
        }
        assertTrue(Files.isDirectory(saved.resolve("2_Normalize")));
        JsonNode modules = JSON.readTree(saved.resolve("modules.json").toFile());
        assertEquals("sentence_transformers.models.Transformer", modules.get(0).get("type").asText());
        assertEquals("", modules.get(0).get("path").asText());
        assertEquals("1_Pooling", modules.get(1).get("path").asText());
        assertEquals("sentence_transformers.models.Normalize", modules.get(2).get("type").asText());
        assertEquals(256, JSON.readTree(saved.resolve("sentence_bert_config.json").toFile()).get("max_seq_length").asInt());
        JsonNode pool = JSON.readTree(saved.resolve("1_Pooling/config.json").toFile());
        assertTrue(pool.get("pooling_mode_mean_tokens").asBoolean());
        assertFalse(pool.get("pooling_mode_cls_token").asBoolean());
        assertEquals(384, pool.get("word_embedding_dimension").asInt());
        JsonNode config = JSON.readTree(saved.resolve("config.json").toFile());
        assertEquals("bert", config.get("model_type").asText());
        assertEquals(1536, config.get("intermediate_size").asInt());
        JsonNode tok = JSON.readTree(saved.resolve("tokenizer.json").toFile());
        assertTrue(tok.get("padding").isNull(), "no fixed padding in the saved tokenizer");
        assertEquals(256, tok.get("truncation").get("max_length").asInt());
    }

    @Test
    void loadsBackWithIdenticalOutputs() {
        SentenceModel original = TestModels.minilm();
        try (SentenceModel back = HfModelFolder.load(saved, Device.cpu())) {
            assertEquals(Pooling.MEAN, back.pooling());
            assertTrue(back.normalize());
            assertEquals(256, back.maxSeqLength());
            float[][] a = new SentenceEncoder(original).embed(TEXTS);
            float[][] b = new SentenceEncoder(back).embed(TEXTS);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], "text " + i);
            }
        }
    }

    @Test
    void plainHfFolderLoadsWithMeanPoolingAndNoNormalization(@TempDir Path dir) throws IOException {
        for (String f : new String[] {"config.json", "tokenizer.json", "model.safetensors"}) {
            Files.copy(saved.resolve(f), dir.resolve(f));
        }
        try (SentenceModel plain = Models.load(dir)) {
            assertEquals(Pooling.MEAN, plain.pooling());
            assertFalse(plain.normalize());
            assertEquals(512, plain.maxSeqLength());
            float[] v = new SentenceEncoder(plain).embed(List.of("A man is playing a guitar."))[0];
            float[] n = new SentenceEncoder(TestModels.minilm()).embed(List.of("A man is playing a guitar."))[0];
            assertEquals(1.0, TestModels.cosine(v, n), 1e-6, "same direction, not unit length");
        }
    }

    @Test
    void missingOrCorruptFoldersAreUserErrors(@TempDir Path dir) throws IOException {
        assertError(() -> Models.load(dir.resolve("nope").toString()), "nope");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertError(() -> Models.load(empty), "config.json");

        Path noWeights = copyOf(dir.resolve("noweights"));
        Files.delete(noWeights.resolve("model.safetensors"));
        assertError(() -> Models.load(noWeights), "model.safetensors");

        Path badJson = copyOf(dir.resolve("badjson"));
        Files.writeString(badJson.resolve("config.json"), "{\"hidden_size\": ");
        assertError(() -> Models.load(badJson), "config.json");

        Path truncated = copyOf(dir.resolve("truncated"));
        byte[] w = Files.readAllBytes(truncated.resolve("model.safetensors"));
        Files.write(truncated.resolve("model.safetensors"), Arrays.copyOf(w, w.length / 2));
        assertError(() -> Models.load(truncated), "model.safetensors");

        Path noTok = copyOf(dir.resolve("notok"));
        Files.delete(noTok.resolve("tokenizer.json"));
        assertError(() -> Models.load(noTok), "tokenizer.json");
    }

    @Test
    void configThatDoesNotMatchTheWeightsNamesTensorAndShapes(@TempDir Path dir) throws IOException {
        Path wide = copyOf(dir.resolve("wide"));
        ObjectNode c = (ObjectNode) JSON.readTree(wide.resolve("config.json").toFile());
        c.put("intermediate_size", 1024);
        JSON.writeValue(wide.resolve("config.json").toFile(), c);
        UserInputException e = assertError(() -> Models.load(wide), "encoder.layer.0.intermediate.dense.weight");
        assertTrue(e.getMessage().contains("[1536, 384]") && e.getMessage().contains("(1024, 384)"), e.getMessage());

        Path deep = copyOf(dir.resolve("deep"));
        c = (ObjectNode) JSON.readTree(deep.resolve("config.json").toFile());
        c.put("num_hidden_layers", 7);
        JSON.writeValue(deep.resolve("config.json").toFile(), c);
        assertError(() -> Models.load(deep), "encoder.layer.6.");

        Path heads = copyOf(dir.resolve("heads"));
        c = (ObjectNode) JSON.readTree(heads.resolve("config.json").toFile());
        c.put("num_attention_heads", 5);
        JSON.writeValue(heads.resolve("config.json").toFile(), c);
        assertError(() -> Models.load(heads), "num_attention_heads");
    }

    private static Path copyOf(Path target) throws IOException {
        Files.createDirectories(target.resolve("1_Pooling"));
        Files.createDirectories(target.resolve("2_Normalize"));
        for (String f : new String[] {"config.json", "tokenizer.json", "model.safetensors", "modules.json",
                "sentence_bert_config.json", "1_Pooling/config.json"}) {
            Files.copy(saved.resolve(f), target.resolve(f));
        }
        return target;
    }

    private static UserInputException assertError(org.junit.jupiter.api.function.Executable call, String mention) {
        UserInputException e = assertThrows(UserInputException.class, call);
        assertTrue(e.getMessage().contains(mention), "message should mention " + mention + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }
}
