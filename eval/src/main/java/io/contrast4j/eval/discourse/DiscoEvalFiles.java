package io.contrast4j.eval.discourse;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.TsvLines;
import io.contrast4j.eval.discourse.DiscourseProbeData.AdjacentPair;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the SP and BSO sets of DiscoEval's data folder (Chen, Chu and Gimpel 2019; the {@code data}
 * folder of github.com/ZeweiChu/DiscoEval) as its {@code so.py} does:
 * <ul>
 *   <li>{@code SP/<domain>/{train,valid,test}.txt}: {@code label TAB s1 TAB ... TAB s5}, the label
 *       (0-4) being the original position of s1;
 *   <li>{@code BSO/<domain>/{train,valid,test}.txt}: {@code s1 TAB s2}, two adjacent sentences in order.
 * </ul>
 * Sentences are kept as written (DiscoEval's files are tokenized; its loader splits on whitespace and
 * its BERT batcher joins the tokens with single spaces, which trimming here reproduces). Task names
 * are DiscoEval's: {@code SPwiki}, {@code SParxiv}, {@code SProc} (folder {@code rocstory}), and
 * likewise for BSO. A domain without all three files is listed in {@link DiscourseTasks#skipped()}.
 */
public final class DiscoEvalFiles {

    private static final String[] SPLITS = {"train", "valid", "test"};

    private DiscoEvalFiles() {}

    /** @throws UserInputException if the folder has no SP or BSO task, or a line is malformed (FILE:LINE) */
    public static DiscourseTasks read(Path dataDir) {
        if (!Files.isDirectory(dataDir)) throw new UserInputException("DiscoEval data folder not found: " + dataDir);
        List<String> skipped = new ArrayList<>();
        Map<String, ProbeSplits<PositionExample>> position = new LinkedHashMap<>();
        for (Path domain : domains(dataDir.resolve("SP"))) {
            ProbeSplits<PositionExample> splits = readSplits(domain, skipped, DiscoEvalFiles::positionExample);
            if (splits != null) position.put("SP" + shortName(domain), splits);
        }
        Map<String, ProbeSplits<AdjacentPair>> order = new LinkedHashMap<>();
        for (Path domain : domains(dataDir.resolve("BSO"))) {
            ProbeSplits<AdjacentPair> splits = readSplits(domain, skipped, DiscoEvalFiles::adjacentPair);
            if (splits != null) order.put("BSO" + shortName(domain), splits);
        }
        if (position.isEmpty() && order.isEmpty()) {
            throw new UserInputException(dataDir + ": no DiscoEval SP/<domain> or BSO/<domain> folder with train.txt,"
                    + " valid.txt and test.txt" + (skipped.isEmpty() ? "" : " (incomplete: " + String.join(", ", skipped) + ")"));
        }
        return new DiscourseTasks(position, order, skipped);
    }

    /** DiscoEval's engine calls the ROCStories folder {@code roc}. */
    static String shortName(Path domain) {
        String name = domain.getFileName().toString();
        return name.equals("rocstory") ? "roc" : name;
    }

    private static List<Path> domains(Path taskDir) {
        if (!Files.isDirectory(taskDir)) return List.of();
        try (Stream<Path> s = Files.list(taskDir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface LineParser<E> {
        E parse(String[] fields, String where);
    }

    /** The domain's three sets, or null (and a line in {@code skipped}) when a file is missing. */
    private static <E> ProbeSplits<E> readSplits(Path domain, List<String> skipped, LineParser<E> parser) {
        List<String> missing = new ArrayList<>();
        for (String split : SPLITS) if (!Files.isRegularFile(domain.resolve(split + ".txt"))) missing.add(split + ".txt");
        String label = domain.getParent().getFileName() + "/" + domain.getFileName();
        if (!missing.isEmpty()) {
            skipped.add(label + " (no " + String.join(", ", missing) + ")");
            return null;
        }
        List<List<E>> sets = new ArrayList<>();
        for (String split : SPLITS) {
            Path file = domain.resolve(split + ".txt");
            List<E> examples = TsvLines.read(file, "DiscoEval file", (line, where) -> parser.parse(line.strip().split("\t", -1), where));
            if (examples.isEmpty()) throw new UserInputException(file + ": no examples");
            sets.add(examples);
        }
        return new ProbeSplits<>(sets.get(0), sets.get(1), sets.get(2));
    }

    private static PositionExample positionExample(String[] f, String where) {
        if (f.length != 1 + DiscourseProbeData.WINDOW) {
            throw new UserInputException(where + ": expected a label and " + DiscourseProbeData.WINDOW + " sentences (6 tab-separated fields), got " + f.length);
        }
        int label;
        try {
            label = Integer.parseInt(f[0].strip());
        } catch (NumberFormatException e) {
            label = -1;
        }
        if (label < 0 || label >= DiscourseProbeData.WINDOW) throw new UserInputException(where + ": label must be 0-4, got '" + f[0] + "'");
        List<String> five = new ArrayList<>(DiscourseProbeData.WINDOW);
        for (int i = 1; i < f.length; i++) five.add(sentence(f[i], where));
        return new PositionExample(List.copyOf(five), label);
    }

    private static AdjacentPair adjacentPair(String[] f, String where) {
        if (f.length != 2) throw new UserInputException(where + ": expected 2 tab-separated sentences, got " + f.length + " fields");
        return new AdjacentPair(sentence(f[0], where), sentence(f[1], where));
    }

    private static String sentence(String field, String where) {
        String s = field.strip();
        // DiscoEval's BERT batcher embeds "." for an empty sentence; keep the example the same way.
        return s.isEmpty() ? "." : s;
    }
}
