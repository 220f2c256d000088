package io.contrast4j.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import io.contrast4j.cli.TestSentences;
import io.contrast4j.core.io.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index build} embeds a batch while the previous one is written to Lucene: the index it
 * builds from text must hold, for every document, the vector {@code encode} gives the same line
 * with the same model (real all-MiniLM-L6-v2; batches differ, so within 1e-5).
 */
class IndexBuildVectorsTest {
    @TempDir Path dir;

    @Test
    void theIndexHoldsTheVectorsThatEncodeWrites() throws Exception {
        List<String> lines = new ArrayList<>(List.of(TestSentences.EVERYDAY));
        lines.addAll(SearchCommandsTest.DOCS.values());
        Path txt = Files.write(dir.resolve("lines.txt"), lines);
        StringBuilder jsonl = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            jsonl.append(json.writeValueAsString(Map.of("id", Integer.toString(i), "text", lines.get(i)))).append('\n');
        }
        Path corpus = Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        Path npy = dir.resolve("encoded.npy");
        Path index = dir.resolve("index");
        CliRun encode = CliRun.of("encode", "--in", txt.toString(), "--out", npy.toString(), "--quiet");
        assertEquals(0, encode.exit(), encode.err());
        // Windows of 16 texts (batch 1) and a commit every 5 documents: writes and commits overlap the next window's encoding.
        CliRun build = CliRun.of("index", "build", "--model", "minilm", "--corpus", corpus.toString(), "--index", index.toString(),
                "--batch-size", "1", "--commit-every", "5", "--quiet");
        assertEquals(0, build.exit(), build.err());
        assertEquals(lines.size(), json.readTree(build.out()).get("documents").asInt());

        NpyReader.Matrix expected = NpyReader.read(npy);
        int seen = 0;
        try (var directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            assertEquals(lines.size(), reader.numDocs());
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != KnnVectorValues.DocIndexIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    int row = Integer.parseInt(leaf.reader().storedFields().document(doc).get("id"));
                    float[] got = values.vectorValue(it.index());
                    float[] want = expected.row(row);
                    for (int d = 0; d < want.length; d++) {
                        assertEquals(want[d], got[d], 1e-5, "document " + row + " (" + lines.get(row) + ") dim " + d);
                    }
                    seen++;
                }
            }
        }
        assertEquals(lines.size(), seen);
    }
}
