package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabularyTest {
    @TempDir Path dir;

    @Test
    void sortsByCountThenFirstAppearanceAndKeepsEndOfSentenceFirst() throws Exception {
        Path f = TestCorpora.write(dir, "c.txt", List.of("b a c a", "c d b e", "\r\nd\ta"));
        Vocabulary v = Vocabulary.build(f, 2, 0);
        // a:3, b:2, c:2, d:2 (ties in order of first appearance: b, c, d); e:1 dropped
        assertEquals(List.of("</s>", "a", "b", "c", "d"), v.words());
        assertEquals(4, v.count(0), "one </s> per newline, the blank line included");
        assertEquals(3, v.count(1));
        assertEquals(4 + 3 + 2 + 2 + 2, v.totalCount());
        assertEquals(2, v.indexOf("b"));
        assertEquals(-1, v.indexOf("e"));
    }

    @Test
    void maxSizeKeepsTheMostFrequent() throws Exception {
        Path f = TestCorpora.write(dir, "c.txt", List.of("b a c a", "c d b e", "d a"));
        assertEquals(List.of("</s>", "a", "b"), Vocabulary.build(f, 1, 2).words());
    }

    @Test
    void realTextVocabularyIsFrequencySorted() throws Exception {
        Vocabulary v = Vocabulary.build(TestCorpora.sotuTokenized(dir), 5, 0);
        assertEquals("the", v.word(1));
        for (int i = 2; i < v.size(); i++) assertTrue(v.count(i - 1) >= v.count(i));
    }

    @Test
    void emptyCorpusAndNoVocabularyAreUserErrors() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        UserInputException e = assertThrows(UserInputException.class, () -> Vocabulary.build(empty, 1, 0));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path blank = TestCorpora.write(dir, "blank.txt", List.of("", "  ", ""));
        assertThrows(UserInputException.class, () -> Vocabulary.build(blank, 1, 0));
        Path f = TestCorpora.write(dir, "c.txt", List.of("a b c"));
        e = assertThrows(UserInputException.class, () -> Vocabulary.build(f, 2, 0));
        assertTrue(e.getMessage().contains("--min-count 2"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> Vocabulary.build(dir.resolve("missing.txt"), 1, 0));
        assertTrue(e.getMessage().contains("missing.txt"), e.getMessage());
    }
}
