package io.contrast4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvLinesTest {
    @TempDir Path dir;

    @Test
    void skipsTheByteOrderMarkAndBlankLinesAndNumbersLinesFromOne() throws IOException {
        Path f = dir.resolve("a.tsv");
        Files.writeString(f, "\uFEFFa\tb\n\n   \nc\td\n");
        List<String> got = TsvLines.read(f, "test TSV", (line, where) -> where.substring(where.lastIndexOf(':') + 1) + "=" + line);
        assertEquals(List.of("1=a\tb", "4=c\td"), got);
    }

    @Test
    void missingFilesBadEncodingAndParserErrorsAreUserErrors() throws IOException {
        UserInputException missing = assertThrows(UserInputException.class,
                () -> TsvLines.read(dir.resolve("none.tsv"), "test TSV", (l, w) -> l));
        assertTrue(missing.getMessage().startsWith("test TSV not found: "), missing.getMessage());
        Path latin1 = dir.resolve("latin1.tsv");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\t', 'x', '\n'});
        UserInputException enc = assertThrows(UserInputException.class, () -> TsvLines.read(latin1, "test TSV", (l, w) -> l));
        assertEquals(latin1 + ":1: not valid UTF-8 text", enc.getMessage());
        Path f = dir.resolve("b.tsv");
        Files.writeString(f, "ok\n\nbad\n");
        UserInputException bad = assertThrows(UserInputException.class, () -> TsvLines.read(f, "test TSV", (l, w) -> {
            if (l.equals("bad")) throw new UserInputException(w + ": bad line");
            return l;
        }));
        assertEquals(f + ":3: bad line", bad.getMessage());
    }
}
