package io.contrast4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command, run with a table of bad inputs: each must end with exactly one line on stderr,
 * no stack frame of ours ("at io.contrast4j"), and the expected exit code (2 for the user's input,
 * 1 for the environment, e.g. a full disk).
 */
class CommandFailuresTest {
    @TempDir static Path dir;
    static String oldLogDir;

    static Path corpus, noNewline, bomb, goodVectors, index, corruptIndex, emptyDir, run, badVectors, pairs, aFile;

    @BeforeAll
    static void inputs() throws IOException {
        oldLogDir = System.getProperty("contrast4j.logDir");
        System.setProperty("contrast4j.logDir", dir.resolve("logs").toString());
        corpus = Files.writeString(dir.resolve("corpus.txt"), String.join("\n", TestSentences.EVERYDAY) + "\n");
        noNewline = dir.resolve("no-newline.txt");
        try (OutputStream out = Files.newOutputStream(noNewline)) {
            out.write("a sentence that never ends ".repeat(200).getBytes(StandardCharsets.US_ASCII)); // 5.4 kB, no newline
        }
        // a gzip bomb: 1 GB of zeros, 4.7 MB compressed, streamed (never held in memory)
        bomb = dir.resolve("bomb.txt.gz");
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) out.write(zeros);
        }
        emptyDir = Files.createDirectories(dir.resolve("empty"));
        aFile = Files.writeString(dir.resolve("a-file"), "x\n");
        goodVectors = Files.writeString(dir.resolve("good.vec"), "2 3\nthe 0.1 0.2 0.3\nof 0.3 0.2 0.1\n");
        badVectors = Files.writeString(dir.resolve("bad.vec"), "2 3\nthe 0.1 0.2 0.3\nof 0.1 x 0.3\n");
        pairs = TestSentences.writeLowercasedPairs(dir.resolve("pairs.tsv"), TestSentences.EVERYDAY);

        index = dir.resolve("index");
        CliRun built = CliRun.of("index", "build", "--model", "hashing", "--corpus", corpus.toString(), "--index",
                index.toString(), "--quiet");
        assertEquals(0, built.exit(), built.err());
        // the same index, then a commit whose contrast4j metadata is partial (a field missing, one garbled)
        corruptIndex = dir.resolve("corrupt-index");
        copyTree(index, corruptIndex);
        try (FSDirectory d = FSDirectory.open(corruptIndex);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            Map<String, String> data = new HashMap<>(SegmentInfos.readLatestCommit(d).getUserData());
            data.remove("contrast4j.dimension");
            data.put("contrast4j.hnsw_m", "sixteen");
            w.setLiveCommitData(data.entrySet());
            w.commit();
        }

        // a pretraining run stopped after one step with a checkpoint, to resume with the wrong seed / shape
        Path sotu = dir.resolve("sotu-3.txt");
        try (InputStream in = CommandFailuresTest.class.getResourceAsStream("pretrain/sotu-3.txt")) {
            Files.copy(in, sotu);
        }
        run = dir.resolve("run");
        CliRun first = CliRun.of(pretrain(sotu, "scratch:1x64", "42", "--stop-after", "1"));
        assertEquals(0, first.exit(), first.err());
    }

    @AfterAll
    static void restore() {
        if (oldLogDir == null) System.clearProperty("contrast4j.logDir");
        else System.setProperty("contrast4j.logDir", oldLogDir);
    }

    private static String[] pretrain(Path sotu, String model, String seed, String... more) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--objective", "declutr", "--model", model, "--corpus",
                sotu.toString(), "--out", run.toString(), "--steps", "2", "--batch-size", "4", "--max-span", "32",
                "--min-span", "8", "--holdout-every", "0", "--dev", "none", "--checkpoint-every", "1", "--seed", seed, "--quiet"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    /** One bad input; {@code progressFirst}: the command reports progress on stderr before it fails. */
    record Case(String name, int exit, String fragment, boolean progressFirst, String... args) {}

    static Case c(String name, int exit, String fragment, String... args) {
        return new Case(name, exit, fragment, false, args);
    }

    static List<Case> table() {
        Path sotu = dir.resolve("sotu-3.txt");
        String missing = dir.resolve("does-not-exist").toString();
        return List.of(
                // option parsing, for any command
                c("unknown option", 2, "Unknown option: '--bogus'", "search", "--index", "x", "--query", "q", "--bogus"),
                c("missing required option", 2, "Missing required option", "index", "build", "--model", "hashing"),
                c("not a number", 2, "Invalid value", "search", "--index", "x", "--query", "q", "--k", "ten"),
                c("bad line cap", 2, "--max-line-bytes 0", "--max-line-bytes", "0", "encode", "--in", "x", "--out", "y.npy"),
                // search
                c("k x over-fetch overflows", 2, "more than the limit of 100000",
                        "search", "--index", index.toString(), "--query", "q", "--k", "10000", "--over-fetch", "1000000"),
                c("k below 1", 2, "--k must be in 1..10000", "search", "--index", index.toString(), "--query", "q", "--k", "0"),
                c("partial index metadata", 2, "corrupt contrast4j metadata",
                        "search", "--index", corruptIndex.toString(), "--query", "q"),
                c("search a missing index", 2, "does-not-exist", "search", "--index", missing, "--query", "q"),
                c("search a folder that is no index", 2, "empty", "search", "--index", emptyDir.toString(), "--query", "q"),
                // index
                c("index a missing corpus", 2, "corpus not found",
                        "index", "build", "--model", "hashing", "--corpus", missing, "--index", dir.resolve("i2").toString()),
                c("index a corpus without newlines", 2, "no-newline.txt:1: line longer than 1024 bytes",
                        "--max-line-bytes", "1k", "index", "build", "--model", "hashing", "--corpus", noNewline.toString(),
                        "--index", dir.resolve("i3").toString(), "--quiet"),
                c("index a gzip bomb", 2, "bomb.txt.gz:1: line longer than 1048576 bytes", "index", "build", "--model",
                        "hashing", "--corpus", bomb.toString(), "--index", dir.resolve("i6").toString(), "--quiet"),
                c("pretrain on a gzip bomb", 2, "bomb.txt.gz:1: line longer than 1048576 bytes", "pretrain", "--objective",
                        "simcse", "--model", "scratch:1x64", "--corpus", bomb.toString(), "--out", dir.resolve("r4").toString(),
                        "--quiet"),
                c("index with hnsw-m 1", 2, "must be in 2..512", "index", "build", "--model", "hashing", "--corpus",
                        corpus.toString(), "--index", dir.resolve("i4").toString(), "--hnsw-m", "1"),
                c("index with a bad hashing model", 2, "DIM must be in 2..4096", "index", "build", "--model", "hashing:1",
                        "--corpus", corpus.toString(), "--index", dir.resolve("i5").toString()),
                c("delete from a missing index", 2, "does-not-exist", "index", "delete", "--index", missing, "x"),
                c("serve a missing index", 2, "does-not-exist", "serve", "--index", missing),
                // encode
                c("encode a missing file", 2, "does-not-exist", "encode", "--in", missing, "--out", dir.resolve("o.npy").toString()),
                c("encode a line over the cap", 2, "no-newline.txt:1: line longer than 1024 bytes",
                        "--max-line-bytes", "1k", "encode", "--in", noNewline.toString(), "--out", dir.resolve("o.npy").toString()),
                // word2vec
                c("tokenize onto a full disk", 1, "disk full",
                        "word2vec", "tokenize", "--in", corpus.toString(), "--out", "/dev/full"),
                c("tokenize a line over the cap", 2, "line longer than 1024 bytes",
                        "--max-line-bytes", "1k", "word2vec", "tokenize", "--in", noNewline.toString(), "--out", dir.resolve("t.txt").toString()),
                c("train on a missing corpus", 2, "does-not-exist",
                        "word2vec", "train", "--corpus", missing, "--out", dir.resolve("v.bin").toString()),
                c("train with dim 0", 2, "dim", "word2vec", "train", "--corpus", corpus.toString(), "--out",
                        dir.resolve("v.bin").toString(), "--dim", "0"),
                c("neighbors of malformed vectors", 2, "bad.vec line 3: value 2 of 'of' is not a number",
                        "word2vec", "neighbors", "--vectors", badVectors.toString(), "the"),
                // eval
                c("eval word similarity with missing vectors", 2, "does-not-exist",
                        "eval", "wordsim", "--vectors", missing),
                c("eval sts without a data folder", 2, "does-not-exist",
                        "eval", "sts", "--vectors", badVectors.toString(), "--data-dir", missing),
                c("eval analogy with missing vectors", 2, "does-not-exist", "eval", "analogy", "--vectors", missing),
                c("eval senteval without a data folder", 2, "does-not-exist",
                        "eval", "senteval", "--vectors", goodVectors.toString(), "--data-dir", missing),
                c("eval bitext with missing pairs", 2, "does-not-exist",
                        "eval", "bitext", "--vectors", goodVectors.toString(), "--pairs", missing),
                c("eval discourse on a corpus line over the cap", 2, "no-newline.txt:1: line longer than 1024 bytes",
                        "--max-line-bytes", "1k", "eval", "discourse", "--vectors", goodVectors.toString(), "--corpus",
                        noNewline.toString()),
                // data
                c("parallel data for an unknown language", 2, "--lang", "data", "parallel", "--lang", "xx", "--out",
                        dir.resolve("p.tsv").toString()),
                c("back-translate a missing file", 2, "does-not-exist", "data", "backtranslate", "--in", missing,
                        "--out", dir.resolve("b.tsv").toString()),
                c("corpora into a file", 2, "a-file", "data", "corpora", "--out", aFile.resolve("sub").toString()),
                // mine
                c("mine with a missing index", 2, "--index: folder not found", "mine", "--model", "hashing",
                        "--pairs", pairs.toString(), "--index", missing, "--out", dir.resolve("m.tsv").toString()),
                c("mine missing pairs", 2, "does-not-exist", "mine", "--pairs", missing, "--out", dir.resolve("m.tsv").toString()),
                // pretrain
                c("pretrain on a missing corpus", 2, "does-not-exist", "pretrain", "--objective", "simcse", "--model",
                        "scratch:1x64", "--corpus", missing, "--out", dir.resolve("r2").toString()),
                c("pretrain an unknown objective", 2, "objective", "pretrain", "--objective", "nope", "--corpus",
                        sotu.toString(), "--out", dir.resolve("r3").toString()),
                new Case("resume with another seed", 2, "was made with seed 42, this run has seed 7", true,
                        pretrain(sotu, "scratch:1x64", "7", "--resume")),
                new Case("resume with another shape", 2, "does not fit this model", true,
                        pretrain(sotu, "scratch:1x32", "42", "--resume")),
                // quickstart
                c("quickstart into a file", 2, "a-file", "quickstart", "--out", aFile.resolve("run").toString()));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandFailsWithOneLine() {
        return table().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CliRun r = CliRun.of(c.args());
            String err = r.err().strip();
            List<String> all = err.lines().filter(l -> !l.isBlank()).toList();
            // a command may report progress before it fails (pretrain's data summary); the failure is one line, the last
            List<String> lines = c.progressFirst() ? all.subList(all.size() - 1, all.size()) : all;
            assertEquals(1, lines.size(), c.name() + ": stderr must be one line, was:\n" + r.err());
            assertEquals(1, all.stream().filter(l -> l.startsWith("error: ")).count(), r.err());
            assertTrue(all.stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), r.err());
            assertFalse(err.contains("at io.contrast4j"), c.name() + ": a stack trace was printed:\n" + err);
            assertTrue(lines.get(0).startsWith("error: "), lines.get(0));
            assertTrue(lines.get(0).contains(c.fragment()), c.name() + ": expected '" + c.fragment() + "' in: " + lines.get(0));
            assertEquals(c.exit(), r.exit(), c.name() + ": " + lines.get(0));
            if (c.exit() == 1) {
                // environment errors leave their trace in a log file the line names
                String log = lines.get(0).replaceAll(".*\\(details in (.*)\\)$", "$1");
                assertTrue(Files.readString(Path.of(log)).contains("\tat "), log);
            }
        }));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }
}
