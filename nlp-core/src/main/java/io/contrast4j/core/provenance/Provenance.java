package io.contrast4j.core.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.io.Sha256;
import io.contrast4j.core.vector.VectorMath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The record of how an artifact was made: command, full configuration, seeds, input files with
 * size and SHA-256, outputs, library versions, git commit and wall time. Every trained artifact,
 * index and report writes one as {@code provenance.json}.
 *
 * <pre>{@code
 * Provenance p = Provenance.start("word2vec train", List.of(args))
 *         .config("dim", 100).seed(1).input(corpus);
 * ... train ...
 * p.output(vectorsFile).writeTo(outDir);   // or embed p.finish() in a report
 * }</pre>
 *
 * <p>Methods are synchronized, so worker threads may add notes while the main thread runs.
 * Values are turned into JSON-friendly forms when added (paths to strings, enums to names,
 * arrays and collections to lists); other objects (records, beans) go to Jackson as they are.
 */
public final class Provenance {
    public static final String FILE_NAME = "provenance.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final List<String> args;
    private final Instant started;
    private final long startedNanos;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> seeds = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();

    private Provenance(String command, List<String> args) {
        this.command = command;
        this.args = List.copyOf(args);
        this.started = Instant.now();
        this.startedNanos = System.nanoTime();
    }

    /** Starts the clock for a command such as {@code "word2vec train"} with its raw arguments. */
    public static Provenance start(String command, List<String> args) {
        return new Provenance(command, args == null ? List.of() : args);
    }

    public synchronized Provenance config(String key, Object value) {
        config.put(key, jsonFriendly(value));
        return this;
    }

    public synchronized Provenance config(Map<String, ?> values) {
        values.forEach((k, v) -> config.put(k, jsonFriendly(v)));
        return this;
    }

    /** The main random seed, recorded as {@code seeds.seed}. */
    public Provenance seed(long seed) {
        return seed("seed", seed);
    }

    /** A named seed, for runs with several generators (e.g. {@code "shuffle"}, {@code "init"}). */
    public synchronized Provenance seed(String name, long seed) {
        seeds.put(name, seed);
        return this;
    }

    /**
     * Records an input file with its size and SHA-256, read now (before training may move on). A
     * directory records every regular file under it, in path order.
     */
    public Provenance input(Path path) {
        List<Map<String, Object>> described = describe(path, null);
        synchronized (this) {
            inputs.addAll(described);
        }
        return this;
    }

    /** Records an output; it is measured and hashed at {@link #finish()} time, when it is complete. */
    public synchronized Provenance output(Path path) {
        outputs.add(path);
        return this;
    }

    /** Anything else worth keeping: final loss, vocabulary size, device, throughput. */
    public synchronized Provenance note(String key, Object value) {
        notes.put(key, jsonFriendly(value));
        return this;
    }

    public String command() {
        return command;
    }

    /**
     * The complete record as an ordered map (for embedding in reports). Each call takes a fresh end
     * time, so call it once the work is done.
     */
    public synchronized Map<String, Object> finish() {
        Instant finished = Instant.now();
        long nanos = System.nanoTime() - startedNanos;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", command);
        out.put("args", args);
        out.put("started", started.toString());
        out.put("finished", finished.toString());
        out.put("wall_time_seconds", nanos / 1e9);
        out.put("config", new LinkedHashMap<>(config));
        out.put("seeds", new LinkedHashMap<>(seeds));
        out.put("inputs", new ArrayList<>(inputs));
        List<Map<String, Object>> outs = new ArrayList<>();
        for (Path output : outputs) {
            outs.addAll(describe(output, FILE_NAME));
        }
        out.put("outputs", outs);
        out.put("notes", new LinkedHashMap<>(notes));
        out.put("contrast4j_version", contrast4jVersion());
        out.put("environment", environment());
        out.put("libraries", LibraryVersions.present());
        GitState git = GitState.find();
        out.put("git_commit", git == null ? null : git.commit());
        out.put("git_dirty", git == null ? null : git.dirty());
        return out;
    }

    /** Writes {@code dir/provenance.json} (creating dir) and returns its path. */
    public Path writeTo(Path dir) {
        try {
            Path file = dir.resolve(FILE_NAME);
            io.contrast4j.core.io.AtomicFiles.writeString(file, toJson(finish()) + "\n"); // never a torn record
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
        }
    }

    /** Pretty-printed JSON of a finished record (or any map), as written to provenance.json. */
    public static String toJson(Map<String, Object> record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contrast4j version baked in at build time, or "dev" when run from unfiltered classes. */
    public static String contrast4jVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/io/contrast4j/core/contrast4j-version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException ignored) {
            // fall through to "dev"
        }
        return "dev";
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java_version", System.getProperty("java.version"));
        env.put("java_vendor", System.getProperty("java.vendor"));
        env.put("java_vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("os_name", System.getProperty("os.name"));
        env.put("os_version", System.getProperty("os.version"));
        env.put("os_arch", System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        env.put("vector_math", VectorMath.implementation());
        return env;
    }

    /** path/size/sha256 entries for a file, or for each regular file under a directory. */
    private static List<Map<String, Object>> describe(Path path, String skipName) {
        if (!Files.exists(path)) {
            Map<String, Object> missing = new LinkedHashMap<>();
            missing.put("path", path.toAbsolutePath().normalize().toString());
            missing.put("exists", false);
            return List.of(missing);
        }
        if (!Files.isDirectory(path)) {
            return List.of(describeFile(path));
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> skipName == null || !f.getFileName().toString().equals(skipName))
                    .sorted()
                    .toList();
            List<Map<String, Object>> described = new ArrayList<>(files.size());
            for (Path file : files) {
                described.add(describeFile(file));
            }
            return described;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    private static Map<String, Object> describeFile(Path file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", file.toAbsolutePath().normalize().toString());
        try {
            entry.put("size", Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
        entry.put("sha256", Sha256.of(file));
        return entry;
    }

    /** Converts values whose default Jackson form is awkward (Path as URI, arrays as objects). */
    static Object jsonFriendly(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Path p) {
            return p.toString();
        }
        if (value instanceof java.io.File f) {
            return f.getPath();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof Instant
                || value instanceof Duration || value instanceof java.net.URI) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), jsonFriendly(v)));
            return copy;
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> copy = new ArrayList<>();
            iterable.forEach(v -> copy.add(jsonFriendly(v)));
            return copy;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> copy = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                copy.add(jsonFriendly(Array.get(value, i)));
            }
            return copy;
        }
        if (value instanceof java.util.Optional<?> opt) {
            return opt.map(Provenance::jsonFriendly).orElse(null);
        }
        return value;
    }

    /** The git commit of the code that ran (its checkout) or else of the working directory. */
    record GitState(String commit, Boolean dirty) {
        private static volatile GitState cached;
        private static volatile boolean looked;

        static GitState find() {
            if (!looked) {
                synchronized (GitState.class) {
                    if (!looked) {
                        cached = lookUp();
                        looked = true;
                    }
                }
            }
            return cached;
        }

        private static GitState lookUp() {
            List<Path> candidates = new ArrayList<>();
            try {
                Path code = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                candidates.add(Files.isDirectory(code) ? code : code.getParent());
            } catch (URISyntaxException | RuntimeException ignored) {
                // no code location (unusual class loader): use the working directory only
            }
            candidates.add(Path.of(System.getProperty("user.dir")));
            for (Path dir : candidates) {
                if (dir == null || !Files.isDirectory(dir)) {
                    continue;
                }
                String commit = git(dir, "rev-parse", "HEAD");
                if (commit != null && commit.matches("[0-9a-f]{40}")) {
                    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
                    return new GitState(commit, status == null ? null : !status.isEmpty());
                }
            }
            return null;
        }

        /** Output of a git command, or null when git is missing, fails or hangs. */
        private static String git(Path dir, String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add("git");
            Collections.addAll(cmd, args);
            Path out = null;
            try {
                // output goes to a file so a hanging git cannot block us on a full pipe
                out = Files.createTempFile("contrast4j-git", ".txt");
                Process process = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return null;
                }
                return process.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8).strip() : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } finally {
                if (out != null) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException ignored) {
                        // a leftover temp file is harmless
                    }
                }
            }
        }
    }
}
