package io.contrast4j.sentence.negatives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contrast4j.core.UserInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsTsvTest {

    @Test
    void roundTripsAndCleansTabsAndLineBreaks(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mined.tsv");
        List<TrainingExample> in = List.of(
                new TrainingExample("an anchor", "its positive", List.of("neg one", "a\tnegative\nwith breaks")),
                TrainingExample.pair("second", "pair"));
        assertEquals(1, PairsTsv.write(f, in));
        List<TrainingExample> back = PairsTsv.read(f);
        assertEquals(List.of(new TrainingExample("an anchor", "its positive", List.of("neg one", "a negative with breaks")),
                TrainingExample.pair("second", "pair")), back);
    }

    @Test
    void badLinesNameFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "\uFEFFa\tb\n\nno tab here\n", StandardCharsets.UTF_8);
        UserInputException e = assertThrows(UserInputException.class, () -> PairsTsv.read(f));
        assertEquals(f + ":3: expected anchor<TAB>positive[<TAB>negative...], found no tab", e.getMessage());
        Files.writeString(f, "a\tb\tc\na\t\n", StandardCharsets.UTF_8);
        e = assertThrows(UserInputException.class, () -> PairsTsv.read(f));
        assertEquals(f + ":2: column 2 (positive) is empty", e.getMessage());
        Files.write(f, new byte[] {'a', '\t', (byte) 0xC3, (byte) 0x28, '\n'});
        e = assertThrows(UserInputException.class, () -> PairsTsv.read(f));
        assertEquals(f + ":1: not valid UTF-8 text", e.getMessage());
        assertThrows(UserInputException.class, () -> PairsTsv.read(dir.resolve("missing.tsv")));
    }
}
