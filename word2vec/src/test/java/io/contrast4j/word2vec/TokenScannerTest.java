package io.contrast4j.word2vec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenScannerTest {
    @TempDir Path dir;

    private List<String> tokens(String text, long start, int bufferSize) throws Exception {
        Path f = dir.resolve("t.txt");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f)) {
            TokenScanner s = new TokenScanner(ch, bufferSize);
            s.seek(start);
            int k;
            while ((k = s.next()) != TokenScanner.EOF) {
                out.add(k == TokenScanner.NEWLINE ? "</s>"
                        : new String(s.word, 0, s.wordLength, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void splitsLikeTheCTool() throws Exception {
        // tiny buffers exercise refills in the middle of words
        for (int buf : new int[] {1, 3, 7, 1 << 16}) {
            assertEquals(List.of("ab", "c", "</s>", "</s>", "déjà", "vu", "</s>", "x"),
                    tokens("ab  c\r\n\n\tdéjà vu\nx", 0, buf), "buffer " + buf);
        }
    }

    @Test
    void seekingIntoAWordSkipsItsTail() throws Exception {
        assertEquals(List.of("world", "</s>", "again"), tokens("hello world\nagain", 2, 4));
        assertEquals(List.of("world", "</s>", "again"), tokens("hello world\nagain", 6, 4));
        assertEquals(List.of("</s>", "again"), tokens("hello world\nagain", 9, 4));
    }

    @Test
    void longWordsAreCut() throws Exception {
        String w = "x".repeat(250);
        List<String> t = tokens(w + " y", 0, 16);
        assertEquals(2, t.size());
        assertEquals(TokenScanner.MAX_WORD_BYTES, t.get(0).length());
    }
}
