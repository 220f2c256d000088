package io.contrast4j.sentence.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables huggingface_hub reads, and model ids. */
class HubSettingsTest {
    @TempDir Path home;

    @Test
    void defaultsFollowHuggingfaceHub() {
        HubSettings s = HubSettings.from(Map.of(), home);
        assertEquals("https://huggingface.co", s.endpoint().toString());
        assertEquals(home.resolve(".cache/huggingface/hub"), s.cacheDir());
        assertNull(s.token());
        assertFalse(s.offline());
    }

    @Test
    void variablesOverrideInHuggingfaceHubsOrder() throws IOException {
        Path hf = home.resolve("hf");
        assertEquals(hf.resolve("hub"), HubSettings.from(Map.of("HF_HOME", hf.toString()), home).cacheDir());
        assertEquals(home.resolve("xdg/huggingface/hub"),
                HubSettings.from(Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()), home).cacheDir());
        assertEquals(home.resolve("c"), HubSettings.from(Map.of("HF_HOME", hf.toString(), "HF_HUB_CACHE",
                home.resolve("c").toString()), home).cacheDir());
        assertEquals("http://127.0.0.1:9", HubSettings.from(Map.of("HF_ENDPOINT", "http://127.0.0.1:9/"), home)
                .endpoint().toString());
        for (String on : new String[] {"1", "true", "YES", "on"}) {
            assertTrue(HubSettings.from(Map.of("HF_HUB_OFFLINE", on), home).offline(), on);
        }
        assertFalse(HubSettings.from(Map.of("HF_HUB_OFFLINE", "0"), home).offline());

        Files.createDirectories(hf);
        Files.writeString(hf.resolve("token"), "hf_fromFile\n");
        assertEquals("hf_fromFile", HubSettings.from(Map.of("HF_HOME", hf.toString()), home).token());
        HubSettings env = HubSettings.from(Map.of("HF_HOME", hf.toString(), "HF_TOKEN", "hf_fromEnv"), home);
        assertEquals("hf_fromEnv", env.token(), "HF_TOKEN wins over the token file");
        assertFalse(env.toString().contains("hf_fromEnv"));
    }

    @Test
    void modelIds() {
        HubModelId id = HubModelId.parse("sentence-transformers/all-mpnet-base-v2@v1.0");
        assertEquals("sentence-transformers/all-mpnet-base-v2", id.repo());
        assertEquals("v1.0", id.revision());
        assertEquals("models--sentence-transformers--all-mpnet-base-v2", id.cacheFolderName());
        assertEquals("main", HubModelId.parse("intfloat/e5-base-v2").revision());
        assertTrue(HubModelId.looksLikeId("xlm-roberta-base"));
        assertTrue(HubModelId.parse("a/b@" + "0".repeat(40)).revisionIsCommit());
        for (String bad : new String[] {"/abs/path", "a/b/c", "../x", "a--b/c", "./model", "a/b@", "a b/c", "minilm/"}) {
            assertFalse(HubModelId.looksLikeId(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> HubModelId.parse("a/b/c"));
    }
}
