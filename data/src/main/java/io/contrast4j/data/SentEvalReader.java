package io.contrast4j.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads SentEval's classification tasks in their original files, following SentEval's own loaders
 * (file order, labels, encodings) so that counts and splits match published numbers.
 */
public final class SentEvalReader {
    /** TREC's six coarse question types (Li & Roth 2002). */
    public static final Set<String> TREC_COARSE = Set.of("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM");

    private SentEvalReader() {}

    /**
     * MR, CR, SUBJ or MPQA under the datasets {@code root}: one sentence a line, one file per class,
     * label "1" lines first then label "0" (see {@link SentEvalLayout#binaryTask} for which file is
     * which). Read as ISO-8859-1 because SentEval's BinaryClassifierEval does (the files are ASCII
     * as distributed, so nothing changes for them). Blank lines are kept as empty texts: SentEval
     * keeps them, and the published sizes (CR 3,775, MPQA 10,606) count them.
     */
    public static List<LabeledText> readBinary(Path root, String task) {
        SentEvalLayout.BinaryFiles files = SentEvalLayout.binaryTask(root, task);
        List<LabeledText> out = new ArrayList<>();
        for (String line : DataFiles.readLines(files.positive(), StandardCharsets.ISO_8859_1)) {
            out.add(new LabeledText(line.strip(), "1"));
        }
        for (String line : DataFiles.readLines(files.negative(), StandardCharsets.ISO_8859_1)) {
            out.add(new LabeledText(line.strip(), "0"));
        }
        return out;
    }

    /**
     * An SST file, SST-2 ({@code SST/binary/sentiment-*}: sentence TAB label 0/1) or SST-5
     * ({@code SST/fine/sentiment-*}: label 0-4, a space, then the sentence); the layout is recognised
     * per line by the presence of a tab. UTF-8, as SentEval's SSTEval reads it.
     */
    public static List<LabeledText> readSst(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        List<LabeledText> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String text, label;
            int tab = line.lastIndexOf('\t');
            if (tab >= 0) {
                text = line.substring(0, tab);
                label = line.substring(tab + 1).strip();
            } else {
                String s = line.strip();
                int sp = s.indexOf(' ');
                if (sp < 0) throw DataFiles.malformed(file, i + 1, "expected 'sentence<TAB>label' or 'label sentence'");
                label = s.substring(0, sp);
                text = s.substring(sp + 1);
            }
            int l = DataFiles.parseInt(file, i + 1, label);
            if (l < 0 || l > 4) throw DataFiles.malformed(file, i + 1, "expected a label 0-4, got '" + label + "'");
            out.add(new LabeledText(text.strip(), Integer.toString(l)));
        }
        return out;
    }

    /**
     * A TREC question file ({@code train_5500.label}, {@code TREC_10.label}): {@code COARSE:fine
     * question} a line; the label is the coarse type. Read as ISO-8859-1, as SentEval's TRECEval
     * does: {@code train_5500.label} holds a Latin-1 byte (0xF0) that is not valid UTF-8.
     */
    public static List<LabeledText> readTrec(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.ISO_8859_1);
        List<LabeledText> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            int space = line.indexOf(' ');
            if (colon <= 0 || space < colon) {
                throw DataFiles.malformed(file, i + 1, "expected 'COARSE:fine question', got '" + line + "'");
            }
            String coarse = line.substring(0, colon);
            if (!TREC_COARSE.contains(coarse)) {
                throw DataFiles.malformed(file, i + 1, "unknown question type '" + coarse + "' (expected one of "
                        + String.join(", ", TREC_COARSE.stream().sorted().toList()) + ")");
            }
            out.add(new LabeledText(line.substring(space + 1).strip(), coarse));
        }
        return out;
    }

    /**
     * An MRPC file ({@code msr_paraphrase_train.txt}, {@code msr_paraphrase_test.txt}): tab
     * separated with a header row (Quality, #1 ID, #2 ID, #1 String, #2 String); label "0"/"1".
     * UTF-8 (the files start with a byte-order mark, which is dropped), as SentEval's MRPCEval reads them.
     */
    public static List<LabeledPair> readMrpc(Path file) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        List<LabeledPair> out = new ArrayList<>(Math.max(0, lines.size() - 1));
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = DataFiles.tabFields(line);
            if (f.length < 5) throw DataFiles.malformed(file, i + 1, "expected 5 tab-separated columns, got " + f.length);
            String label = f[0].strip();
            if (!label.equals("0") && !label.equals("1")) {
                throw DataFiles.malformed(file, i + 1, "expected a label 0 or 1, got '" + f[0] + "'");
            }
            out.add(new LabeledPair(f[3].strip(), f[4].strip(), label));
        }
        return out;
    }
}
