package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TestEncoders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentence-transformers files that shape a model's output: the Pooling module's flags, the
 * Normalize module, and the prompts of config_sentence_transformers.json, on a small real BERT whose
 * token states the test computes itself.
 */
class SentenceTransformersConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEXT = "Rain is expected tomorrow in the north.";

    @TempDir static Path shared;
    static Path base;

    @BeforeAll
    static void writeTinyModel() throws IOException {
        base = shared.resolve("tiny");
        try (SentenceModelTrainable tiny = (SentenceModelTrainable) TestEncoders.tiny(11)) {
            tiny.save(base);
        }
    }

    static Path copy(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.toList()) {
                Path t = target.resolve(base.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return target;
    }

    static void setPooling(Path dir, String flag, boolean includePrompt) throws IOException {
        ObjectNode pool = (ObjectNode) JSON.readTree(dir.resolve("1_Pooling/config.json").toFile());
        for (Pooling p : Pooling.values()) {
            pool.put(p.configKey(), p.configKey().equals(flag));
        }
        pool.put("include_prompt", includePrompt);
        JSON.writeValue(dir.resolve("1_Pooling/config.json").toFile(), pool);
    }

    /** The encoder's token states [tokens][dim] for one text, computed directly (no pooling). */
    static float[][] tokenStates(SentenceModel model, String text) {
        HfTokenizer.PaddedBatch batch = model.tokenizer().encodeBatch(List.of(text));
        try (NDManager m = model.manager().newSubManager()) {
            NDList inputs = SentenceModel.toInputs(m, batch);
            NDArray hidden = model.encoder().forward(new ParameterStore(m, false), inputs, false).head();
            float[] flat = hidden.toFloatArray();
            int dim = model.dimension();
            float[][] out = new float[batch.seqLength()][dim];
            for (int t = 0; t < out.length; t++) {
                System.arraycopy(flat, t * dim, out[t], 0, dim);
            }
            return out;
        }
    }

    static float[] embed(SentenceModel model, String text) {
        return new SentenceEncoder(model).embed(List.of(text))[0];
    }

    @Test
    void poolingModeComesFromThePoolingConfig(@TempDir Path dir) throws IOException {
        String[][] cases = {{"pooling_mode_cls_token", "CLS"}, {"pooling_mode_max_tokens", "MAX"},
            {"pooling_mode_lasttoken", "LAST_TOKEN"}, {"pooling_mode_mean_tokens", "MEAN"}};
        for (String[] c : cases) {
            Path folder = copy(dir.resolve(c[1]));
            setPooling(folder, c[0], true);
            try (SentenceModel model = Models.load(folder)) {
                assertEquals(Pooling.valueOf(c[1]), model.pooling());
                float[][] states = tokenStates(model, TEXT);
                float[] expected = new float[model.dimension()];
                for (int d = 0; d < expected.length; d++) {
                    float v = switch (model.pooling()) {
                        case CLS -> states[0][d];
                        case LAST_TOKEN -> states[states.length - 1][d];
                        case MAX -> {
                            float mx = Float.NEGATIVE_INFINITY;
                            for (float[] s : states) mx = Math.max(mx, s[d]);
                            yield mx;
                        }
                        default -> {
                            float sum = 0;
                            for (float[] s : states) sum += s[d];
                            yield sum / states.length;
                        }
                    };
                    expected[d] = v;
                }
                assertArrayEquals(expected, embed(model, TEXT), 1e-5f, c[1]);
            }
        }
        Path two = copy(dir.resolve("two"));
        ObjectNode pool = (ObjectNode) JSON.readTree(two.resolve("1_Pooling/config.json").toFile());
        pool.put("pooling_mode_cls_token", true);
        JSON.writeValue(two.resolve("1_Pooling/config.json").toFile(), pool);
        UserInputException e = assertThrows(UserInputException.class, () -> Models.load(two));
        assertTrue(e.getMessage().contains("more than one pooling mode"), e.getMessage());
    }

    @Test
    void normalizesOnlyWhenModulesJsonHasTheNormalizeModule(@TempDir Path dir) throws IOException {
        Path plain = copy(dir.resolve("plain"));
        Path normalized = copy(dir.resolve("normalized"));
        ArrayNode modules = (ArrayNode) JSON.readTree(normalized.resolve("modules.json").toFile());
        ObjectNode n = modules.addObject();
        n.put("idx", 2).put("name", "2").put("path", "2_Normalize").put("type", "sentence_transformers.models.Normalize");
        JSON.writeValue(normalized.resolve("modules.json").toFile(), modules);
        try (SentenceModel p = Models.load(plain); SentenceModel z = Models.load(normalized)) {
            assertFalse(p.normalize());
            assertTrue(z.normalize());
            float[] a = embed(p, TEXT);
            float[] b = embed(z, TEXT);
            double norm = 0;
            for (float v : a) norm += v * v;
            norm = Math.sqrt(norm);
            assertTrue(Math.abs(norm - 1) > 1e-3, "the tiny model's mean is not unit length: " + norm);
            for (int d = 0; d < a.length; d++) {
                assertEquals(a[d] / norm, b[d], 1e-6);
            }
        }
    }

    @Test
    void promptsFromConfigSentenceTransformers(@TempDir Path dir) throws IOException {
        Path e5 = copy(dir.resolve("e5"));
        writePrompts(e5, null);
        try (SentenceModel model = Models.load(e5)) {
            assertEquals("query: ", model.prompts().text("query"));
            assertNull(model.prompts().defaultPromptName());
            SentenceEncoder encoder = new SentenceEncoder(model);
            List<String> texts = List.of(TEXT, "how much protein should a female eat");
            float[][] query = encoder.encode(texts, "query");
            float[][] passage = encoder.encode(texts, "passage");
            float[][] byHand = encoder.embed(List.of("query: " + texts.get(0), "query: " + texts.get(1)));
            float[][] none = encoder.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(byHand[i], query[i], "prompt prepended to text " + i);
                assertFalse(java.util.Arrays.equals(query[i], passage[i]));
                assertFalse(java.util.Arrays.equals(query[i], none[i]), "no default prompt: text as given");
            }
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> encoder.encode(texts, "doc"));
            assertTrue(bad.getMessage().contains("query, passage"), bad.getMessage());
        }
        Path withDefault = copy(dir.resolve("default"));
        writePrompts(withDefault, "query");
        try (SentenceModel model = Models.load(withDefault); SentenceModel plain = Models.load(base)) {
            assertArrayEquals(embed(plain, "query: " + TEXT), embed(model, TEXT), "default prompt applied by embed()");
            assertArrayEquals(embed(plain, "passage: " + TEXT), new SentenceEncoder(model).encode(List.of(TEXT), "passage")[0]);
        }
    }

    @Test
    void promptLeftOutOfPoolingWhenIncludePromptIsFalse(@TempDir Path dir) throws IOException {
        Path folder = copy(dir.resolve("instructor"));
        writePrompts(folder, null);
        setPooling(folder, "pooling_mode_mean_tokens", false);
        try (SentenceModel model = Models.load(folder)) {
            assertFalse(model.prompts().includeInPooling());
            float[][] states = tokenStates(model, "query: " + TEXT);
            int skip = model.tokenizer().encode("query: ").length() - 1; // [CLS] query :
            assertEquals(3, skip);
            float[] expected = new float[model.dimension()];
            for (int d = 0; d < expected.length; d++) {
                float sum = 0;
                for (int t = skip; t < states.length; t++) sum += states[t][d];
                expected[d] = sum / (states.length - skip);
            }
            assertArrayEquals(expected, new SentenceEncoder(model).encode(List.of(TEXT), "query")[0], 1e-5f);
        }
    }

    @Test
    void savingKeepsPromptsAndPooling(@TempDir Path dir) throws IOException {
        Path folder = copy(dir.resolve("src"));
        writePrompts(folder, "passage");
        setPooling(folder, "pooling_mode_cls_token", false);
        try (SentenceModel model = Models.load(folder)) {
            HfModelFolder.save(model, dir.resolve("saved"));
        }
        JsonNode st = JSON.readTree(dir.resolve("saved/config_sentence_transformers.json").toFile());
        assertEquals("query: ", st.get("prompts").get("query").asText());
        assertEquals("passage", st.get("default_prompt_name").asText());
        JsonNode pool = JSON.readTree(dir.resolve("saved/1_Pooling/config.json").toFile());
        assertTrue(pool.get("pooling_mode_cls_token").asBoolean());
        assertFalse(pool.get("include_prompt").asBoolean());
        try (SentenceModel back = Models.load(dir.resolve("saved"))) {
            assertEquals(Pooling.CLS, back.pooling());
            assertEquals("passage", back.prompts().defaultPromptName());
            assertFalse(back.prompts().includeInPooling());
        }
    }

    @Test
    void badPromptConfigIsAOneLineError(@TempDir Path dir) throws IOException {
        Path folder = copy(dir.resolve("bad"));
        Files.writeString(folder.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"query: \"}, \"default_prompt_name\": \"doc\"}");
        UserInputException e = assertThrows(UserInputException.class, () -> Models.load(folder));
        assertTrue(e.getMessage().contains("config_sentence_transformers.json") && e.getMessage().contains("doc"), e.getMessage());
    }

    static void writePrompts(Path dir, String defaultName) throws IOException {
        ObjectNode st = JSON.createObjectNode();
        st.putObject("prompts").put("query", "query: ").put("passage", "passage: ");
        if (defaultName == null) {
            st.putNull("default_prompt_name");
        } else {
            st.put("default_prompt_name", defaultName);
        }
        JSON.writeValue(dir.resolve("config_sentence_transformers.json").toFile(), st);
    }
}
