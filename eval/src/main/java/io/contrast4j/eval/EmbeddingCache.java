package io.contrast4j.eval;

import io.contrast4j.core.Embedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * An {@link Embedder} that remembers every text it has embedded, keyed by the SHA-256 of the text,
 * so that each model encodes each sentence once however many tasks (or repeated sentences, as in
 * SICK) ask for it. Misses are deduplicated, sorted by length (less padding per batch) and sent to
 * the model in batches of {@code batchSize}.
 *
 * <p>With a cache folder, embeddings also persist across runs in {@code <folder>/<model>.emb}, an
 * append-only file of (32-byte SHA-256, dimension floats) records after a small header; the model's
 * {@link Embedder#name()} is the key, so two different models must have different names.
 * Not thread-safe for concurrent {@link #embed} calls on a disk-backed cache.
 */
public final class EmbeddingCache implements Embedder {
    private static final int MAGIC = 0x43344a45; // "C4JE"

    private final Embedder model;
    private final int batchSize;
    private final Path file;
    private final Map<Key, float[]> memory = new ConcurrentHashMap<>();
    private IntConsumer progress = n -> {};
    private long hits, misses;

    public EmbeddingCache(Embedder model, int batchSize, Path folderOrNull) {
        this.model = model;
        this.batchSize = Math.max(1, batchSize);
        this.file = folderOrNull == null ? null : folderOrNull.resolve(safeName(model.name()) + ".emb");
        if (file != null) load();
    }

    /** In memory only. */
    public EmbeddingCache(Embedder model) {
        this(model, 64, null);
    }

    /** Called with the number of texts just encoded by the model (cache hits are not reported). */
    public void onProgress(IntConsumer listener) {
        this.progress = listener == null ? n -> {} : listener;
    }

    /** How many of {@code texts} are not cached yet (distinct texts). */
    public int missing(List<String> texts) {
        return (int) texts.stream().distinct().filter(t -> !memory.containsKey(Key.of(t))).count();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String name() {
        return model.name();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    @Override
    public float[][] embed(List<String> texts) {
        Map<Key, String> todo = new LinkedHashMap<>();
        Key[] keys = new Key[texts.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Key.of(texts.get(i));
            if (!memory.containsKey(keys[i])) todo.putIfAbsent(keys[i], texts.get(i));
        }
        hits += texts.size() - todo.size();
        misses += todo.size();
        if (!todo.isEmpty()) encode(todo);
        float[][] out = new float[keys.length][];
        for (int i = 0; i < keys.length; i++) out[i] = memory.get(keys[i]);
        return out;
    }

    private void encode(Map<Key, String> todo) {
        List<Map.Entry<Key, String>> entries = new ArrayList<>(todo.entrySet());
        entries.sort(Comparator.comparingInt(e -> e.getValue().length()));
        for (int from = 0; from < entries.size(); from += batchSize) {
            List<Map.Entry<Key, String>> batch = entries.subList(from, Math.min(entries.size(), from + batchSize));
            float[][] vectors = model.embed(batch.stream().map(Map.Entry::getValue).toList());
            if (vectors.length != batch.size()) {
                throw new IllegalStateException(model.name() + " returned " + vectors.length + " vectors for " + batch.size() + " texts");
            }
            Map<Key, float[]> fresh = new HashMap<>();
            for (int i = 0; i < vectors.length; i++) fresh.put(batch.get(i).getKey(), vectors[i]);
            memory.putAll(fresh);
            if (file != null) append(fresh);
            progress.accept(batch.size());
        }
    }

    private void load() {
        if (!Files.exists(file)) return;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt(), dim = in.readInt();
            if (magic != MAGIC || dim != model.dimension()) {
                throw new IllegalStateException(file + ": not an embedding cache of dimension " + model.dimension()
                        + " (delete it to start afresh)");
            }
            byte[] hash = new byte[32];
            while (true) {
                try {
                    in.readFully(hash);
                } catch (EOFException end) {
                    break;
                }
                float[] v = new float[dim];
                try {
                    for (int k = 0; k < dim; k++) v[k] = in.readFloat();
                } catch (EOFException truncated) {
                    break; // an interrupted run's last record; it will be recomputed
                }
                memory.put(new Key(hash.clone()), v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading embedding cache " + file, e);
        }
    }

    private void append(Map<Key, float[]> fresh) {
        try {
            Files.createDirectories(file.getParent());
            boolean isNew = !Files.exists(file);
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16))) {
                if (isNew) {
                    out.writeInt(MAGIC);
                    out.writeInt(model.dimension());
                }
                for (Map.Entry<Key, float[]> e : fresh.entrySet()) {
                    out.write(e.getKey().sha256);
                    for (float f : e.getValue()) out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing embedding cache " + file, e);
        }
    }

    static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public void close() {
        model.close();
    }

    /** SHA-256 of a text's UTF-8 bytes, with value equality. */
    private record Key(byte[] sha256) {
        static Key of(String text) {
            try {
                return new Key(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(sha256, k.sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }
    }
}
