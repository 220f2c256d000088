package io.contrast4j.data.glue;

import io.contrast4j.core.UserInputException;
import io.contrast4j.data.DataFiles;
import io.contrast4j.data.LabeledPair;
import io.contrast4j.data.LabeledText;
import io.contrast4j.data.ScoredPair;
import io.contrast4j.data.SentEvalLayout;
import io.contrast4j.data.SentEvalReader;
import io.contrast4j.data.StsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GLUE tasks from the GLUE distribution's TSV files ({@code glue_data/<Task>/train.tsv},
 * {@code dev.tsv}, {@code test.tsv}; MNLI's {@code dev_matched.tsv} etc.), or SST-2, MRPC and STS-B
 * from the SentEval layout of the datasets folder.
 *
 * <p>The GLUE files are tab separated without quoting (sentences hold bare quotes), so fields are
 * split on tabs only. Columns are found by their header names, which the distribution keeps stable
 * across tasks' train/dev/test files; CoLA's train and dev files are the exception, with no header
 * and the columns source, label, original label, sentence. A malformed line is a
 * {@code file:line: cause} error; QQP's training file has a few rows with missing columns, which are
 * skipped, as the BERT reference implementation's QQP reader does.
 */
public final class GlueReader {
    private GlueReader() {}

    /** One GLUE TSV file of {@code task}. */
    public static List<GlueExample> read(Path file, GlueTask task) {
        List<String> lines = DataFiles.readLines(file, StandardCharsets.UTF_8);
        List<GlueExample> out = new ArrayList<>(lines.size());
        if (lines.isEmpty()) return out;
        String[] first = DataFiles.tabFields(lines.get(0));
        if (task == GlueTask.COLA && !first[0].strip().equals("index")) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String[] f = DataFiles.tabFields(lines.get(i));
                if (f.length < 4) throw DataFiles.malformed(file, i + 1, "expected 4 tab-separated columns (CoLA), got " + f.length);
                out.add(new GlueExample(Integer.toString(i), f[3].strip(), null, checkedLabel(task, file, i + 1, f[1])));
            }
            return out;
        }
        Columns c = Columns.of(task, first, file);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = DataFiles.tabFields(line);
            if (f.length <= c.maxIndex()) {
                if (task == GlueTask.QQP) continue;
                throw DataFiles.malformed(file, i + 1, "expected " + first.length + " tab-separated columns, got " + f.length);
            }
            String id = c.id >= 0 ? f[c.id].strip() : Integer.toString(i - 1);
            String label = c.label >= 0 ? checkedLabel(task, file, i + 1, f[c.label]) : null;
            out.add(new GlueExample(id, f[c.text1].strip(), c.text2 >= 0 ? f[c.text2].strip() : null, label));
        }
        return out;
    }

    /**
     * A task from the GLUE distribution: {@code root} is either {@code glue_data} or the task's
     * own folder. Training and the labelled dev files are required; test files are read when present.
     */
    public static GlueSplits readGlue(Path root, GlueTask task) {
        Path dir = Files.isDirectory(root.resolve(task.folderName())) ? root.resolve(task.folderName()) : root;
        DataFiles.requireDirectory(dir);
        Map<String, List<GlueExample>> scored = new LinkedHashMap<>();
        for (String split : task.devSplits()) scored.put(split, read(DataFiles.requireFile(dir.resolve(split + ".tsv")), task));
        Map<String, List<GlueExample>> unlabelled = new LinkedHashMap<>();
        for (String split : task.testSplits()) {
            Path f = dir.resolve(split + ".tsv");
            if (Files.isRegularFile(f)) unlabelled.put(split, read(f, task));
        }
        return new GlueSplits(task, "glue", read(DataFiles.requireFile(dir.resolve("train.tsv")), task), scored, unlabelled);
    }

    /**
     * SST-2, MRPC or STS-B from the SentEval layout under the datasets {@code root}. SST-2: train,
     * dev and test all labelled, dev and test scored. MRPC has no dev file there: train on train,
     * score test (which has labels). STS-B: dev and test scored.
     */
    public static GlueSplits readSentEval(Path root, GlueTask task) {
        Map<String, List<GlueExample>> scored = new LinkedHashMap<>();
        List<GlueExample> train;
        switch (task) {
            case SST2 -> {
                train = texts(SentEvalReader.readSst(SentEvalLayout.sst(root, false, "train")));
                scored.put("dev", texts(SentEvalReader.readSst(SentEvalLayout.sst(root, false, "dev"))));
                scored.put("test", texts(SentEvalReader.readSst(SentEvalLayout.sst(root, false, "test"))));
            }
            case MRPC -> {
                train = pairs(SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "train")));
                scored.put("test", pairs(SentEvalReader.readMrpc(SentEvalLayout.mrpc(root, "test"))));
            }
            case STSB -> {
                train = scores(StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "train")));
                scored.put("dev", scores(StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "dev"))));
                scored.put("test", scores(StsReader.readStsBenchmark(SentEvalLayout.stsBenchmark(root, "test"))));
            }
            default -> throw new IllegalArgumentException("task: " + task.folderName()
                    + " is not in the SentEval layout (SST-2, MRPC and STS-B are); give the GLUE distribution's folder");
        }
        return new GlueSplits(task, "senteval", train, scored, Map.of());
    }

    private static List<GlueExample> texts(List<LabeledText> in) {
        List<GlueExample> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) out.add(new GlueExample(Integer.toString(i), in.get(i).text(), null, in.get(i).label()));
        return out;
    }

    private static List<GlueExample> pairs(List<LabeledPair> in) {
        List<GlueExample> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            LabeledPair p = in.get(i);
            out.add(new GlueExample(Integer.toString(i), p.s1(), p.s2(), p.label()));
        }
        return out;
    }

    private static List<GlueExample> scores(List<ScoredPair> in) {
        List<GlueExample> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ScoredPair p = in.get(i);
            out.add(new GlueExample(Integer.toString(i), p.s1(), p.s2(), Double.toString(p.score())));
        }
        return out;
    }

    private static String checkedLabel(GlueTask task, Path file, int line, String raw) {
        String label = raw.strip();
        if (task.isRegression()) {
            double v = DataFiles.parseNumber(file, line, label);
            if (v < 0 || v > 5) throw DataFiles.malformed(file, line, "expected a score in [0, 5], got '" + label + "'");
            return label;
        }
        if (!task.labels().contains(label)) {
            throw DataFiles.malformed(file, line, "expected a label in " + task.labels() + ", got '" + label + "'");
        }
        return label;
    }

    /** Where a task's fields are in a file with a header row. */
    private record Columns(int id, int text1, int text2, int label) {
        int maxIndex() {
            return Math.max(Math.max(id, text1), Math.max(text2, label));
        }

        static Columns of(GlueTask task, String[] header, Path file) {
            List<String> h = new ArrayList<>();
            for (String s : header) h.add(s.strip().replace("\uFEFF", ""));
            String[] names = switch (task) {
                case COLA, SST2 -> new String[] {"sentence", null, "label"};
                case MRPC -> new String[] {"#1 String", "#2 String", "Quality"};
                case STSB -> new String[] {"sentence1", "sentence2", "score"};
                case QQP -> new String[] {"question1", "question2", "is_duplicate"};
                case MNLI -> new String[] {"sentence1", "sentence2", "gold_label"};
                case QNLI -> new String[] {"question", "sentence", "label"};
                case RTE -> new String[] {"sentence1", "sentence2", "label"};
            };
            int text1 = required(h, names[0], file);
            int text2 = names[1] == null ? -1 : required(h, names[1], file);
            int id = h.indexOf("index") >= 0 ? h.indexOf("index") : h.indexOf("id");
            return new Columns(id, text1, text2, h.indexOf(names[2]));
        }

        private static int required(List<String> header, String name, Path file) {
            int i = header.indexOf(name);
            if (i < 0) throw new UserInputException(file + ":1: no '" + name + "' column in the header " + header);
            return i;
        }
    }
}
