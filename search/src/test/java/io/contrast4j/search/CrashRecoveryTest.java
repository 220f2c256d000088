package io.contrast4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during indexing: a child JVM indexes and commits periodically; it is killed with
 * SIGKILL (Process.destroyForcibly) between commits. The index must reopen at its last commit,
 * pass Lucene's CheckIndex, be searchable, and accept further writes.
 */
class CrashRecoveryTest {
    @TempDir Path dir;

    @Test
    void killedMidBuildTheLastCommitIsIntactAndSearchable() throws Exception {
        Path index = dir.resolve("index");
        int commitEvery = 100;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), CrashingIndexer.class.getName(), index.toString(),
                Integer.toString(commitEvery)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastSeen = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int commits = 0;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    lastSeen = Long.parseLong(line.substring(10));
                    if (++commits == 3) {
                        break;
                    }
                }
            }
            // Let it get part-way into the next batch of documents, then SIGKILL.
            Thread.sleep(150);
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(lastSeen >= 3L * commitEvery, "child reached its third commit (saw " + lastSeen + ")");
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        try (var d = FSDirectory.open(index); CheckIndex check = new CheckIndex(d)) {
            CheckIndex.Status status = check.checkIndex();
            assertTrue(status.clean, "CheckIndex after kill -9");
        }
        HashingEmbedder embedder = new HashingEmbedder(64);
        int passages;
        try (SemanticSearcher searcher = SemanticSearcher.open(index, embedder)) {
            passages = searcher.passages();
            assertTrue(passages >= lastSeen, passages + " passages, last reported commit " + lastSeen);
            assertEquals(0, passages % commitEvery, "only whole commits survive: " + passages);
            long probe = lastSeen - 1;
            // Generated texts share words, so near-duplicates tie with the probe: it must be among the top 10.
            SearchResults hit = searcher.search(new SearchRequest(CrashingIndexer.text(probe), 10, SearchMode.VECTOR));
            assertTrue(hit.hits().stream().anyMatch(h -> h.id().equals("doc-" + probe)), hit.hits().toString());
            SearchResults text = searcher.search(new SearchRequest("Document " + probe, 3, SearchMode.TEXT,
                    Map.of("parity", probe % 2 == 0 ? "even" : "odd"), 5));
            assertEquals("doc-" + probe, text.hits().get(0).id());
        }
        // The lock died with the process: the index takes new writes.
        try (SearchIndexWriter writer = SearchIndexWriter.open(index, embedder, "hashing", IndexSettings.DEFAULT, null)) {
            writer.add(new IndexDocument("after-crash", "written after the crash", "en", Map.of()));
        }
        try (SemanticSearcher searcher = SemanticSearcher.open(index, embedder)) {
            assertEquals(passages + 1, searcher.passages());
        }
    }
}
