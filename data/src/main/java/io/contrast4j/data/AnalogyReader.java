package io.contrast4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Reads analogy files in the format of the Google set ({@code questions-words.txt}):
 * {@code : section} header lines, then four words a line ("a b c d": a is to b as c is to d).
 * A question before any section header, or a line without exactly four words, is an error.
 */
public final class AnalogyReader {
    private AnalogyReader() {}

    public static List<AnalogyQuestion> read(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        List<AnalogyQuestion> out = new ArrayList<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            if (line.startsWith(":")) {
                section = line.substring(1).strip();
                if (section.isEmpty()) throw DataFiles.malformed(file, i + 1, "empty section name");
                continue;
            }
            if (section == null) throw DataFiles.malformed(file, i + 1, "question before the first ': section' header");
            String[] w = line.split("\\s+");
            if (w.length != 4) throw DataFiles.malformed(file, i + 1, "expected 4 words, got " + w.length + ": '" + line + "'");
            out.add(new AnalogyQuestion(section, w[0], w[1], w[2], w[3]));
        }
        return out;
    }

    /** The section names of {@code questions}, in first-seen order. */
    public static List<String> sections(List<AnalogyQuestion> questions) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        questions.forEach(q -> s.add(q.section()));
        return List.copyOf(s);
    }
}
