package io.contrast4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads SICK files ({@code SICK_train.txt}, {@code SICK_trial.txt}, {@code SICK_test_annotated.txt}
 * as SentEval ships them, or the full {@code SICK.txt}): tab separated with a header row. Columns
 * are found by their header names ({@code sentence_A}, {@code sentence_B},
 * {@code relatedness_score}, {@code entailment_judgment} or {@code entailment_label}), so both
 * column orders of the distributions read the same.
 */
public final class SickReader {
    private SickReader() {}

    public static List<SickExample> read(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw DataFiles.malformed(file, 1, "empty file, expected a header row");
        String[] header = DataFiles.tabFields(lines.get(0));
        int a = column(header, "sentence_a"), b = column(header, "sentence_b");
        int rel = column(header, "relatedness_score");
        int ent = column(header, "entailment_judgment");
        if (ent < 0) ent = column(header, "entailment_label");
        if (a < 0 || b < 0 || rel < 0 || ent < 0) {
            throw DataFiles.malformed(file, 1, "expected a header with sentence_A, sentence_B, relatedness_score and "
                    + "entailment_judgment columns, got '" + lines.get(0) + "'");
        }
        int need = Math.max(Math.max(a, b), Math.max(rel, ent)) + 1;
        List<SickExample> out = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = DataFiles.tabFields(line);
            if (f.length < need) {
                throw DataFiles.malformed(file, i + 1, "expected " + need + " tab-separated columns, got " + f.length);
            }
            double r = DataFiles.parseNumber(file, i + 1, f[rel]);
            String label = f[ent].strip();
            if (label.isEmpty()) throw DataFiles.malformed(file, i + 1, "empty entailment label");
            out.add(new SickExample(f[a].strip(), f[b].strip(), r, label));
        }
        return out;
    }

    private static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().toLowerCase(Locale.ROOT).equals(name)) return i;
        }
        return -1;
    }
}
