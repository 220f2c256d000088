package io.contrast4j.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.augment.ApertiumTranslator;
import io.contrast4j.data.augment.BackTranslator;
import io.contrast4j.data.augment.CachingTranslator;
import io.contrast4j.data.augment.Translation;
import io.contrast4j.data.augment.TranslationCache;
import io.contrast4j.data.augment.Translator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code contrast4j data backtranslate --in FILE --out FILE.tsv}: English -> Spanish -> English
 * with Apertium, one input line (a sentence) per output row {@code source<TAB>back-translation},
 * in input order. Failed sentences go to {@code FILE.tsv.failed} with their reason; a summary with
 * throughput is printed as JSON on stdout; {@code FILE.tsv.provenance.json} records the run.
 */
@Command(
        name = "backtranslate",
        mixinStandardHelpOptions = true,
        description = {
            "Back-translate sentences (one per line) English -> Spanish -> English with Apertium",
            "(Debian packages apertium, apertium-eng-spa), for CERT's augmentation. Writes source<TAB>back-translation",
            "per input line; failures (with reasons) to OUT.failed. Results are cached on disk by sentence hash."
        })
public final class BacktranslateCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Sentences, one per line (UTF-8).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "Output TSV: source<TAB>back-translation.")
    Path out;

    @Option(names = "--forward", defaultValue = "eng-spa", description = "Apertium mode to the pivot language (default: ${DEFAULT-VALUE}).")
    String forward;

    @Option(names = "--backward", defaultValue = "spa-eng", description = "Apertium mode back (default: ${DEFAULT-VALUE}).")
    String backward;

    @Option(names = "--workers", paramLabel = "N", description = "Pipelines at once (default: one per two cores; one pipeline keeps ~2 cores busy).")
    Integer workers;

    @Option(names = "--batch-size", defaultValue = "10000", paramLabel = "N",
            description = "Most sentences per Apertium run; the input is split evenly over the workers (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--cache", paramLabel = "DIR", description = "Translation cache folder (default: ~/.cache/contrast4j/translations).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the cache.")
    boolean noCache;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(in)) throw new UserInputException("--in " + in + ": no such file");
        if (batchSize < 1) throw new UserInputException("--batch-size must be >= 1, got " + batchSize);
        int n = workers == null ? ApertiumTranslator.defaultWorkers() : workers;
        if (n < 1) throw new UserInputException("--workers must be >= 1, got " + n);
        List<String> lines = new java.util.ArrayList<>();
        try (var reader = io.contrast4j.core.io.BoundedLineReader.open(in)) {
            for (String line; (line = reader.readLine()) != null; ) lines.add(line);
        }
        Provenance provenance = Provenance.start("data backtranslate", spec.commandLine().getParseResult().originalArgs());
        provenance.input(in);
        var err = spec.commandLine().getErr();
        List<Translation> result;
        Translator backTranslator = BackTranslator.apertium(forward, backward, n, batchSize);
        // Timed: loading the cache and translating; not the Apertium installation check, the progress
        // bar's start and stop, or closing the pipelines.
        long began;
        long ended;
        long hits = 0;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("backtranslate").setInitialMax(lines.size())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" sent", 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            began = System.nanoTime();
            if (noCache) {
                try (Translator t = backTranslator) {
                    result = t.translate(lines, bar::stepBy);
                    ended = System.nanoTime();
                }
            } else {
                Path dir = cacheDir != null ? cacheDir : TranslationCache.defaultDirectory();
                try (CachingTranslator t = new CachingTranslator(backTranslator,
                        new TranslationCache(dir, backTranslator.name()), Math.max(batchSize * n, 1000))) {
                    result = t.translate(lines, bar::stepBy);
                    ended = System.nanoTime();
                    hits = t.hits();
                }
            }
        }
        double seconds = (ended - began) / 1e9;
        int failed = 0;
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        Path failedFile = Path.of(out + ".failed");
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                BufferedWriter f = Files.newBufferedWriter(failedFile, StandardCharsets.UTF_8)) {
            for (int i = 0; i < result.size(); i++) {
                Translation t = result.get(i);
                String source = t.source().replace('\t', ' ');
                if (t.succeeded()) {
                    w.write(source + "\t" + t.target() + "\n");
                } else {
                    failed++;
                    f.write((i + 1) + "\t" + source + "\t" + t.error() + "\n");
                }
            }
        }
        if (failed == 0) Files.deleteIfExists(failedFile);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("in", in.toString());
        summary.put("out", out.toString());
        summary.put("translator", backTranslator.name());
        summary.put("sentences", lines.size());
        summary.put("translated", lines.size() - failed);
        summary.put("failed", failed);
        summary.put("from_cache", hits);
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("sentences_per_second", Math.round(lines.size() / seconds * 10) / 10.0);
        summary.put("workers", n);
        summary.put("batch_size", batchSize);
        provenance.config(Map.of("forward", forward, "backward", backward, "workers", n, "batch_size", batchSize,
                "cache", noCache ? "off" : String.valueOf(cacheDir != null ? cacheDir : TranslationCache.defaultDirectory())));
        provenance.output(out);
        provenance.note("summary", summary);
        Files.writeString(Path.of(out + ".provenance.json"), Provenance.toJson(provenance.finish()) + "\n");
        err.printf(Locale.ROOT, "back-translated %d sentences in %.1f s (%.1f sentences/s, %d from cache), %d failed%s%n",
                lines.size(), seconds, lines.size() / seconds, hits, failed, failed > 0 ? " (see " + failedFile + ")" : "");
        err.flush();
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        spec.commandLine().getOut().flush();
        return failed == 0 ? 0 : 1;
    }
}
