package io.contrast4j.data.augment;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * Rule-based translation with Apertium (Forcada et al. 2011), Debian packages {@code apertium} and
 * a language pair such as {@code apertium-eng-spa}. One or more modes run as one OS pipeline
 * ({@code apertium -u -f line eng-spa}, then {@code apertium -u -f line spa-eng} on its output
 * for a round trip).
 *
 * <p>Batching: Apertium loads its transducers at start-up, so one process per sentence manages ~6
 * sentences/s; here one pipeline translates a whole batch in {@code -f line} mode, where each input
 * line gives exactly one output line. {@code workers} batches run at once (default: one per two cores);
 * a call's sentences are split evenly over the workers in as few batches as the cap
 * ({@code batchSize}, default 10,000 lines) allows, since each batch pays Apertium's start-up. Input and output go through temporary files, so no pipe can deadlock,
 * and a fence word closes every line to check the alignment.
 * Apertium's null-flush mode ({@code -z}) would allow one process for the whole run, but the
 * {@code line} format's deformatter does not honour it (checked with apertium 3.8: the pipe stalls),
 * and the per-batch start-up costs under 2% at 10,000 lines.
 *
 * <p>Failures: each batch has a timeout; after it the pipeline is killed. A batch that times out,
 * fails, or returns a different number of lines than it was given is split in halves and retried,
 * down to single sentences, which are then reported as failed with the reason. Unknown-word marks
 * are dropped ({@code -u}); the generator's {@code #} and transfer's {@code @} marks and Apertium's
 * doubled spaces are cleaned.
 */
public final class ApertiumTranslator implements Translator {

    /** Debugging marks Apertium can leave on a word: '*' unknown, '#' generation, '@' transfer gaps. */
    private static final Pattern MARKS = Pattern.compile("(?<=^|[\\s\\p{Ps}\"'`])[*#@](?=\\S)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** An unknown word that every mode passes through as is; it closes each sentence's line (see {@link #run}). */
    private static final String SEPARATOR_WORD = "Zqxjvsep";
    private static final String SEPARATOR = SEPARATOR_WORD + " .";

    /** Most lines per Apertium run by default: start-up is then under 2% of a batch. */
    public static final int DEFAULT_MAX_BATCH = 10_000;

    private final List<String> modes;
    private final String executable;
    private final int workers;
    private final int batchSize;
    private final Duration baseTimeout;
    private final Duration timeoutPerSentence;
    private final ExecutorService pool;

    /**
     * @param modes Apertium modes applied in order, e.g. {@code [eng-spa]} or {@code [eng-spa, spa-eng]}
     * @param workers pipelines running at once
     * @param batchSize most lines per pipeline run (a call's sentences are split evenly over the workers)
     * @param timeoutPerSentence batch timeout = 120 s (start-up on a loaded machine) + this times the batch size per mode
     */
    public ApertiumTranslator(List<String> modes, int workers, int batchSize, Duration timeoutPerSentence) {
        this("apertium", modes, workers, batchSize, Duration.ofSeconds(120), timeoutPerSentence);
    }

    ApertiumTranslator(String executable, List<String> modes, int workers, int batchSize, Duration baseTimeout,
            Duration timeoutPerSentence) {
        if (modes.isEmpty()) throw new IllegalArgumentException("at least one Apertium mode");
        if (workers < 1 || batchSize < 1) throw new IllegalArgumentException("workers and batch size must be >= 1");
        this.modes = List.copyOf(modes);
        this.executable = executable;
        this.workers = workers;
        this.batchSize = batchSize;
        this.baseTimeout = baseTimeout;
        this.timeoutPerSentence = timeoutPerSentence;
        checkInstalled(executable, this.modes);
        this.pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("apertium"));
    }

    /**
     * Pipelines worth running at once on this machine: one per two cores. An Apertium mode is a chain
     * of ~7 processes, so one pipeline already keeps ~1.9 cores busy (17.5 CPU-seconds in 9 s for
     * 6,000 MR sentences here); a second one on 2 cores only contends (605 against 668 round trips/s,
     * bench/cert/backtranslate-bench.sh, docs/cert.md).
     */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Defaults: {@link #defaultWorkers()}, at most {@value #DEFAULT_MAX_BATCH} lines a batch, 50 ms per sentence and mode on top of 120 s. */
    public static ApertiumTranslator of(String... modes) {
        return new ApertiumTranslator(Arrays.asList(modes), defaultWorkers(), DEFAULT_MAX_BATCH,
                Duration.ofMillis(50));
    }

    /** The modes Apertium reports as installed ({@code apertium -l}); empty when Apertium is missing. */
    public static List<String> installedModes() {
        return installedModes("apertium");
    }

    static List<String> installedModes(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "-l").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\\R"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static void checkInstalled(String executable, List<String> modes) {
        List<String> installed = installedModes(executable);
        if (installed.isEmpty()) {
            throw new UserInputException("Apertium is not installed (no '" + executable
                    + " -l'): install the Debian packages apertium and apertium-eng-spa");
        }
        for (String mode : modes) {
            if (!installed.contains(mode)) {
                throw new UserInputException("Apertium mode " + mode + " is not installed (installed: "
                        + String.join(", ", installed) + "); install its language pair, e.g. apertium-eng-spa");
            }
        }
    }

    @Override
    public String name() {
        return "apertium:" + String.join(">", modes);
    }

    public int workers() {
        return workers;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<Translation> translate(List<String> sources, IntConsumer progress) {
        List<Future<List<Translation>>> futures = new ArrayList<>();
        int size = balancedBatchSize(sources.size(), workers, batchSize);
        for (int from = 0; from < sources.size(); from += size) {
            List<String> batch = sources.subList(from, Math.min(sources.size(), from + size));
            futures.add(pool.submit(() -> {
                List<Translation> out = translateOrSplit(batch);
                progress.accept(out.size());
                return out;
            }));
        }
        List<Translation> out = new ArrayList<>(sources.size());
        for (Future<List<Translation>> f : futures) {
            try {
                out.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new IllegalStateException("interrupted while translating", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("translation worker failed: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    /**
     * The batch size for {@code n} sentences: the fewest batches of at most {@code maxBatch} lines,
     * rounded up to a multiple of the workers and of equal size, so that every pipeline gets the same
     * share and Apertium's start-up (~0.35 s for a round trip here, as long as ~150 sentences take)
     * is paid as rarely as the cap allows.
     */
    static int balancedBatchSize(int n, int workers, int maxBatch) {
        if (n == 0) return 1;
        int batches = (n + maxBatch - 1) / maxBatch;
        batches = ((batches + workers - 1) / workers) * workers;
        return Math.max(1, (n + batches - 1) / batches);
    }

    /** Translates a batch; on a failed or misaligned run, bisects to isolate the sentences at fault. */
    private List<Translation> translateOrSplit(List<String> batch) {
        List<String> inputs = batch.stream().map(ApertiumTranslator::toLine).toList();
        String error;
        try {
            List<String> lines = run(inputs);
            if (lines.size() == inputs.size()) {
                List<Translation> out = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    out.add(inputs.get(i).isEmpty() ? Translation.ok(batch.get(i), "")
                            : Translation.ok(batch.get(i), clean(lines.get(i))));
                }
                return out;
            }
            error = "misaligned output: " + lines.size() + " lines for " + inputs.size() + " inputs";
        } catch (PipelineException e) {
            error = e.getMessage();
        }
        if (batch.size() == 1) {
            return List.of(Translation.failed(batch.get(0), error));
        }
        int half = batch.size() / 2;
        List<Translation> out = new ArrayList<>(translateOrSplit(batch.subList(0, half)));
        out.addAll(translateOrSplit(batch.subList(half, batch.size())));
        return out;
    }

    /** One input line: a sentence with no line breaks or tabs (Apertium's line format is line-aligned). */
    static String toLine(String sentence) {
        return SPACES.matcher(sentence.replace('\0', ' ')).replaceAll(" ").strip();
    }

    /** Drops debugging marks and collapses the blanks Apertium leaves where words moved. */
    static String clean(String line) {
        return SPACES.matcher(MARKS.matcher(line).replaceAll("")).replaceAll(" ").strip();
    }

    private static final class PipelineException extends Exception {
        PipelineException(String message) {
            super(message);
        }
    }

    private List<String> run(List<String> lines) throws PipelineException {
        Path dir = null;
        Process process = null;
        try {
            dir = Files.createTempDirectory("contrast4j-apertium");
            Path err = dir.resolve("err.txt");
            Path in = dir.resolve("in-0.txt");
            // Apertium's line format lets a multiword unit or a compound run across a line break
            // ("medio-tierra" + the next line's first word) and drops a full stop right before one.
            // A fence at the end of every line (an unknown word, which no multiword contains, closed by
            // a full stop, so the next line starts a sentence) keeps each sentence to itself and lets
            // the output be checked line by line. On the same line rather than a line of its own: the
            // same translations (checked on 3,000 MR sentences) with half the lines to process.
            List<String> fenced = new ArrayList<>(lines.size());
            for (String line : lines) fenced.add(line + " " + SEPARATOR);
            Files.write(in, fenced, StandardCharsets.UTF_8);
            long timeoutMs = baseTimeout.toMillis() + timeoutPerSentence.toMillis() * lines.size() * modes.size();
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            // Stages run one after the other on complete files: fed through a pipe while the previous
            // stage is still writing, apertium's line deformatter moved words across line breaks.
            for (int stage = 0; stage < modes.size(); stage++) {
                Path out = dir.resolve("out-" + stage + ".txt");
                ProcessBuilder pb = new ProcessBuilder(executable, "-u", "-f", "line", modes.get(stage));
                pb.environment().putIfAbsent("LC_ALL", "C.UTF-8");
                pb.redirectInput(in.toFile()).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
                process = pb.start();
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    throw new PipelineException("timed out after " + timeoutMs + " ms on a batch of " + lines.size());
                }
                if (process.exitValue() != 0) {
                    String message = Files.readString(err, StandardCharsets.UTF_8).strip();
                    throw new PipelineException("apertium " + modes.get(stage) + " exited with " + process.exitValue()
                            + (message.isEmpty() ? "" : ": " + message.lines().findFirst().orElse("")));
                }
                in = out;
            }
            List<String> out = Files.readAllLines(in, StandardCharsets.UTF_8);
            if (out.size() != fenced.size()) {
                throw new PipelineException("misaligned output: " + out.size() + " lines for " + fenced.size());
            }
            List<String> translated = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String line = out.get(i);
                int fence = line.indexOf(SEPARATOR_WORD);
                if (fence < 0 || line.indexOf(SEPARATOR_WORD, fence + 1) >= 0
                        || !line.substring(fence + SEPARATOR_WORD.length()).replaceAll("[\\s.*#@]", "").isEmpty()) {
                    throw new PipelineException("misaligned output near sentence " + (i + 1) + " of the batch");
                }
                translated.add(line.substring(0, fence));
            }
            return translated;
        } catch (IOException e) {
            throw new PipelineException("cannot run apertium: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                // apertium is a shell script: its stages are children of the shell.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
