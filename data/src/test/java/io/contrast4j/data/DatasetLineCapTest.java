package io.contrast4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import io.contrast4j.data.parallel.ParallelTsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset and TSV readers stop at the line cap with FILE:LINE, like the corpus readers. */
class DatasetLineCapTest {
    @TempDir Path dir;
    private String old;

    @BeforeEach
    void lowCap() {
        old = System.getProperty(BoundedLineReader.MAX_LINE_PROPERTY);
        System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, "100");
    }

    @AfterEach
    void restore() {
        if (old == null) System.clearProperty(BoundedLineReader.MAX_LINE_PROPERTY);
        else System.setProperty(BoundedLineReader.MAX_LINE_PROPERTY, old);
    }

    private static String capMessage(Exception e) {
        return e.getMessage().substring(0, e.getMessage().indexOf(" ("));
    }

    @Test
    void wordSimilarityFile() throws IOException {
        Path f = Files.writeString(dir.resolve("ws.txt"), "cat\tdog\t7.0\n" + "x".repeat(101) + "\tdog\t1\n");
        UserInputException e = assertThrows(UserInputException.class, () -> WordSimReader.read(f));
        assertEquals(f + ":2: line longer than 100 bytes", capMessage(e));
    }

    @Test
    void stsFileAndParallelTsv() throws IOException {
        Path sick = Files.writeString(dir.resolve("SICK.txt"), "pair_ID\tsentence_A\n" + "y".repeat(200) + "\n");
        UserInputException e = assertThrows(UserInputException.class, () -> SickReader.read(sick));
        assertEquals(sick + ":2: line longer than 100 bytes", capMessage(e));
        Path tsv = Files.writeString(dir.resolve("p.tsv"), "a\tb\n".repeat(3) + "c".repeat(150) + "\td\n");
        e = assertThrows(UserInputException.class, () -> ParallelTsv.read(tsv));
        assertEquals(tsv + ":4: line longer than 100 bytes", capMessage(e));
    }
}
