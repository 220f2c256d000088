package io.contrast4j.data.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterleaveTest {
    @TempDir Path dir;

    private SourceRecord part(String name, List<String> lines) throws IOException {
        Files.write(dir.resolve(name + ".txt"), lines);
        long words = lines.stream().mapToLong(TextCleaner::countWords).sum();
        return new SourceRecord(name, "npm", name, "1", name + "@1", "", SourceRecord.PREPARED, null, null, null,
                null, null, null, name + ".txt", "x", lines.size(), words, 0);
    }

    @Test
    void sourcesAreMixedInProportionToTheirWords() throws IOException {
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < 100; i++) a.add("a" + i + " w w w"); // 100 docs of 4 words
        for (int i = 0; i < 10; i++) b.add("b" + i + " w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w w"); // 10 docs of 40
        Path corpus = dir.resolve("corpus.txt");
        DefaultCorpora.interleave(dir, List.of(part("a", a), part("b", b)), corpus);
        List<String> out = Files.readAllLines(corpus);
        assertEquals(110, out.size());
        // Each source keeps its order, and every tenth of the file holds one b document and ten a documents.
        assertEquals(a, out.stream().filter(l -> l.startsWith("a")).toList());
        assertEquals(b, out.stream().filter(l -> l.startsWith("b")).toList());
        for (int k = 0; k < 10; k++) {
            List<String> slice = out.subList(k * 11, k * 11 + 11);
            assertEquals(1, slice.stream().filter(l -> l.startsWith("b")).count(), "slice " + k + ": " + slice);
        }
    }
}
