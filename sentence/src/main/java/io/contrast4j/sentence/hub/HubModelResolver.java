package io.contrast4j.sentence.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code ORG/NAME[@REVISION]} into a local sentence-transformers folder: the snapshot folder
 * of the HuggingFace cache ({@link HfCacheLayout}), downloading only the files an encoder needs
 * (config, tokenizer, safetensors weights, the sentence-transformers module files) and only those
 * not cached yet. Each downloaded file is checked against its size and ETag (sha256 for LFS files,
 * the git blob sha1 for the others) before it becomes a blob; an interrupted download is resumed
 * from its {@code .incomplete} file with a Range request, or restarted when the server ignores the
 * Range or the bytes do not verify.
 *
 * <p>No request is made when the revision is a commit whose snapshot is complete, or in offline mode
 * ({@code HF_HUB_OFFLINE}), where a model missing from the cache is a one-line error. When the Hub
 * cannot be reached and the cache knows the revision, the cached snapshot is used (with a warning),
 * as huggingface_hub does.
 */
public final class HubModelResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 4;

    /** Files of the Transformer module's folder that loading reads or that make the snapshot usable by Python. */
    static final List<String> TRANSFORMER_FILES = List.of("config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "model.safetensors", "sentence_bert_config.json");
    /** Root files of a sentence-transformers repository (README.md: the model card, for its licence). */
    static final List<String> ROOT_FILES = List.of("modules.json", "sentence_bert_config.json",
            "config_sentence_transformers.json", "README.md");

    private final HubSettings settings;
    private final HubClient client;

    public HubModelResolver(HubSettings settings) {
        this(settings, HubClient.DEFAULT_STALL_TIMEOUT);
    }

    /** With a download that receives nothing for {@code stallTimeout} dropped and resumed. */
    public HubModelResolver(HubSettings settings, java.time.Duration stallTimeout) {
        this.settings = settings;
        this.client = new HubClient(settings, stallTimeout);
    }

    /** A resolver configured from HF_ENDPOINT, HF_HOME / HF_HUB_CACHE, HF_TOKEN and HF_HUB_OFFLINE. */
    public static HubModelResolver fromEnvironment() {
        return new HubModelResolver(HubSettings.fromEnvironment());
    }

    public HubSettings settings() {
        return settings;
    }

    /** The snapshot folder of {@code spec} ({@code ORG/NAME[@REVISION]}), downloaded when needed. */
    public Path resolve(String spec) {
        HubModelId id;
        try {
            id = HubModelId.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        return resolve(id);
    }

    public Path resolve(HubModelId id) {
        HfCacheLayout cache = new HfCacheLayout(settings.cacheDir(), id);
        if (id.revisionIsCommit() && complete(cache, id.revision())) {
            return cache.snapshotDir(id.revision());
        }
        if (settings.offline()) {
            return cachedOrFail(cache, id, "offline mode is on (HF_HUB_OFFLINE)");
        }
        HubClient.RepoInfo info;
        try {
            info = client.modelInfo(id);
        } catch (HubException e) {
            if (e.unreachable()) {
                String commit = cache.commitFor(id.revision()).orElse(null);
                if (commit != null && complete(cache, commit)) {
                    note("hub: " + e.getMessage() + "; using the cached snapshot " + commit);
                    return cache.snapshotDir(commit);
                }
                throw new HubException(0, e.getMessage() + "; and " + id + " is not in the cache at " + settings.cacheDir(), e);
            }
            throw e;
        }
        try {
            download(id, cache, info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HuggingFace cache at " + settings.cacheDir() + ": " + e.getMessage(), e);
        }
        return cache.snapshotDir(info.commit());
    }

    private void download(HubModelId id, HfCacheLayout cache, HubClient.RepoInfo info) throws IOException {
        String commit = info.commit();
        // modules.json first: it says in which folders the Transformer and Pooling modules live
        if (info.file("modules.json").isPresent() && !cache.hasFile(commit, "modules.json")) {
            fetch(id, cache, commit, List.of("modules.json"));
        }
        Modules modules = Modules.read(cache.snapshotDir(commit));
        Set<String> wanted = new LinkedHashSet<>(ROOT_FILES);
        for (String f : TRANSFORMER_FILES) {
            wanted.add(modules.transformerPrefix() + f);
        }
        for (String dir : modules.otherDirs()) {
            for (HubClient.Sibling s : info.siblings()) {
                if (s.path().startsWith(dir + "/")) {
                    wanted.add(s.path());
                }
            }
        }
        String weights = modules.transformerPrefix() + "model.safetensors";
        String tokenizer = modules.transformerPrefix() + "tokenizer.json";
        if (info.file(weights).isEmpty()) {
            boolean bin = info.file(modules.transformerPrefix() + "pytorch_model.bin").isPresent();
            throw new UserInputException(id + " (commit " + commit + ") has no " + weights
                    + (bin ? " (only pytorch_model.bin, which is not read: convert it to safetensors)" : ""));
        }
        if (info.file(tokenizer).isEmpty()) {
            throw new UserInputException(id + " (commit " + commit + ") has no " + tokenizer
                    + " (a fast-tokenizer file is needed; vocab.txt / sentencepiece files alone are not read)");
        }
        List<String> missing = new ArrayList<>();
        for (String f : wanted) {
            if (info.file(f).isPresent() && !cache.hasFile(commit, f)) {
                missing.add(f);
            }
        }
        fetch(id, cache, commit, missing);
        for (String dir : modules.otherDirs()) { // e.g. 2_Normalize holds no file but is part of the folder
            Files.createDirectories(cache.snapshotDir(commit).resolve(dir));
        }
        cache.writeRef(id.revision(), commit);
        if (!complete(cache, commit)) {
            throw new UserInputException(id + ": the snapshot " + cache.snapshotDir(commit) + " is incomplete after download");
        }
    }

    /** HEADs the files, then downloads the blobs not yet cached, with one progress display for all. */
    private void fetch(HubModelId id, HfCacheLayout cache, String commit, List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return;
        }
        Map<String, HubClient.FileMetadata> metas = new LinkedHashMap<>();
        long total = 0;
        for (String p : paths) {
            HubClient.FileMetadata m = client.head(id, commit, p);
            metas.put(p, m);
            if (!blobOk(cache, m)) {
                total += Math.max(0, m.size());
            }
        }
        if (total > 0) {
            note(String.format(Locale.ROOT, "hub: downloading %s (commit %s): %d file(s), %.1f MiB to %s", id,
                    commit.substring(0, 10), metas.size(), total / 1048576.0, cache.repoDir()));
        }
        long[] done = {0};
        try (Progress progress = total > 0 ? Progress.start("download " + id.repo(), Math.max(1, total / 1024), "KiB") : null) {
            for (Map.Entry<String, HubClient.FileMetadata> e : metas.entrySet()) {
                HubClient.FileMetadata m = e.getValue();
                if (!blobOk(cache, m)) {
                    long base = done[0];
                    fetchBlob(id, cache, e.getKey(), m, bytes -> {
                        if (progress != null) {
                            progress.stepTo((base + bytes) / 1024);
                        }
                    });
                    done[0] += Math.max(0, m.size());
                }
                cache.link(commit, e.getKey(), m.etag());
            }
        }
    }

    private static boolean blobOk(HfCacheLayout cache, HubClient.FileMetadata m) {
        Path blob = cache.blob(m.etag());
        try {
            return Files.isRegularFile(blob) && (m.size() < 0 || Files.size(blob) == m.size());
        } catch (IOException e) {
            return false;
        }
    }

    /** Downloads one blob under the cache's lock file, resuming and verifying; see the class comment. */
    private void fetchBlob(HubModelId id, HfCacheLayout cache, String path, HubClient.FileMetadata m,
            java.util.function.LongConsumer progress) throws IOException {
        Path lock = cache.lockFile(m.etag());
        Files.createDirectories(lock.getParent());
        Files.createDirectories(cache.blob(m.etag()).getParent());
        try (FileChannel lockChannel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = lockChannel.lock()) {
            if (blobOk(cache, m)) {
                return; // another process finished it while we waited
            }
            Path part = cache.incomplete(m.etag());
            String problem = null;
            boolean restarted = false;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                long have = Files.exists(part) ? Files.size(part) : 0;
                if (m.size() >= 0 && have > m.size()) {
                    Files.delete(part);
                    have = 0;
                }
                if (problem != null) {
                    note("hub: " + path + ": " + problem + "; " + (have > 0 ? "resuming at byte " + have : "starting over"));
                }
                try (PartFile sink = new PartFile(part, progress)) {
                    client.download(id, m.location(), have, sink);
                } catch (IOException e) {
                    problem = "download interrupted (" + HubClient.oneLine(e.getMessage()) + ")";
                    continue;
                }
                long got = Files.size(part);
                if (m.size() >= 0 && got < m.size()) {
                    problem = "connection closed after " + got + " of " + m.size() + " bytes";
                    continue;
                }
                if (m.size() >= 0 && got != m.size()) {
                    Files.delete(part);
                    problem = "got " + got + " bytes, expected " + m.size();
                    continue;
                }
                String mismatch = verify(part, m.etag(), got);
                if (mismatch != null) {
                    Files.delete(part);
                    if (restarted) {
                        throw new HubException(0, id + " " + path + ": downloaded file does not match its ETag (" + mismatch + ")");
                    }
                    restarted = true;
                    problem = "content does not match its ETag (" + mismatch + ")";
                    continue;
                }
                HfCacheLayout.move(part, cache.blob(m.etag()));
                return;
            }
            throw new HubException(0, "download of " + id + " " + path + " failed after " + ATTEMPTS + " attempts: " + problem
                    + " (run again to resume from " + part + ")");
        }
    }

    /**
     * Null when {@code file} matches {@code etag}: a 64-hex ETag is the file's sha256 (LFS), a 40-hex
     * one its git blob id, sha1("blob " + size + "\0" + bytes); other ETags are not checked (size only).
     */
    static String verify(Path file, String etag, long size) throws IOException {
        String algorithm = etag.matches("[0-9a-f]{64}") ? "SHA-256" : etag.matches("[0-9a-f]{40}") ? "SHA-1" : null;
        if (algorithm == null) {
            return null;
        }
        MessageDigest d;
        try {
            d = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (algorithm.equals("SHA-1")) {
            d.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        String got = HexFormat.of().formatHex(d.digest());
        return got.equals(etag) ? null : algorithm.toLowerCase(Locale.ROOT) + " " + got;
    }

    /** The cached snapshot for a revision, or a one-line error that names the model and the cache. */
    private Path cachedOrFail(HfCacheLayout cache, HubModelId id, String why) {
        String commit = cache.commitFor(id.revision()).orElse(null);
        if (commit != null && complete(cache, commit)) {
            return cache.snapshotDir(commit);
        }
        throw new HubException(0, "model " + id + " is not in the HuggingFace cache at " + settings.cacheDir()
                + (commit != null ? " (snapshot " + commit + " is incomplete)" : "") + " and " + why
                + ": download it once with network, or unset HF_HUB_OFFLINE");
    }

    /** Whether a snapshot has what loading needs: config, tokenizer, weights, and each module's config. */
    boolean complete(HfCacheLayout cache, String commit) {
        Path snap = cache.snapshotDir(commit);
        if (!Files.isDirectory(snap)) {
            return false;
        }
        Modules modules;
        try {
            modules = Modules.read(snap);
        } catch (UserInputException e) {
            return false;
        }
        for (String f : List.of("config.json", "tokenizer.json", "model.safetensors")) {
            if (!cache.hasFile(commit, modules.transformerPrefix() + f)) {
                return false;
            }
        }
        for (String dir : modules.poolingDirs()) {
            if (!cache.hasFile(commit, dir + "/config.json")) {
                return false;
            }
        }
        return true;
    }

    private static void note(String line) {
        if (!Progress.isQuiet()) {
            System.err.println(line);
            System.err.flush();
        }
    }

    /** The module folders modules.json names (none: a plain HF folder whose Transformer is the root). */
    record Modules(String transformerPrefix, List<String> poolingDirs, List<String> otherDirs) {
        static Modules read(Path snapshot) {
            Path file = snapshot.resolve("modules.json");
            if (!Files.isRegularFile(file)) {
                return new Modules("", List.of(), List.of());
            }
            JsonNode n;
            try {
                n = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new UserInputException("corrupt JSON file " + file + ": " + HubClient.oneLine(e.getMessage()));
            }
            String prefix = "";
            List<String> pooling = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (JsonNode m : n) {
                String type = m.path("type").asText("");
                String path = m.path("path").asText("").replaceAll("^/+|/+$", "");
                if (path.contains("..")) {
                    throw new UserInputException(file + ": module path \"" + path + "\" leaves the folder");
                }
                if (type.endsWith("models.Transformer")) {
                    prefix = path.isEmpty() ? "" : path + "/";
                } else if (!path.isEmpty()) {
                    others.add(path);
                    if (type.endsWith("models.Pooling")) {
                        pooling.add(path);
                    }
                }
            }
            return new Modules(prefix, pooling, others);
        }
    }

    /** The {@code .incomplete} file a download appends to, from the offset the server resumed at. */
    private static final class PartFile implements HubClient.ByteSink, AutoCloseable {
        private final Path file;
        private final java.util.function.LongConsumer progress;
        private FileChannel channel;
        private long position;

        PartFile(Path file, java.util.function.LongConsumer progress) {
            this.file = file;
            this.progress = progress;
        }

        @Override
        public void start(long offset) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(offset); // 0 when the server ignored the Range: start over
            channel.position(offset);
            position = offset;
            progress.accept(position);
        }

        @Override
        public void write(byte[] buf, int n) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            position += n;
            progress.accept(position);
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.force(false);
                channel.close();
            }
        }
    }
}
