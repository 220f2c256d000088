package io.contrast4j.data;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the SemEval STS test sets (2012-2016) and the STS Benchmark, in their original files, the
 * way SentEval's {@code STSEval} / {@code STSBenchmarkEval} do (UTF-8, tab separated, no quoting).
 */
public final class StsReader {
    private static final String INPUT_PREFIX = "STS.input.";
    private static final String SUFFIX = ".txt";

    private StsReader() {}

    /**
     * Reads one STS year folder (e.g. {@code senteval/STS/STS12-en-test}). Every
     * {@code STS.input.<set>.txt} (tab: s1, s2; further columns ignored, as SentEval does) is paired
     * line by line with {@code STS.gs.<set>.txt} (gold score 0-5). A pair whose gold line is empty
     * is skipped and counted in {@link StsYear#skipped()}; a gold line that is not a number, an
     * input line without a tab, or files of different lengths are errors naming file and line.
     * Gold files without an input file (STS12's {@code STS.gs.ALL.txt}) are ignored.
     */
    public static StsYear readYear(Path folder) {
        DataFiles.requireDirectory(folder);
        List<String> sets = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(INPUT_PREFIX) && n.endsWith(SUFFIX))
                    .map(n -> n.substring(INPUT_PREFIX.length(), n.length() - SUFFIX.length()))
                    .forEach(sets::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (sets.isEmpty()) {
            throw new UserInputException(folder + ": no STS.input.<set>.txt files (not a SemEval STS folder)");
        }
        Map<String, List<ScoredPair>> sorted = new TreeMap<>();
        int skipped = 0;
        for (String set : sets) {
            Path input = folder.resolve(INPUT_PREFIX + set + SUFFIX);
            Path gold = folder.resolve("STS.gs." + set + SUFFIX);
            List<String> inputs = DataFiles.readLines(input, StandardCharsets.UTF_8);
            List<String> golds = DataFiles.readLines(gold, StandardCharsets.UTF_8);
            if (inputs.size() != golds.size()) {
                Path shorter = inputs.size() < golds.size() ? input : gold;
                throw DataFiles.malformed(shorter, Math.min(inputs.size(), golds.size()) + 1,
                        "file ends early: " + input.getFileName() + " has " + inputs.size() + " lines, "
                                + gold.getFileName() + " has " + golds.size());
            }
            List<ScoredPair> pairs = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String g = golds.get(i);
                if (g.isBlank()) {
                    skipped++;
                    continue;
                }
                double score = DataFiles.parseNumber(gold, i + 1, g);
                String[] f = DataFiles.tabFields(inputs.get(i));
                if (f.length < 2) throw DataFiles.malformed(input, i + 1, "expected two tab-separated sentences");
                pairs.add(new ScoredPair(f[0].strip(), f[1].strip(), score));
            }
            sorted.put(set, pairs);
        }
        return new StsYear(new LinkedHashMap<>(sorted), skipped);
    }

    /**
     * Reads an STS Benchmark file ({@code sts-train.csv}, {@code sts-dev.csv}, {@code sts-test.csv}):
     * tab separated genre, file, year, id, score, s1, s2, sometimes followed by source columns that
     * are ignored. Despite the name the file is not CSV-quoted: sentences contain bare {@code "}
     * characters, so fields are split on tabs only (as SentEval does, with quoting off).
     */
    public static List<ScoredPair> readStsBenchmark(Path csv) {
        List<String> lines = DataFiles.readLines(csv, StandardCharsets.UTF_8);
        List<ScoredPair> pairs = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = DataFiles.tabFields(line);
            if (f.length < 7) {
                throw DataFiles.malformed(csv, i + 1, "expected at least 7 tab-separated columns, got " + f.length);
            }
            double score = DataFiles.parseNumber(csv, i + 1, f[4]);
            pairs.add(new ScoredPair(f[5].strip(), f[6].strip(), score));
        }
        return pairs;
    }
}
