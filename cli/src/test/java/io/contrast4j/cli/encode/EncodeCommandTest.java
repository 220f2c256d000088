package io.contrast4j.cli.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.Contrast4j;
import io.contrast4j.core.io.NpyReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code contrast4j encode} end to end with the embedded minilm. */
class EncodeCommandTest {

    static final List<String> LINES = List.of("A man is playing a guitar.", "", "A person plays an instrument.",
            "Ünïcödé text, too.", "word ".repeat(300).trim());

    @TempDir Path dir;

    @Test
    void jsonlAndNpyHoldTheSameVectorsInInputOrder() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.write(in, LINES, StandardCharsets.UTF_8);
        Path jsonl = dir.resolve("out.jsonl");
        Path npy = dir.resolve("out/vectors.npy");
        assertEquals(0, Contrast4j.execute("encode", "--model", "minilm", "--in", in.toString(), "--out",
                jsonl.toString(), "--batch-size", "2", "--quiet"));
        assertEquals(0, Contrast4j.execute("encode", "--in", in.toString(), "--out", npy.toString(), "--quiet"));

        ObjectMapper json = new ObjectMapper();
        List<String> rows = Files.readAllLines(jsonl, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(LINES.size(), rows.size());
        NpyReader.Matrix m = NpyReader.read(npy);
        assertEquals(LINES.size(), m.rows());
        assertEquals(384, m.cols());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = json.readTree(rows.get(i));
            assertEquals(LINES.get(i), row.get("text").asText(), "line " + i + " in input order");
            float[] v = new float[row.get("embedding").size()];
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) row.get("embedding").get(d).asDouble();
            }
            float[] fromNpy = m.row(i);
            for (int d = 0; d < v.length; d++) {
                assertEquals(fromNpy[d], v[d], 1e-5, "line " + i + " dim " + d + " (batch 2 vs 32)");
            }
        }
        // the two guitar sentences are the example pair
        double cos = 0;
        for (int d = 0; d < 384; d++) {
            cos += m.row(0)[d] * m.row(2)[d];
        }
        assertEquals(0.666, cos, 0.005);
    }

    @Test
    void badInputsExitWithOneLineErrors() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.write(in, List.of("hello"));
        assertOneLineError(2, "missing.txt", "encode", "--in", dir.resolve("missing.txt").toString(), "--out",
                dir.resolve("o.npy").toString());
        assertOneLineError(2, ".npy or .jsonl", "encode", "--in", in.toString(), "--out", dir.resolve("o.csv").toString());
        assertOneLineError(2, "no-such-model", "encode", "--model", dir.resolve("no-such-model").toString(), "--in",
                in.toString(), "--out", dir.resolve("o.npy").toString());
        Path empty = Files.createDirectory(dir.resolve("emptymodel"));
        assertOneLineError(2, "config.json", "encode", "--model", empty.toString(), "--in", in.toString(), "--out",
                dir.resolve("o.npy").toString());
        assertOneLineError(2, "--batch-size", "encode", "--in", in.toString(), "--out", dir.resolve("o.npy").toString(),
                "--batch-size", "0");
    }

    @Test
    void onnxRuntimeEnginesMatchDjlAndRecordThemselves() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.write(in, LINES, StandardCharsets.UTF_8);
        Path djl = dir.resolve("djl.npy");
        Path ort = dir.resolve("ort.npy");
        Path int8 = dir.resolve("int8.npy");
        assertEquals(0, Contrast4j.execute("encode", "--in", in.toString(), "--out", djl.toString(), "--quiet"));
        io.contrast4j.cli.CliRun fp32Run = io.contrast4j.cli.CliRun.of("encode", "--engine", "onnxruntime", "--in", in.toString(),
                "--out", ort.toString(), "--batch-size", "2", "--quiet");
        assertEquals(0, fp32Run.exit(), fp32Run.err());
        JsonNode summary = new ObjectMapper().readTree(fp32Run.out());
        assertEquals("onnxruntime", summary.get("engine").asText());
        assertEquals("fp32", summary.get("precision").asText());
        assertEquals(LINES.size(), summary.get("sentences").asInt());
        assertEquals(0, Contrast4j.execute("encode", "--engine", "onnxruntime", "--precision", "int8", "--in", in.toString(),
                "--out", int8.toString(), "--quiet"));
        NpyReader.Matrix a = NpyReader.read(djl);
        NpyReader.Matrix b = NpyReader.read(ort);
        NpyReader.Matrix q = NpyReader.read(int8);
        assertEquals(LINES.size(), b.rows());
        assertEquals(LINES.size(), q.rows());
        for (int i = 0; i < LINES.size(); i++) {
            double cosInt8 = 0;
            for (int d = 0; d < 384; d++) {
                // the same graph in fp32: the parity the issue asks of DJL vs ONNX Runtime, row by row in input order
                assertEquals(a.row(i)[d], b.row(i)[d], 1e-5, "line " + i + " dim " + d);
                cosInt8 += a.row(i)[d] * q.row(i)[d];
            }
            // int8 weights move each vector a little, not to another sentence's place
            assertTrue(cosInt8 > 0.97 && cosInt8 < 0.99999, "line " + i + ": cos(fp32, int8) = " + cosInt8);
        }
    }

    @Test
    void engineOptionsRejectImpossibleCombinations() throws IOException {
        Path in = dir.resolve("in.txt");
        Files.write(in, List.of("hello"));
        String out = dir.resolve("o.npy").toString();
        assertOneLineError(2, "engine onnxruntime", "encode", "--precision", "int8", "--in", in.toString(), "--out", out);
        assertOneLineError(2, "--engine: expected djl or onnxruntime", "encode", "--engine", "tensorflow", "--in", in.toString(),
                "--out", out);
        assertOneLineError(2, "--precision: expected fp32 or int8", "encode", "--engine", "onnxruntime", "--precision", "fp16",
                "--in", in.toString(), "--out", out);
        assertOneLineError(2, "--engine djl", "encode", "--engine", "onnxruntime", "--prompt", "query: ", "--in", in.toString(),
                "--out", out);
    }

    @Test
    void helpWorks() {
        assertEquals(0, Contrast4j.execute("encode", "--help"));
    }

    private static void assertOneLineError(int code, String mention, String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Contrast4j.execute(args);
        } finally {
            System.setErr(old);
        }
        String err = buf.toString(StandardCharsets.UTF_8).strip();
        assertEquals(code, rc, err);
        assertTrue(err.contains(mention), err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
}
