package io.contrast4j.sentence.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.model.SentenceModel;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import io.contrast4j.sentence.train.TestEncoders;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads a small real BERT (2 layers, hidden 32, MiniLM's tokenizer; written with the project's
 * HF folder writer) from a Hub-shaped server on loopback into a fresh HuggingFace cache, and checks
 * the cache layout, re-use, offline mode, errors and interrupted downloads.
 */
class HubModelResolverTest {
    static final String REPO = "test-org/tiny-bert";
    static final List<String> TEXTS = List.of("A man is playing a guitar.", "", "Rain is expected tomorrow.");

    @TempDir static Path shared;
    static Path modelDir;

    @TempDir Path home;
    LoopbackHub server;

    @BeforeAll
    static void writeTinyModel() throws IOException {
        modelDir = shared.resolve("tiny");
        try (SentenceModelTrainable tiny = (SentenceModelTrainable) TestEncoders.tiny(7)) {
            tiny.save(modelDir);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new LoopbackHub(REPO, modelDir)
                .extra("pytorch_model.bin", new byte[4096])
                .extra("onnx/model.onnx", new byte[2048])
                .extra("README.md", "# tiny\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    HubSettings settings(String token, boolean offline) {
        return new HubSettings(URI.create(server.endpoint()), home.resolve("hub"), token, offline);
    }

    Path cacheRepo() {
        return home.resolve("hub").resolve("models--test-org--tiny-bert");
    }

    @Test
    void freshCacheGetsOnlyTheNeededFilesInTheHuggingFaceLayoutAndEncodesLikeTheFolder() throws IOException {
        Path snapshot = new HubModelResolver(settings(null, false)).resolve(REPO);

        assertEquals(cacheRepo().resolve("snapshots").resolve(server.commit), snapshot);
        assertEquals(server.commit, Files.readString(cacheRepo().resolve("refs/main")));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors",
                "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json")) {
            Path link = snapshot.resolve(f);
            assertTrue(Files.isSymbolicLink(link), f + " is a symlink");
            Path target = Files.readSymbolicLink(link);
            assertFalse(target.isAbsolute(), "relative link " + target);
            String etag = target.getFileName().toString();
            byte[] original = server.file(f);
            assertEquals(LoopbackHub.isLfs(f) ? LoopbackHub.sha256(original) : LoopbackHub.gitBlobSha1(original), etag, f);
            assertEquals(cacheRepo().resolve("blobs").resolve(etag), link.getParent().resolve(target).normalize());
            assertArrayEquals(original, Files.readAllBytes(link), f);
        }
        assertFalse(Files.exists(snapshot.resolve("pytorch_model.bin")), "unneeded weights are not fetched");
        assertFalse(Files.exists(snapshot.resolve("onnx")));
        assertTrue(Files.isRegularFile(snapshot.resolve("README.md")), "the model card (licence) comes along");
        assertFalse(server.downloads.contains("pytorch_model.bin"));
        try (Stream<Path> blobs = Files.list(cacheRepo().resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".incomplete")));
        }

        try (SentenceModel fromHub = HfModelFolder.load(snapshot, Device.cpu());
                SentenceModel local = HfModelFolder.load(modelDir, Device.cpu())) {
            assertEquals(REPO, fromHub.name());
            float[][] a = new SentenceEncoder(fromHub).embed(TEXTS);
            float[][] b = new SentenceEncoder(local).embed(TEXTS);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(b[i], a[i], "text " + i);
            }
        }
    }

    @Test
    void cachedModelIsNotDownloadedAgain() {
        Path first = new HubModelResolver(settings(null, false)).resolve(REPO);
        int downloads = server.downloads.size();
        int heads = server.heads.get();
        int api = server.apiCalls.get();

        // a branch: one model-info call to learn its commit, no file request
        Path again = new HubModelResolver(settings(null, false)).resolve(REPO + "@main");
        assertEquals(first, again);
        assertEquals(downloads, server.downloads.size());
        assertEquals(heads, server.heads.get());
        assertEquals(api + 1, server.apiCalls.get());

        // a commit whose snapshot is complete: no request at all
        Path byCommit = new HubModelResolver(settings(null, false)).resolve(REPO + "@" + server.commit);
        assertEquals(first, byCommit);
        assertEquals(api + 1, server.apiCalls.get());
        assertEquals(downloads, server.downloads.size());
    }

    @Test
    void offlineUsesTheCacheOnlyAndNamesAMissingModel() {
        HubException missing = assertThrows(HubException.class,
                () -> new HubModelResolver(settings(null, true)).resolve(REPO));
        assertOneLine(missing.getMessage());
        assertTrue(missing.getMessage().contains(REPO) && missing.getMessage().contains("HF_HUB_OFFLINE"), missing.getMessage());
        assertEquals(0, server.apiCalls.get() + server.heads.get() + server.downloads.size(), "offline: no request");

        Path online = new HubModelResolver(settings(null, false)).resolve(REPO);
        int requests = server.apiCalls.get() + server.heads.get() + server.downloads.size();
        assertEquals(online, new HubModelResolver(settings(null, true)).resolve(REPO));
        assertEquals(requests, server.apiCalls.get() + server.heads.get() + server.downloads.size(), "offline: no request");
    }

    @Test
    void unreachableHubFallsBackToTheCache() throws IOException {
        Path online = new HubModelResolver(settings(null, false)).resolve(REPO);
        server.close();
        assertEquals(online, new HubModelResolver(settings(null, false)).resolve(REPO));
        HubException e = assertThrows(HubException.class,
                () -> new HubModelResolver(settings(null, false)).resolve("test-org/other-model"));
        assertTrue(e.unreachable() && e.getMessage().contains("cannot reach"), e.getMessage());
        assertOneLine(e.getMessage());
    }

    @Test
    void badRevisionIsAOneLineError() {
        HubException e = assertThrows(HubException.class,
                () -> new HubModelResolver(settings(null, false)).resolve(REPO + "@no-such-branch"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("revision \"no-such-branch\"") && e.getMessage().contains(REPO), e.getMessage());
        assertOneLine(e.getMessage());
        assertFalse(Files.exists(cacheRepo().resolve("refs/no-such-branch")));
    }

    @Test
    void privateModelNeedsTheTokenWhichNeverShowsInMessages() throws IOException {
        String secret = "hf_SecretToken0123456789";
        server.requiredToken = secret;
        HubException anonymous = assertThrows(HubException.class,
                () -> new HubModelResolver(settings(null, false)).resolve(REPO));
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.getMessage().contains("HF_TOKEN"), anonymous.getMessage());
        assertOneLine(anonymous.getMessage());

        String wrong = "hf_WrongToken9876543210";
        HubException refused = assertThrows(HubException.class,
                () -> new HubModelResolver(settings(wrong, false)).resolve(REPO));
        assertEquals(401, refused.status());
        assertTrue(refused.getMessage().contains("HF_TOKEN") && !refused.getMessage().contains(wrong), refused.getMessage());

        // the token file that `huggingface-cli login` writes, found through HF_HOME
        Path hfHome = home.resolve("hf-home");
        Files.createDirectories(hfHome);
        Files.writeString(hfHome.resolve("token"), secret + "\n");
        HubSettings fromEnv = HubSettings.from(Map.of("HF_HOME", hfHome.toString(), "HF_ENDPOINT", server.endpoint()), home);
        assertEquals(secret, fromEnv.token());
        assertFalse(fromEnv.toString().contains(secret));
        Path snapshot = new HubModelResolver(fromEnv).resolve(REPO);
        assertTrue(Files.isRegularFile(snapshot.resolve("model.safetensors")));
        assertTrue(snapshot.startsWith(hfHome.resolve("hub")), "cache under $HF_HOME/hub");
        assertTrue(server.storageAuthorization.isEmpty(), "the token is not sent to the storage host");
    }

    @Test
    void downloadCutMidFileResumesWithARangeRequest() throws IOException {
        int size = server.file("model.safetensors").length;
        server.cutAfter = size / 3;
        Path snapshot = new HubModelResolver(settings(null, false)).resolve(REPO);
        // One Range request from the bytes kept: at most where the server cut, and more than nothing.
        // (java.net.http may drop the last bytes it had received when the body ends early, so the
        // kept part can be a few KiB short of the cut; the resume starts exactly at what was kept.)
        assertEquals(1, server.ranges.size(), "one resumed request: " + server.ranges);
        long resumedAt = Long.parseLong(server.ranges.get(0).replaceAll("bytes=(\\d+)-", "$1"));
        assertTrue(resumedAt > 0 && resumedAt <= size / 3, "resumed at " + resumedAt + ", cut at " + size / 3);
        assertArrayEquals(server.file("model.safetensors"), Files.readAllBytes(snapshot.resolve("model.safetensors")));
        assertLoads(snapshot);
    }

    @Test
    void stalledDownloadIsDroppedAndResumed() throws IOException {
        int size = server.file("model.safetensors").length;
        server.cutAfter = size / 2;
        server.stallInsteadOfClose = true;
        long t0 = System.nanoTime();
        Path snapshot = new HubModelResolver(settings(null, false), java.time.Duration.ofMillis(500)).resolve(REPO);
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "the stall is noticed long before the peer gives up");
        assertEquals(List.of("bytes=" + size / 2 + "-"), server.ranges);
        assertArrayEquals(server.file("model.safetensors"), Files.readAllBytes(snapshot.resolve("model.safetensors")));
    }

    @Test
    void modelsLoadTakesAHubIdFromTheEnvironment() {
        System.setProperty("HF_ENDPOINT", server.endpoint());
        System.setProperty("HF_HUB_CACHE", home.resolve("props-cache").toString());
        try (SentenceModel model = io.contrast4j.sentence.Models.load("test-org/tiny-bert", Device.cpu());
                SentenceModel local = HfModelFolder.load(modelDir, Device.cpu())) {
            assertEquals(REPO, model.name());
            assertArrayEquals(new SentenceEncoder(local).embed(TEXTS)[0], new SentenceEncoder(model).embed(TEXTS)[0]);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> io.contrast4j.sentence.Models.load("test-org/absent", Device.cpu()));
            assertTrue(e.getMessage().contains("no folder \"test-org/absent\"") && e.getMessage().contains("HF_TOKEN"),
                    e.getMessage());
            assertOneLine(e.getMessage());
        } finally {
            System.clearProperty("HF_ENDPOINT");
            System.clearProperty("HF_HUB_CACHE");
        }
    }

    @Test
    void leftoverIncompleteFileIsResumedOrRestartedWhenItsBytesAreWrong() throws IOException {
        byte[] weights = server.file("model.safetensors");
        String sha = LoopbackHub.sha256(weights);
        Path blobs = Files.createDirectories(cacheRepo().resolve("blobs"));
        // a previous run stopped half way: resume from there
        Files.write(blobs.resolve(sha + ".incomplete"), Arrays.copyOf(weights, weights.length / 2));
        Path snapshot = new HubModelResolver(settings(null, false)).resolve(REPO);
        assertEquals(List.of("bytes=" + weights.length / 2 + "-"), server.ranges);
        assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("model.safetensors")));

        // a corrupt leftover: the sha256 check fails, the file is fetched again from byte 0
        Path other = home.resolve("other-cache");
        Path otherBlobs = Files.createDirectories(other.resolve("models--test-org--tiny-bert/blobs"));
        byte[] junk = new byte[weights.length / 2];
        Arrays.fill(junk, (byte) 7);
        Files.write(otherBlobs.resolve(sha + ".incomplete"), junk);
        server.ranges.clear();
        int fetchedBefore = (int) server.downloads.stream().filter(sha::equals).count();
        Path snap2 = new HubModelResolver(new HubSettings(URI.create(server.endpoint()), other, null, false)).resolve(REPO);
        assertArrayEquals(weights, Files.readAllBytes(snap2.resolve("model.safetensors")));
        assertEquals(2, server.downloads.stream().filter(sha::equals).count() - fetchedBefore, "resumed, then restarted");
        assertFalse(Files.exists(otherBlobs.resolve(sha + ".incomplete")));
    }

    @Test
    void serverIgnoringRangeRestartsCleanly() throws IOException {
        byte[] weights = server.file("model.safetensors");
        server.cutAfter = weights.length / 4;
        server.ignoreRange = true;
        Path snapshot = new HubModelResolver(settings(null, false)).resolve(REPO);
        assertEquals(1, server.ranges.size(), "asked to resume once");
        assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("model.safetensors")));
    }

    @Test
    void repositoryWithoutSafetensorsIsNamedBeforeAnyDownload() throws IOException {
        Path binOnly = home.resolve("bin-only");
        Files.createDirectories(binOnly);
        for (String f : List.of("config.json", "tokenizer.json")) {
            Files.copy(modelDir.resolve(f), binOnly.resolve(f));
        }
        Files.write(binOnly.resolve("pytorch_model.bin"), new byte[100]);
        try (LoopbackHub bin = new LoopbackHub("test-org/bin-only", binOnly)) {
            UserInputException e = assertThrows(UserInputException.class, () -> new HubModelResolver(
                    new HubSettings(URI.create(bin.endpoint()), home.resolve("hub"), null, false)).resolve("test-org/bin-only"));
            assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("pytorch_model.bin"), e.getMessage());
            assertOneLine(e.getMessage());
            assertTrue(bin.downloads.isEmpty(), "nothing downloaded");
        }
    }

    private static void assertLoads(Path snapshot) {
        try (SentenceModel m = HfModelFolder.load(snapshot, Device.cpu())) {
            float[][] v = new SentenceEncoder(m).embed(TEXTS);
            assertEquals(TEXTS.size(), v.length);
            assertEquals(32, v[0].length);
        }
    }

    static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertTrue(message.length() < 400, message);
    }
}
