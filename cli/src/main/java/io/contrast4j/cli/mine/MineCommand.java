package io.contrast4j.cli.mine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.json.Json;
import io.contrast4j.core.UserInputException;
import io.contrast4j.sentence.djl.DjlBootstrap;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.negatives.CandidateSource;
import io.contrast4j.sentence.negatives.HardNegativeMiner;
import io.contrast4j.sentence.negatives.MiningConfig;
import io.contrast4j.sentence.negatives.PairsTsv;
import io.contrast4j.sentence.negatives.TrainingExample;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j mine}: hard negatives for (anchor, positive) pairs, written as a TSV that pretrain reads. */
@Command(
        name = "mine",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Mines hard negatives for (anchor, positive) pairs with a sentence model: each anchor's nearest",
            "candidates by cosine (a Lucene index from 'index build' with --index, else exact search over the",
            "pairs' positives) are ranked without the anchor, its positives and duplicates; those in the rank",
            "range, below the positive's score by the margin and not too similar to the positive are kept,",
            "hardest first. Writes anchor<TAB>positive<TAB>negative... (every pair, with the negatives found)",
            "for 'pretrain --objective pairs --hard-negatives', FILE.provenance.json beside it, and a JSON",
            "summary on stdout."
        })
public final class MineCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = Json.MAPPER;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "minilm", description = "minilm, a model folder or a Hub id ORG/NAME[@REVISION]; the index must be built with it (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--pairs", required = true, paramLabel = "FILE.tsv", description = "anchor<TAB>positive lines (further columns are ignored).")
    Path pairs;

    @Option(names = "--index", paramLabel = "DIR", description = "Lucene index of candidate documents (contrast4j index build); default: exact search over the pool.")
    Path index;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "Output TSV.")
    Path out;

    @Option(names = "--negatives-per-anchor", defaultValue = "1", description = "Negatives to keep per pair (default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--rank-min", defaultValue = "1", description = "First candidate rank kept; > 1 skips the nearest, likeliest false negatives (default: ${DEFAULT-VALUE}).")
    int rankMin;

    @Option(names = "--rank-max", defaultValue = "50", description = "Last candidate rank considered (default: ${DEFAULT-VALUE}).")
    int rankMax;

    @Option(names = "--margin", paramLabel = "X", description = "Keep only cos(anchor, neg) <= cos(anchor, pos) - X (default: off).")
    Double margin;

    @Option(names = "--relative-margin", paramLabel = "X", description = "Keep only cos(anchor, neg) <= cos(anchor, pos) * (1 - X) (default: off).")
    Double relativeMargin;

    @Option(names = "--max-sim", paramLabel = "X", description = "Drop candidates whose cosine to the positive exceeds X: likely paraphrases, i.e. false negatives (default: off).")
    Double maxSim;

    @Option(names = "--pool", defaultValue = "positives", description = "Exact search candidates: positives, or both (anchors and positives) (default: ${DEFAULT-VALUE}).")
    String pool;

    @Option(names = "--over-fetch", defaultValue = "5", description = "With --index: HNSW search beam multiplier (default: ${DEFAULT-VALUE}).")
    int overFetch;

    @Option(names = "--batch-size", defaultValue = "64", description = "Sentences per encoder batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        DjlBootstrap.ensureOffline();
        MiningConfig config;
        try {
            config = new MiningConfig(negatives, rankMin, rankMax, margin == null ? Double.NaN : margin,
                    relativeMargin == null ? Double.NaN : relativeMargin, maxSim == null ? Double.NaN : maxSim);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("mine: " + e.getMessage());
        }
        String poolMode = pool.toLowerCase(Locale.ROOT);
        if (!poolMode.equals("positives") && !poolMode.equals("both")) {
            throw new UserInputException("--pool must be positives or both, got '" + pool + "'");
        }
        if (index != null && !Files.isDirectory(index)) throw new UserInputException("--index: folder not found: " + index);
        if (overFetch < 1) throw new UserInputException("--over-fetch must be >= 1, got " + overFetch);
        if (batchSize < 1) throw new UserInputException("--batch-size must be >= 1, got " + batchSize);
        if (Files.isDirectory(out)) throw new UserInputException("--out is a folder: " + out + " (give a .tsv file)");
        List<TrainingExample> input = PairsTsv.read(pairs);
        if (input.isEmpty()) throw new UserInputException("--pairs " + pairs + ": no pairs");
        List<TrainingExample> plain = new ArrayList<>(input.size());
        for (TrainingExample e : input) plain.add(TrainingExample.pair(e.anchor(), e.positive()));
        PrintWriter err = spec.commandLine().getErr();
        Provenance provenance = Provenance.start("mine", spec.commandLine().getParseResult().originalArgs()).input(pairs);
        long t0 = System.nanoTime();
        HardNegativeMiner.Result result;
        String source;
        try (SentenceEncoder encoder = new SentenceEncoder(Models.load(model), batchSize)) {
            HardNegativeMiner miner = new HardNegativeMiner(encoder, config);
            CandidateSource candidates;
            if (index != null) {
                candidates = new IndexCandidates(index, encoder.name(), overFetch);
            } else {
                List<String> texts = new ArrayList<>();
                for (TrainingExample e : plain) {
                    if (poolMode.equals("both")) texts.add(e.anchor());
                    texts.add(e.positive());
                }
                err.printf(Locale.ROOT, "mine: embedding %d pairs and the candidate pool ...%n", plain.size());
                err.flush();
                candidates = miner.exactPool(texts);
            }
            try (candidates) {
                source = candidates.describe();
                err.printf(Locale.ROOT, "mine: %d pairs against %s%n", plain.size(), source);
                err.flush();
                result = miner.mine(plain, candidates);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int cleaned = PairsTsv.write(out, result.examples());
        HardNegativeMiner.Stats s = result.stats();
        err.printf(Locale.ROOT, "mine: %d pairs, %d with %d negatives, %d with fewer, %d with none (%.1f s)%n",
                s.pairs(), s.full(), negatives, s.shortOfNegatives(), s.none(), seconds);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toString());
        summary.put("model", model);
        summary.put("candidates", source);
        summary.putAll(s.asMap());
        summary.put("texts_with_tabs_or_breaks_replaced", cleaned);
        summary.put("seconds", seconds);
        Map<String, Object> cfg = new LinkedHashMap<>(config.asMap());
        cfg.put("pool", index != null ? "index" : poolMode);
        cfg.put("over_fetch", overFetch);
        provenance.config(cfg).config("model", model).config("index", index == null ? null : index.toString())
                .note("result", summary).output(out);
        if (index != null) provenance.note("index_provenance", index.resolve(Provenance.FILE_NAME).toString());
        String name = out.getFileName().toString();
        Path provFile = out.resolveSibling((name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name) + ".provenance.json");
        Files.writeString(provFile, Provenance.toJson(provenance.finish()) + "\n", StandardCharsets.UTF_8);
        summary.put("provenance", provFile.toString());
        spec.commandLine().getOut().println(JSON.writeValueAsString(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
