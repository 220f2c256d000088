package io.contrast4j.cli.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.contrast4j.cli.CliRun;
import io.contrast4j.core.io.NpyReader;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.train.SentenceModelTrainable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encode --model ORG/NAME} against a HuggingFace cache laid out as Python's huggingface_hub
 * writes it (blobs named by ETag, relative snapshot symlinks, refs/main), offline; and prompts.
 */
class EncodeHubModelTest {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final List<String> LINES = List.of("A man is playing a guitar.", "how much protein should a female eat");

    @TempDir Path dir;
    Path folder;
    Path in;

    @BeforeEach
    void setUp() throws IOException {
        folder = dir.resolve("tiny");
        try (SentenceModelTrainable tiny = SentenceModelTrainable.fromScratch(
                new BertConfig(30522, 32, 1, 2, 64, 64, 2, 1e-12, 0.1, 0.1, 0), 64, 5, Device.cpu())) {
            tiny.save(folder);
        }
        Files.writeString(folder.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"query: \", \"passage\": \"passage: \"}, \"default_prompt_name\": null}");
        in = Files.write(dir.resolve("in.txt"), LINES, StandardCharsets.UTF_8);
        System.setProperty("HF_HUB_CACHE", dir.resolve("hf-cache").toString());
        System.setProperty("HF_HUB_OFFLINE", "1");
    }

    @AfterEach
    void clear() {
        System.clearProperty("HF_HUB_CACHE");
        System.clearProperty("HF_HUB_OFFLINE");
    }

    /** Writes {@code folder} into the cache as repo {@code repo} at {@link #COMMIT}, branch main. */
    void writePythonCache(String repo) throws Exception {
        Path repoDir = dir.resolve("hf-cache").resolve("models--" + repo.replace("/", "--"));
        Path snapshot = repoDir.resolve("snapshots").resolve(COMMIT);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                String name = f.getFileName().toString();
                String etag = name.endsWith(".safetensors") ? hex("SHA-256", null, b)
                        : hex("SHA-1", ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII), b);
                Path blob = repoDir.resolve("blobs").resolve(etag);
                Files.createDirectories(blob.getParent());
                Files.write(blob, b);
                Path link = snapshot.resolve(folder.relativize(f).toString());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, link.getParent().relativize(blob));
            }
        }
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs/main"), COMMIT);
    }

    static String hex(String algorithm, byte[] prefix, byte[] b) throws Exception {
        MessageDigest d = MessageDigest.getInstance(algorithm);
        if (prefix != null) {
            d.update(prefix);
        }
        return HexFormat.of().formatHex(d.digest(b));
    }

    float[][] encode(String model, String... extra) {
        Path out = dir.resolve("out-" + System.nanoTime() + ".npy");
        String[] args = Stream.concat(Stream.of("encode", "--model", model, "--in", in.toString(), "--out", out.toString(),
                "--quiet"), Stream.of(extra)).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        NpyReader.Matrix m = NpyReader.read(out);
        float[][] rows = new float[m.rows()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = m.row(i);
        }
        return rows;
    }

    @Test
    void hubIdResolvesFromAPythonCacheOffline() throws Exception {
        writePythonCache("test-org/tiny-bert");
        float[][] local = encode(folder.toString());
        float[][] byId = encode("test-org/tiny-bert");
        float[][] byRevision = encode("test-org/tiny-bert@main");
        for (int i = 0; i < LINES.size(); i++) {
            assertArrayEquals(local[i], byId[i]);
            assertArrayEquals(local[i], byRevision[i]);
        }
        CliRun missing = CliRun.of("encode", "--model", "test-org/not-cached", "--in", in.toString(), "--out",
                dir.resolve("x.npy").toString(), "--quiet");
        assertEquals(2, missing.exit());
        String err = missing.err().strip();
        assertFalse(err.contains("\n"), err);
        assertTrue(err.contains("test-org/not-cached") && err.contains("HF_HUB_OFFLINE"), err);
    }

    @Test
    void promptNameAndPromptText() {
        float[][] none = encode(folder.toString());
        float[][] named = encode(folder.toString(), "--prompt-name", "query");
        float[][] literal = encode(folder.toString(), "--prompt", "query: ");
        for (int i = 0; i < LINES.size(); i++) {
            assertArrayEquals(literal[i], named[i]);
            assertFalse(java.util.Arrays.equals(none[i], named[i]));
        }
        CliRun bad = CliRun.of("encode", "--model", folder.toString(), "--in", in.toString(), "--out",
                dir.resolve("y.npy").toString(), "--prompt-name", "doc", "--quiet");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--prompt-name") && bad.err().contains("query, passage"), bad.err());
    }
}
