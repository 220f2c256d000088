package io.contrast4j.data.augment;

import io.contrast4j.core.io.Sha256;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Translations kept on disk so that a rerun (another training run on the same corpus, a resumed
 * back-translation) reuses them. One append-only file per translator, {@code <dir>/<name>.tsv}, a
 * line per sentence: {@code sha256(translator name + "\n" + source)} TAB translation. The key
 * covers the translator and direction, so a different pair never answers from this cache. A line
 * cut short by a crash is ignored when the file is read. Only successes are stored: a failed
 * sentence is tried again next time. Thread-safe.
 */
public final class TranslationCache implements AutoCloseable {

    private final Path file;
    private final String translatorName;
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    /** A digest that has already read the key prefix (translator name + newline); each key hashes a clone. */
    private final MessageDigest prefixDigest;
    private BufferedWriter writer;

    public TranslationCache(Path dir, String translatorName) {
        this.translatorName = translatorName;
        this.prefixDigest = Sha256.newDigest();
        prefixDigest.update((translatorName + "\n").getBytes(StandardCharsets.UTF_8));
        this.file = dir.resolve(translatorName.replaceAll("[^A-Za-z0-9._-]", "_") + ".tsv");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                for (String line : io.contrast4j.data.DataFiles.readLines(file, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab == 64 && line.indexOf('\t', tab + 1) < 0) {
                        entries.put(line.substring(0, tab), line.substring(tab + 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read translation cache " + file, e);
        }
    }

    /** The default place: {@code $XDG_CACHE_HOME/contrast4j/translations} or {@code ~/.cache/...}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("contrast4j").resolve("translations");
    }

    public Path file() {
        return file;
    }

    public String key(String source) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) prefixDigest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
        }
        return Sha256.hex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
    }

    public Optional<String> get(String source) {
        return Optional.ofNullable(entries.get(key(source)));
    }

    /**
     * The cached translation of each source, null where there is none, in input order. Keys are
     * hashed on all cores: hashing, not the map, is what a fully cached pass spends its time on.
     */
    public List<String> getAll(List<String> sources) {
        return sources.parallelStream().map(s -> entries.get(key(s))).toList();
    }

    public int size() {
        return entries.size();
    }

    /** Stores successful translations and flushes them to disk. */
    public synchronized void putAll(List<Translation> translations) {
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            for (Translation t : translations) {
                if (!t.succeeded()) continue;
                String target = t.target().replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
                String k = key(t.source());
                if (target.equals(entries.put(k, target))) continue;
                writer.write(k);
                writer.write('\t');
                writer.write(target);
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write translation cache " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            writer = null;
        }
    }
}
