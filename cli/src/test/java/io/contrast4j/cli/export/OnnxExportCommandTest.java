package io.contrast4j.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command writes the export folder and its provenance; bad input is one line and exit 2. */
class OnnxExportCommandTest {
    @TempDir Path tmp;

    @Test
    void exportsMiniLm() throws Exception {
        Path out = tmp.resolve("minilm-onnx");
        CliRun r = CliRun.of("export", "onnx", "--model", "minilm", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertEquals("[\"input_ids\",\"attention_mask\",\"token_type_ids\"]", summary.get("inputs").toString());
        assertEquals("mean", summary.get("pooling").asText());
        assertTrue(summary.get("normalize").asBoolean());
        assertEquals(Files.size(out.resolve("model.onnx")), summary.get("bytes").asLong());
        assertTrue(Files.size(out.resolve("model.onnx")) > 80_000_000, "all 22.7M float weights are in the file");
        for (String f : new String[] {"tokenizer.json", "config.json", "1_Pooling/config.json", "provenance.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void outThatIsAFileIsAUserError() throws Exception {
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        CliRun r = CliRun.of("export", "onnx", "--out", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("error: --out exists and is not a folder"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
