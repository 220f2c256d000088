package io.contrast4j.eval.discourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import io.contrast4j.eval.TaskResult;
import io.contrast4j.eval.discourse.DiscourseProbeData.AdjacentPair;
import io.contrast4j.eval.discourse.DiscourseProbeData.PositionExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DiscoEval's file layout, written from real documents (the SOTU sample): the reader must give back
 * what was written, name the tasks as DiscoEval does, skip incomplete domains, and the probes must
 * read the order through it when the embedding carries it.
 */
class DiscoEvalFilesTest {

    private static List<List<String>> documents;

    @BeforeAll
    static void load() throws IOException {
        documents = DiscourseEvaluationTest.sotuDocuments();
    }

    /** Documents 0-5 train, 6 valid, 7 test, as DiscoEval splits its sources. */
    private static List<List<String>> docs(String split) {
        return switch (split) {
            case "train" -> documents.subList(0, 6);
            case "valid" -> documents.subList(6, 7);
            default -> documents.subList(7, 8);
        };
    }

    /** SP lines: window w of document d has its sentence (d + w) % 5 moved to the front. */
    private static List<PositionExample> writeSp(Path dir, String split) throws IOException {
        List<PositionExample> written = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<List<String>> split_ = docs(split);
        for (int d = 0; d < split_.size(); d++) {
            List<String> doc = split_.get(d);
            for (int w = 0; w + 5 <= doc.size() && w < 50; w += 5) {
                int from = (d + w / 5) % 5;
                List<String> shown = new ArrayList<>();
                shown.add(doc.get(w + from));
                for (int s = 0; s < 5; s++) if (s != from) shown.add(doc.get(w + s));
                written.add(new PositionExample(List.copyOf(shown), from));
                lines.add(from + "\t" + String.join("\t", shown));
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(split + ".txt"), lines);
        return written;
    }

    private static List<AdjacentPair> writeBso(Path dir, String split) throws IOException {
        List<AdjacentPair> written = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (List<String> doc : docs(split)) {
            for (int i = 0; i + 1 < doc.size() && i < 80; i += 2) {
                written.add(new AdjacentPair(doc.get(i), doc.get(i + 1)));
                lines.add(" " + doc.get(i) + "\t" + doc.get(i + 1) + " "); // outer spaces are trimmed
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve(split + ".txt"), lines);
        return written;
    }

    @Test
    void readsWhatWasWrittenNamesTasksAsDiscoEvalAndSkipsIncompleteDomains(@TempDir Path root) throws IOException {
        List<List<PositionExample>> sp = new ArrayList<>();
        List<List<AdjacentPair>> bso = new ArrayList<>();
        for (String split : List.of("train", "valid", "test")) {
            sp.add(writeSp(root.resolve("SP/rocstory"), split));
            bso.add(writeBso(root.resolve("BSO/wiki"), split));
        }
        writeSp(root.resolve("SP/wiki"), "valid"); // no train.txt or test.txt: skipped, as in a partial download
        DiscourseTasks suite = DiscoEvalFiles.read(root);
        assertEquals(List.of("SProc", "BSOwiki"), suite.taskNames());
        assertEquals(List.of("SP/wiki (no train.txt, test.txt)"), suite.skipped());
        ProbeSplits<PositionExample> roc = suite.position().get("SProc");
        assertEquals(List.of(sp.get(0), sp.get(1), sp.get(2)), List.of(roc.train(), roc.valid(), roc.test()));
        ProbeSplits<AdjacentPair> wiki = suite.order().get("BSOwiki");
        assertEquals(List.of(bso.get(0), bso.get(1), bso.get(2)), List.of(wiki.train(), wiki.valid(), wiki.test()));
        assertEquals(3, suite.limit(3).position().get("SProc").train().size());

        List<TaskResult> oracle = DiscourseEvaluation.evaluate(DiscourseEvaluationTest.positionOracle(documents), suite, 2);
        assertEquals("SProc", oracle.get(0).task());
        assertEquals(roc.test().size(), oracle.get(0).metrics().get("n").intValue());
        assertTrue(oracle.get(0).mainScore() > 50, "SP with positions: " + oracle.get(0).mainScore());
        assertEquals("BSOwiki", oracle.get(1).task());
        assertEquals(2 * wiki.test().size(), oracle.get(1).metrics().get("n").intValue(), "each pair in both orders");
        assertTrue(oracle.get(1).mainScore() > 95, "BSO with positions: " + oracle.get(1).mainScore());
    }

    @Test
    void badLinesAreRefusedWithFileAndLine(@TempDir Path root) throws IOException {
        Path roc = root.resolve("SP/rocstory");
        for (String split : List.of("train", "valid", "test")) writeSp(roc, split);
        List<String> lines = new ArrayList<>(Files.readAllLines(roc.resolve("valid.txt")));
        lines.set(2, "7" + lines.get(2).substring(1));
        Files.write(roc.resolve("valid.txt"), lines);
        UserInputException e = assertThrows(UserInputException.class, () -> DiscoEvalFiles.read(root));
        assertTrue(e.getMessage().startsWith(roc.resolve("valid.txt") + ":3: label must be 0-4"), e.getMessage());

        lines.set(2, lines.get(2).substring(0, lines.get(2).lastIndexOf('\t')));
        Files.write(roc.resolve("valid.txt"), lines);
        e = assertThrows(UserInputException.class, () -> DiscoEvalFiles.read(root));
        assertTrue(e.getMessage().startsWith(roc.resolve("valid.txt") + ":3: expected a label and 5 sentences"), e.getMessage());

        UserInputException empty = assertThrows(UserInputException.class, () -> DiscoEvalFiles.read(root.resolve("SP")));
        assertTrue(empty.getMessage().contains("no DiscoEval SP/<domain> or BSO/<domain> folder"), empty.getMessage());
    }
}
