package io.contrast4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads word-similarity files (WordSim-353, SimLex-999, MEN, ...): {@code word1 word2 score}
 * separated by tabs (or by spaces when a line has no tab), {@code #} comment lines, and an optional
 * header line, recognised as a first data line whose score column is not a number. When the header
 * names a {@code SimLex999} column (the original SimLex-999.txt), that column is the score.
 */
public final class WordSimReader {
    private WordSimReader() {}

    public static List<WordPair> read(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        List<WordPair> out = new ArrayList<>();
        int scoreColumn = 2;
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.indexOf('\t') >= 0 ? line.split("\t") : line.split("\\s+");
            if (first) {
                first = false;
                if (f.length >= 3 && !isNumber(f[scoreColumn])) {
                    for (int c = 0; c < f.length; c++) {
                        if (f[c].strip().toLowerCase(Locale.ROOT).equals("simlex999")) scoreColumn = c;
                    }
                    continue; // header line
                }
            }
            if (f.length <= scoreColumn) {
                throw DataFiles.malformed(file, i + 1, "expected 'word1 word2 score', got '" + line + "'");
            }
            double score = DataFiles.parseNumber(file, i + 1, f[scoreColumn]);
            out.add(new WordPair(f[0].strip(), f[1].strip(), score));
        }
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
